using System.Globalization;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Finance;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>
/// The GL restatement guard (docs/decisions.md, issue 20): a file restating a period must hold every cost centre
/// the period holds, or say `--replace-all`. May 2018 (197 rows) is loaded first; the partial file is its Adults &amp;
/// Safeguarding rows only (lines L01xx), as an extract filtered to one directorate would be.
/// </summary>
public abstract class RestatementGuardTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly string May2018 = RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv");

    private const string Slice = """
        SELECT CAST(COUNT(*) AS bigint) AS row_count, CAST(COUNT(DISTINCT cost_centre_key) AS bigint) AS cost_centres, SUM(budget) AS budget, SUM(actual) AS actual
        FROM dw.fact_ledger WHERE period_key = 201802
        """;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(LoadStatus.Loaded, (await LoadAsync(new OrganisationSource(), RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"))).Status);
        Assert.Equal(LoadStatus.Loaded, (await LoadAsync(new GeneralLedgerSource(), May2018)).Status);
    }

    private Task<LoadOutcome> LoadAsync(ISource source, string path, LoadOptions? options = null) =>
        new IngestionPipeline(Provider.Engine).LoadFileAsync(source, path, options ?? LoadOptions.Default);

    private static bool IsAdults(string line) => line.StartsWith("C", StringComparison.Ordinal) && line.Length > 4 && line[2..4] == "01";

    private static IEnumerable<string> SampleRows() => File.ReadLines(May2018).Skip(1).Where(l => !l.StartsWith("Total,", StringComparison.Ordinal));

    /// <summary>May 2018 with only the Adults &amp; Safeguarding cost centres, and its own (correct) Total row.</summary>
    private static string AdultsOnly() =>
        LedgerFiles.Csv("gl-2018-05-adults.csv", [File.ReadLines(May2018).First(), .. SampleRows().Where(IsAdults)]);

    private async Task<(long Rows, long CostCentres, decimal Budget, decimal Actual)> SliceAsync()
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<(long, long, decimal, decimal)>(Slice)).Single();
    }

    [SkippableFact]
    public async Task Load_RefusesARestatement_ThatLacksCostCentresThePeriodHolds_KeepingTheOtherDirectorates()
    {
        var before = await SliceAsync();
        var lacking = SampleRows().Where(l => !IsAdults(l)).Select(l => l.Split(',')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(lacking.Count > GeneralLedgerSource.MissingNamed, "the partial file must lack more cost centres than are named");

        var (outcome, rows) = await Refusals.RefuseAsync(Provider, new GeneralLedgerSource(), AdultsOnly());

        Assert.Equal((197L, 239_329_433.00m, 49_715_620.00m), (before.Rows, before.Budget, before.Actual));
        Assert.Equal(before, await SliceAsync()); // every directorate's rows are still there, to the penny
        var rejection = Assert.Single(rows);
        Assert.Equal(("gl-2018-05-adults", null, "Cost Centre"), (rejection.sheet, rejection.row_number, rejection.column_name));
        Assert.Contains($"lacks {lacking.Count} cost centres of them ({string.Join(", ", lacking.Take(20))} and {lacking.Count - 20} more)", rejection.reason);
        Assert.Contains("and every cost centre of", rejection.reason);
        Assert.Contains("L0201", rejection.reason); // a whole budget line of another directorate
        Assert.Contains("warehouse load finance-gl gl-2018-05-adults.csv --replace-all", rejection.reason);
        Assert.DoesNotContain(lacking[20], rejection.reason); // past the first 20, only counted
        Assert.Equal(LoadStatus.Rejected, outcome.Status);
    }

    [SkippableFact]
    public async Task Load_ReplacesThePeriodWhole_WhenTheRefusedFileIsLoadedAgainWithReplaceAll()
    {
        var path = AdultsOnly();
        Assert.Equal(LoadStatus.Rejected, (await LoadAsync(new GeneralLedgerSource(), path)).Status);
        var adults = SampleRows().Where(IsAdults).ToList();

        // The same bytes again: --replace-all runs them although they were rejected (no --retry needed).
        var outcome = await LoadAsync(new GeneralLedgerSource(), path, new LoadOptions { ReplaceAll = true });

        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
        var slice = await SliceAsync();
        Assert.Equal(adults.Count, slice.Rows);
        Assert.Equal(adults.Sum(l => decimal.Parse(l.Split(',')[5], CultureInfo.InvariantCulture)), slice.Budget);
        Assert.Contains("Replaces the whole of May-18 (--replace-all)", outcome.Message);
        Assert.Contains("Replaces the whole of May-18", await Provider.ScalarAsync<string>(
            "SELECT message FROM etl.batch WHERE batch_id = @batchId", new { batchId = outcome.BatchId }));
    }

    [SkippableFact]
    public async Task Load_RestatesThePeriod_WhenTheFileHoldsEveryCostCentreItHeld()
    {
        // Every cost centre, one amount corrected: a restatement the guard lets through without --replace-all.
        var rows = SampleRows().ToList();
        var first = rows[0].Split(',');
        first[5] = (decimal.Parse(first[5], CultureInfo.InvariantCulture) + 100m).ToString("0.00", CultureInfo.InvariantCulture);
        rows[0] = string.Join(",", first);

        var outcome = await LoadAsync(new GeneralLedgerSource(), LedgerFiles.Csv("gl-2018-05-corrected.csv", [File.ReadLines(May2018).First(), .. rows]));

        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
        Assert.Equal((197L, 239_329_533.00m), ((await SliceAsync()).Rows, (await SliceAsync()).Budget));
    }

    [SkippableFact]
    public async Task Load_AddsAPeriod_WithoutTheGuard_WhenThePeriodHoldsNoRowsYet()
    {
        // June 2018 holds nothing: a file of one directorate is a first load, not a restatement.
        var june = SampleRows().Where(IsAdults).Select(l => l.Replace(",2018/19,2,", ",2018/19,3,", StringComparison.Ordinal));

        var outcome = await LoadAsync(new GeneralLedgerSource(), LedgerFiles.Csv("gl-2018-06.csv", [File.ReadLines(May2018).First(), .. june]));

        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
        Assert.Equal(197L, (await SliceAsync()).Rows); // May untouched
    }
}

public sealed class PostgresRestatementGuardTests : RestatementGuardTests<PostgresProvider>;

public sealed class SqlServerRestatementGuardTests : RestatementGuardTests<SqlServerProvider>;
