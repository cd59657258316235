namespace Warehouse.Tests.Sources.Savings;

/// <summary>
/// GC24 (seeds inventory §10): the Savings Tracker 2018-19 of seed 004 (l.3120–3164), loaded from the sample, read back
/// from the published views. The figures are typed from the paper.
/// </summary>
public abstract class SavingsGoldenTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly DateTime Closedown = new(2019, 3, 31);

    [SkippableFact]
    public async Task Tracker_Totals_AreThePrintedTotalsRow()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));
        await using var connection = await Provider.OpenAsync();

        var totals = await connection.QuerySingleAsync<(long rows, decimal investment, decimal original, decimal q1, decimal q2, decimal q3, decimal q4, decimal forecast, decimal variance)>("""
            SELECT COUNT(*), SUM(investment_k), SUM(original_saving_k), SUM(q1_k), SUM(q2_k), SUM(q3_k), SUM(q4_k), SUM(forecast_saving_k), SUM(variance_k)
            FROM report.savings_tracker WHERE period_end = @end AND fiscal_year = '2018/19' AND period = 13
            """, new { end = Closedown });
        var summary = await connection.QuerySingleAsync<(int proposals, decimal investment, decimal original, decimal forecast, decimal variance)>(
            "SELECT proposals, investment_k, original_saving_k, forecast_saving_k, variance_k FROM report.savings_summary WHERE committee = 'All committees'");

        Assert.Equal((32L, 2797m, -21287m, -13764m, -2202m, -1543m, -1055m, -18562m, 2725m), totals);
        Assert.Equal((32, 2797m, -21287m, -18562m, 2725m), summary);
    }

    [SkippableFact]
    public async Task Tracker_LacPlacementRow_IsAsPrinted()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));
        await using var connection = await Provider.OpenAsync();

        var row = await connection.QuerySingleAsync<(string title, string committee, decimal investment, decimal original, decimal q1, decimal q2, decimal q3, decimal q4,
            decimal forecast, decimal variance, decimal pct, string rag, string direction, string commentary)>("""
            SELECT title, committee, investment_k, original_saving_k, q1_k, q2_k, q3_k, q4_k, forecast_saving_k, variance_k, variance_pct, rag,
                   direction_published, commentary
            FROM report.savings_tracker WHERE reference = 'A/R.6.253'
            """);

        Assert.Equal(("LAC Placement Budget Savings", "CYP", 705m, -1500m, -669m, -1012m, -553m, -84m, -2318m, -818m, -54.53m, "Blue", "↔", "On track"), row);
    }

    [SkippableFact]
    public async Task Tracker_RagCounts_AreGreen21Red4Amber1Black5Blue1()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));

        var counts = await (await Provider.OpenAsync()).QuerySingleAsync<(int green, int red, int amber, int black, int blue)>(
            "SELECT green, red, amber, black, blue FROM report.savings_summary WHERE committee = 'All committees'");

        Assert.Equal((21, 4, 1, 5, 1), counts);
    }

    [SkippableFact]
    public async Task Tracker_ByCommittee_OriginalToForecast_AsPrinted()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));

        var byCommittee = (await (await Provider.OpenAsync()).QueryAsync<(string committee, decimal original, decimal forecast)>(
            "SELECT committee, original_saving_k, forecast_saving_k FROM report.savings_summary WHERE committee <> 'All committees' ORDER BY committee")).ToList();

        // "P&C Cross Committee" is the warehouse's whole-service committee, All.
        Assert.Equal([("Adults", -16519m, -13416m), ("All", -63m, -63m), ("CYP", -4705m, -5083m)], byCommittee);
    }

    [SkippableFact]
    public async Task Tracker_LongCommentary_IsKeptWhole()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));

        var commentary = await Provider.ScalarAsync<string>("SELECT commentary FROM report.savings_tracker WHERE reference = 'A/R.6.114'");

        Assert.StartsWith("A refreshed scoping of potential savings was undertaken", commentary);
        Assert.Contains("an £858k surplus realised against the 2018/19 budget allocation for provider inflation", commentary);
        Assert.EndsWith("undertaken by the Project Assessment Team", commentary);
    }

    [SkippableFact]
    public async Task Tracker_PhasingThePaperRoundsApart_IsLoadedAndFlagged()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));
        await using var connection = await Provider.OpenAsync();

        // A/R.6.122 prints -13 in each quarter against a forecast of -50 (-12.5 a quarter, rounded); nothing else disagrees.
        var flags = (await connection.QueryAsync<(string reference, string flag)>("SELECT reference, flag FROM report.savings_flags")).ToList();
        var row = await connection.QuerySingleAsync<(decimal q1, decimal forecast)>("SELECT q1_k, forecast_saving_k FROM report.savings_tracker WHERE reference = 'A/R.6.122'");

        var flagged = Assert.Single(flags);
        Assert.Equal("A/R.6.122", flagged.reference);
        Assert.Contains("-52", flagged.flag);
        Assert.Equal((-13m, -50m), row);
    }

    [SkippableFact]
    public async Task Tracker_ControlTotals_MatchWhatLanded_AndEveryRowHasItsBatch()
    {
        var outcome = await SavingsFixtures.SampleAsync(Provider);
        SavingsFixtures.AssertLoaded(outcome);
        await using var connection = await Provider.OpenAsync();

        var checks = (await connection.QueryAsync<(string measure, string scope, decimal source, string result)>(
            "SELECT measure, scope, source_value, result FROM report.reconciliation WHERE batch_id = @id ORDER BY measure, scope", new { id = outcome.BatchId })).ToList();
        var batches = (await connection.QueryAsync<int>("SELECT DISTINCT batch_id FROM powerbi.fact_savings_tracker")).ToList();

        Assert.Equal(
        [
            ("forecast saving", "", -18_562_000m, "match"), ("original saving", "", -21_287_000m, "match"),
            ("rag", "Amber", 1m, "match"), ("rag", "Black", 5m, "match"), ("rag", "Blue", 1m, "match"), ("rag", "Green", 21m, "match"), ("rag", "Red", 4m, "match"),
            ("rows", "", 32m, "match"), ("variance", "", 2_725_000m, "match"),
        ], checks);
        Assert.Equal(outcome.BatchId, Assert.Single(batches));
    }

    [SkippableFact]
    public async Task Tracker_SameFileAgain_IsANoOp()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var again = await SavingsFixtures.SampleAsync(Provider);

        Assert.Equal(Warehouse.Etl.Core.Pipeline.LoadStatus.Duplicate, again.Status);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }
}

public sealed class PostgresSavingsGoldenTests : SavingsGoldenTests<PostgresProvider>;

public sealed class SqlServerSavingsGoldenTests : SavingsGoldenTests<SqlServerProvider>;
