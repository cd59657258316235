using Warehouse.Etl.Core;
using Warehouse.Etl.Core.Reading;
using Warehouse.Etl.Sources.Savings;
using static Warehouse.Tests.Sources.Savings.SavingsFixtures;

namespace Warehouse.Tests.Sources.Savings;

/// <summary>The reader on its own: layouts a printed tracker comes in, and how committee names map.</summary>
public sealed class SavingsTrackerReaderTests
{
    private static readonly IReadOnlyList<SavingsCommittee> Committees =
        [new(1, "CYP", "Children and Young People Committee"), new(2, "Adults", "Adults Committee"), new(5, "All", "Whole service (reported to every committee)")];

    [Fact]
    public void Read_BlockRepeatedAfterAPageBreak_IsSkipped()
    {
        object?[] banner = [null, null, null, null, "Planned £000", null, "Forecast £000"];
        object?[] totals = [null, null, null, null, 0.0, -1063.0, -313.0, -250.0, -225.0, 0.0, -788.0, 275.0];
        var path = TinyXlsx.Write(Path.Combine(TestFolders.New("savings"), "tracker-2019-13.xlsx"), "Tracker",
            [["Savings Tracker 2018-19"], banner, totals, SavingsTrackerSample.Header, Cross, [], banner, totals, SavingsTrackerSample.Header, Short]);
        var errors = new RowErrors("tracker-2019-13.xlsx");

        var tracker = SavingsTrackerReader.Read(path, errors, Committees);

        Assert.False(errors.Any, string.Join("; ", errors.Kept));
        Assert.Equal(["A/R.6.001", "A/R.6.172"], tracker.Rows.Select(r => r.Reference));
        Assert.Equal(new FiscalPeriod(2018, 13), tracker.Period);
        Assert.Equal(-788_000m, tracker.StatedTotals![SavingsTrackerReader.Forecast]);
    }

    [Fact]
    public void Read_TotalsRowBelowTheProposals_IsChecked()
    {
        object?[] total = ["Total", null, null, null, 0.0, -1063.0, -313.0, -250.0, -225.0, 0.0, -790.0, 275.0];
        var path = TinyXlsx.Write(Path.Combine(TestFolders.New("savings"), "tracker-2018-09.xlsx"), "Tracker",
            [["Savings Tracker 2018-19 (£000)"], SavingsTrackerSample.Header, Cross, Short, total]);
        var errors = new RowErrors("tracker-2018-09.xlsx");

        SavingsTrackerReader.Read(path, errors, Committees);

        var error = Assert.Single(errors.Kept);
        Assert.Equal((5, "Forecast Saving", "-790"), (error.Row, error.Column, error.Value));
    }

    [Theory]
    [InlineData("Adults", "Adults")]
    [InlineData("adults committee", "Adults")]
    [InlineData("CYP", "CYP")]
    [InlineData("Children and Young People", "CYP")]
    [InlineData("P&C Cross Committee", "All")]
    [InlineData("Cross-committee", "All")]
    [InlineData("Highways", null)]
    public void Committee_AsTrackersName_MapsOntoTheWarehouses(string text, string? code) =>
        Assert.Equal(code, SavingsTrackerReader.Committee(text, Committees)?.Code);
}
