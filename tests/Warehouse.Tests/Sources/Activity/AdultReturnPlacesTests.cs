using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Activity;
using Warehouse.Tests.Sources.Finance;

namespace Warehouse.Tests.Sources.Activity;

/// <summary>
/// Faults of an adult services return that used to be reported at the wrong place (issue 20, item 8): each is now
/// refused at its own cell, the return is rejected whole, and the period already loaded is left as it was.
/// </summary>
public abstract class AdultReturnPlacesTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private const string Sample = "adult-services-2018-05.xlsx";

    private async Task<List<Rejection>> RefusedAsync(string path)
    {
        await ActivityFixtures.LoadReferenceAsync(Provider.Engine);
        await ActivityFixtures.LoadedAsync(Provider.Engine, new AdultServicesReturnSource(), ActivityFixtures.Sample(Sample));
        var budget = await Provider.ScalarAsync<decimal>("SELECT SUM(annual_budget) FROM dw.fact_adult_activity");

        var (_, rows) = await Refusals.RefuseAsync(Provider, new AdultServicesReturnSource(), path);

        Assert.True(budget != 0m);
        Assert.Equal(budget, await Provider.ScalarAsync<decimal>("SELECT SUM(annual_budget) FROM dw.fact_adult_activity"));
        // The fault is the reason, never the totals it would have upset.
        Assert.DoesNotContain(rows, r => r.reason.Contains("add up", StringComparison.Ordinal));
        return rows;
    }

    [SkippableFact]
    public async Task AdultReturn_IsRejectedAtTheCell_WhenAFormulaHasNoSavedResult()
    {
        var rows = await RefusedAsync(ActivityFixtures.PatchWorkbook(Sample, ("OP", "E15", RawCell.UncalculatedFormula("SUM(E5:E14)"))));

        var rejection = Assert.Single(rows);
        Assert.Equal(("OP", 15, "E"), (rejection.sheet, rejection.row_number, rejection.column_name));
        Assert.Contains("formula with no saved result", rejection.reason, StringComparison.Ordinal);
        Assert.Contains("open the workbook in Excel and save it", rejection.reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AdultReturn_IsRejectedAtTheCoveredCell_WhenAFigureIsMergedOverTwoLines()
    {
        var path = ActivityFixtures.Merge(ActivityFixtures.PatchWorkbook(Sample, ("OP", "E14", null)), "OP", "E13:E14");

        var rows = await RefusedAsync(path);

        var rejection = Assert.Single(rows);
        Assert.Equal(("OP", 14, "Annual Budget £000"), (rejection.sheet, rejection.row_number, rejection.column_name));
        Assert.Contains("merged cells E13:E14, whose figure is in E13", rejection.reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AdultReturn_IsRejectedAtThePeriodCell_WhenThePeriodIsOutsideTheCalendar()
    {
        var rows = await RefusedAsync(ActivityFixtures.PatchWorkbook(Sample, ("OP", "A2", "Period: May-45")));

        var rejection = Assert.Single(rows);
        Assert.Equal(("OP", 2, "A", "Period: May-45"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("2015/16 to 2030/31", rejection.reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AdultReturn_IsRejectedAtTheCell_WhenItsTextHoldsANul()
    {
        var rows = await RefusedAsync(ActivityFixtures.PatchWorkbook(Sample, ("OP", "A9", "Respite\0Care")));

        var rejection = Assert.Single(rows);
        Assert.Equal(("OP", 9, "A"), (rejection.sheet, rejection.row_number, rejection.column_name));
        Assert.Contains("control character U+0000 at position 8", rejection.reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AdultReturn_IsRejectedNamingTheSheet_WhenAnExtraSheetIsLarge()
    {
        var path = ActivityFixtures.AddSheet(ActivityFixtures.PatchWorkbook(Sample), "Notes", 50_000);

        var rows = await RefusedAsync(path);

        var rejection = Assert.Single(rows);
        Assert.Equal(("Notes", (int?)null), (rejection.sheet, rejection.row_number));
        Assert.Contains("is not a service area sheet", rejection.reason, StringComparison.Ordinal);
    }
}

public sealed class PostgresAdultReturnPlacesTests : AdultReturnPlacesTests<PostgresProvider>;

public sealed class SqlServerAdultReturnPlacesTests : AdultReturnPlacesTests<SqlServerProvider>;
