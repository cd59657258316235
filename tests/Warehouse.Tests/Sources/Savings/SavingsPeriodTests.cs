using Warehouse.Etl.Core.Pipeline;
using static Warehouse.Tests.Sources.Savings.SavingsFixtures;

namespace Warehouse.Tests.Sources.Savings;

/// <summary>Restatement of a period, the direction of travel against the previous tracker, and the period a file states.</summary>
public abstract class SavingsPeriodTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    [SkippableFact]
    public async Task Tracker_ForTheSamePeriodAgain_RestatesIt()
    {
        var first = await LoadAsync(Provider, Write("Savings Tracker 2018-19", [Cross, Short]));
        var second = await LoadAsync(Provider, Write("Savings Tracker 2018-19",
            [Cross, Proposal("A/R.6.172", "Adults", -1000, -250, -250, -250, 0, -750, 250, 25.00, "Red")]));

        AssertLoaded(first);
        AssertLoaded(second);
        Assert.Equal(first.BatchId, second.SupersededBatchId);
        var rows = (await (await Provider.OpenAsync()).QueryAsync<(string reference, decimal forecast)>(
            "SELECT reference, forecast_saving_k FROM report.savings_tracker ORDER BY reference")).ToList();
        Assert.Equal([("A/R.6.001", -63m), ("A/R.6.172", -750m)], rows);
        Assert.Equal(second.BatchId, await Provider.ScalarAsync<int>("SELECT MAX(batch_id) FROM powerbi.fact_savings_tracker"));
        Assert.Equal(second.BatchId, await Provider.ScalarAsync<int>("SELECT MIN(batch_id) FROM powerbi.fact_savings_tracker"));
    }

    [SkippableFact]
    public async Task Direction_IsDerivedFromThePreviousTrackerOfTheYear()
    {
        object?[] worse = Proposal("A/R.6.210", "CYP", -324, -45, -35, -60, -59, -199, 125, 38.58, "Amber");
        AssertLoaded(await LoadAsync(Provider, Write("Savings Tracker 2018-19 Q2", [Cross, Short, worse], fileName: "tracker-q2.xlsx")));
        AssertLoaded(await LoadAsync(Provider, Write("Savings Tracker 2018-19 Q3",
        [
            Cross,
            Proposal("A/R.6.172", "Adults", -1000, -250, -250, -250, 0, -750, 250, 25.00, "Red", "↓"),
            Proposal("A/R.6.210", "CYP", -324, -45, -35, -60, -34, -174, 150, 46.30, "Amber", "↑"),
            Proposal("A/R.6.253", "CYP", -1500, -669, -1012, -553, -84, -2318, -818, -54.53, "Blue"),
        ], fileName: "tracker-q3.xlsx")));

        var rows = (await (await Provider.OpenAsync()).QueryAsync<(int period, string reference, string? published, string? derived)>(
            "SELECT period, reference, direction_published, direction_derived FROM report.savings_tracker ORDER BY period, reference")).ToList();

        // Q2 (September, period 6) has nothing before it; in Q3 (December, period 9) less shortfall is better.
        Assert.Equal(
        [
            (6, "A/R.6.001", "↔", null), (6, "A/R.6.172", "↔", null), (6, "A/R.6.210", "↔", null),
            (9, "A/R.6.001", "↔", "↔"), (9, "A/R.6.172", "↓", "↑"), (9, "A/R.6.210", "↑", "↓"), (9, "A/R.6.253", "↔", null),
        ], rows);
    }

    [SkippableFact]
    public async Task Period_WithNoneStated_IsRefusedWithTheWaysToStateIt()
    {
        var outcome = await LoadAsync(Provider, Write("Savings Tracker 2018-19", [Cross], fileName: "tracker.xlsx"));

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains("the reporting period is not stated", outcome.Message);
    }
}

public sealed class PostgresSavingsPeriodTests : SavingsPeriodTests<PostgresProvider>;

public sealed class SqlServerSavingsPeriodTests : SavingsPeriodTests<SqlServerProvider>;
