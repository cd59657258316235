using Warehouse.Etl.Core.Pipeline;
using static Warehouse.Tests.Sources.Savings.SavingsFixtures;

namespace Warehouse.Tests.Sources.Savings;

/// <summary>A bad tracker is rejected whole, naming file, sheet, row and column; the warehouse is unchanged.</summary>
public abstract class SavingsBadInputTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private const string Title = "Savings Tracker 2018-19";

    private async Task AssertRejectedAsync(string path, int row, string column, string? value, string reason)
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var outcome = await LoadAsync(Provider, path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal((Path.GetFileName(path), "Tracker", row, column, value), (error.File, error.Sheet, error.Row, error.Column, error.Value));
        Assert.Contains(reason, error.Reason);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM report.rejections WHERE batch_id = @id", new { id = outcome.BatchId }));
    }

    [SkippableFact]
    public async Task Rag_OutsideTheFive_IsRejected()
    {
        var path = Write(Title, [Cross, Proposal("A/R.6.172", "Adults", -1000, -250, -250, -225, 0, -725, 275, 27.50, "Purple")]);

        await AssertRejectedAsync(path, 7, "RAG", "Purple", "not a savings RAG (Green, Amber, Red, Black or Blue)");
    }

    [SkippableFact]
    public async Task Phasing_ThatDoesNotAddUpToTheForecast_IsRejected()
    {
        // -250 -250 -225 0 = -725, beyond rounding of a forecast of -700 (variance and % agree with the -700).
        var path = Write(Title, [Cross, Proposal("A/R.6.172", "Adults", -1000, -250, -250, -225, 0, -700, 300, 30.00, "Red")]);

        await AssertRejectedAsync(path, 7, "Forecast Saving", "-700", "is not Q1 + Q2 + Q3 + Q4 (-725)");
    }

    [SkippableFact]
    public async Task Reference_Twice_IsRejectedAtTheSecond()
    {
        var path = Write(Title, [Cross, Short, Short]);

        await AssertRejectedAsync(path, 8, "Reference", "A/R.6.172", "appears more than once in this tracker (first at row 7)");
    }

    [SkippableFact]
    public async Task Reference_InTheWrongShape_IsRejected()
    {
        var path = Write(Title, [Cross, Proposal("AR6172", "Adults", -1000, -250, -250, -225, 0, -725, 275, 27.50, "Red")]);

        await AssertRejectedAsync(path, 7, "Reference", "AR6172", "not a Business Plan reference in the shape A/R.6.253");
    }

    [SkippableFact]
    public async Task Variance_ThatIsNotForecastLessOriginal_IsRejected()
    {
        var path = Write(Title, [Cross, Proposal("A/R.6.172", "Adults", -1000, -250, -250, -225, 0, -725, 175, 17.50, "Red")]);

        await AssertRejectedAsync(path, 7, "Variance from Plan £000", "175", "is not the forecast saving less the original saving (275)");
    }

    [SkippableFact]
    public async Task PercentVariance_ThatIsNotVarianceOverTheOriginal_IsRejected()
    {
        var path = Write(Title, [Cross, Proposal("A/R.6.172", "Adults", -1000, -250, -250, -225, 0, -725, 275, 72.50, "Red")]);

        await AssertRejectedAsync(path, 7, "% Variance", "72.5", "is not the variance as a percentage of the original saving (27.50)");
    }

    [SkippableFact]
    public async Task TotalsRow_ThatIsNotTheSumOfTheRows_IsRejectedAtTheTotalsCell()
    {
        object?[] totals = [null, null, null, null, 0.0, -1063.0, -323.0, -250.0, -225.0, 0.0, -788.0, 275.0];
        var path = Write(Title, [Cross, Short], totals);

        await AssertRejectedAsync(path, 4, "Current Forecast Phasing - Q1", "-323", "is not the sum of the 2 proposals (-313)");
    }

    [SkippableFact]
    public async Task Committee_TheWarehouseDoesNotHave_IsRejected()
    {
        var path = Write(Title, [Cross, Proposal("A/R.6.172", "Highways", -1000, -250, -250, -225, 0, -725, 275, 27.50, "Red")]);

        await AssertRejectedAsync(path, 7, "Committee", "Highways", "is not a committee of the warehouse");
    }

    [SkippableFact]
    public async Task Tracker_ForAnotherYearThanItsPeriod_IsRejected()
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var path = Write("Savings Tracker 2019-20", [Cross, Short]);

        var outcome = await LoadAsync(Provider, path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains("the title says the tracker is for 2019/20", outcome.Message);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }
}

public sealed class PostgresSavingsBadInputTests : SavingsBadInputTests<PostgresProvider>;

public sealed class SqlServerSavingsBadInputTests : SavingsBadInputTests<SqlServerProvider>;
