using Microsoft.Extensions.Configuration;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Samples.Placements;
using Warehouse.Tests.Core;

namespace Warehouse.Tests.Sources.Placements;

/// <summary>
/// LAC tests: the warehouse (reset by the base) plus the operational system, a second PostgreSQL database on
/// the same server with an empty csc.placement_episode before each test; the placement reference is loaded.
/// </summary>
public abstract class LacTestBase : DatabaseTest<PostgresProvider>
{
    protected const string Key = "test-pseudonymisation-key-0001";

    protected IWarehouseEngine Operational { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Operational = await OperationalDatabase.ResetAsync();
        await LoadReferenceAsync();
    }

    protected async Task LoadReferenceAsync()
    {
        var pipeline = new IngestionPipeline(Provider.Engine);
        var types = await pipeline.LoadFileAsync(new PlacementTypeSource(), RepositoryPaths.Combine("samples", "activity", "lac-placement-types.csv"));
        Assert.Equal(LoadStatus.Loaded, types.Status);
        var budget = await pipeline.LoadFileAsync(new BudgetSource(), RepositoryPaths.Combine("samples", "activity", "lac-budget-2018-19.csv"));
        Assert.Equal(LoadStatus.Loaded, budget.Status);
    }

    protected static IConfiguration Configuration(string? key = Key, string? connectionString = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:" + LacPlacementsSource.ConnectionStringName] = connectionString ?? OperationalDatabase.ConnectionString,
            [LacPlacementsSource.KeySetting] = key,
        }).Build();

    protected Task<LoadOutcome> ExtractAsync(DateTime asAt, bool fullRefresh = false, IConfiguration? configuration = null, Func<int, Task>? afterPage = null, int pageSize = 5000) =>
        new IngestionPipeline(Provider.Engine, time: new FixedTimeProvider(asAt)).RunExtractAsync(new LacPlacementsSource(configuration ?? Configuration())
        {
            FullRefresh = fullRefresh, AfterPage = afterPage, PageSize = pageSize,
        });

    private static long _clock;

    /// <summary>An episode with a fresh last-modified time later than any before (the operational system's clock).</summary>
    protected static OperationalEpisode Episode(long id, string child, string type, string start, string? end = null, decimal weekly = 700m,
        string? plannedEnd = null, DateTime? lastModified = null) =>
        new(id, child, "Name of " + child, new DateTime(2010, 1, 1), type, "Provider Ltd", DateTime.Parse(start),
            end is null ? null : DateTime.Parse(end), plannedEnd is null ? null : DateTime.Parse(plannedEnd), weekly,
            lastModified ?? new DateTime(2019, 1, 1).AddMinutes(Interlocked.Increment(ref _clock)));

    protected Task InsertAsync(params OperationalEpisode[] episodes) => ChildrensSocialCareSystem.InsertAsync(Operational, episodes);

    protected async Task ExecuteOperationalAsync(string sql, object? parameters = null)
    {
        await using var connection = Operational.CreateConnection();
        await connection.ExecuteAsync(sql, parameters);
    }

    protected static DateTime NextModified() => new DateTime(2019, 1, 1).AddMinutes(Interlocked.Increment(ref _clock));

    protected sealed record FactRow(int period_key, string placement_type_code, int snapshot_placements, int previous_snapshot_placements,
        int days_to_date, int committed_days, int days_in_year, decimal yearly_average, decimal spend_to_date, decimal committed_spend,
        decimal forecast_spend, decimal? average_weekly_cost, int batch_id);

    protected async Task<FactRow> FactAsync(int periodKey, string type)
    {
        await using var connection = await Provider.OpenAsync();
        return await connection.QuerySingleAsync<FactRow>("""
            SELECT period_key, placement_type_code, snapshot_placements, previous_snapshot_placements, days_to_date, committed_days,
                   days_in_year, yearly_average, spend_to_date, committed_spend, forecast_spend, average_weekly_cost, batch_id
            FROM dw.fact_lac_placement_month WHERE period_key = @periodKey AND placement_type_code = @type
            """, new { periodKey, type });
    }
}
