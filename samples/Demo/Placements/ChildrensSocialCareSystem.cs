using System.Data;
using System.Reflection;
using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Samples.Placements;

/// <summary>
/// Creates the (sample) children's social care database schema and writes episodes into it: used by the
/// `lac-sample create` command, the demo and the tests. The DDL is one script per engine, chosen by the
/// engine's script folder, as the migrations are.
/// </summary>
public static class ChildrensSocialCareSystem
{
    /// <summary>Creates the csc schema and an empty csc.placement_episode (dropping an earlier one).</summary>
    public static async Task CreateSchemaAsync(IWarehouseEngine engine, CancellationToken cancellationToken = default)
    {
        var name = $"Warehouse.Samples.Placements.csc.{Migrator.FolderOf(engine.Kind)}.sql";
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                                 ?? throw new InvalidOperationException($"The embedded script {name} is missing.");
        using var text = new StreamReader(stream);
        var script = await text.ReadToEndAsync(cancellationToken);
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        foreach (var batch in script.Split("\nGO", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            await connection.ExecuteAsync(new CommandDefinition(batch, cancellationToken: cancellationToken));
    }

    public const string InsertSql = """
        INSERT INTO csc.placement_episode (episode_id, child_id, child_name, date_of_birth, placement_type, provider,
                                           start_date, end_date, planned_end_date, weekly_cost, last_modified)
        VALUES (@EpisodeId, @ChildId, @ChildName, @DateOfBirth, @PlacementType, @Provider,
                @StartDate, @EndDate, @PlannedEndDate, @WeeklyCost, @LastModified)
        """;

    public static async Task InsertAsync(IWarehouseEngine engine, IEnumerable<OperationalEpisode> episodes, CancellationToken cancellationToken = default)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, episodes.Select(Parameters), tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    // Dates go as plain dates and the clock as a zone-less timestamp, as the operational system stores them.
    // The clock is typed datetime2: as a bare DateTime SQL Server would get legacy datetime and round it to 1/300 s.
    public static DynamicParameters Parameters(OperationalEpisode e)
    {
        var parameters = new DynamicParameters(new
        {
            e.EpisodeId, e.ChildId, e.ChildName, DateOfBirth = e.DateOfBirth?.Date, e.PlacementType, e.Provider,
            StartDate = e.StartDate.Date, EndDate = e.EndDate?.Date, PlannedEndDate = e.PlannedEndDate?.Date, e.WeeklyCost,
        });
        parameters.Add("LastModified", DateTime.SpecifyKind(e.LastModified, DateTimeKind.Unspecified), DbType.DateTime2);
        return parameters;
    }
}
