using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Tests.Sources.Indicators;

/// <summary>Returns as workbooks with numeric cells: Excel percentages arrive as fractions.</summary>
public abstract class IndicatorWorkbookTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly object?[] Header = IndicatorLoads.ReturnHeader.Split(',');

    private static string Workbook(params object?[][] rows) =>
        TinyXlsx.Write(Path.Combine(TestFolders.New("indicators"), "indicator-return.xlsx"), "Indicators",
            [["Performance indicators"], ["Reporting month: Mar-19"], [], Header, .. rows]);

    [SkippableFact]
    public async Task Workbook_WithPercentCellsAsFractions_StoresPercentagePoints()
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        var path = Workbook(["PI039", "Proportion of adults receiving Direct Payments", "Adults & Safeguarding", 0.23, 0.27, 0.23, "Mar", "→", "Off target (Red)"]);

        IndicatorLoads.AssertLoaded(await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorReturnSource(), path));

        await using var connection = await Provider.OpenAsync();
        Assert.Equal((23m, 27m, 23m, "Red"), await connection.QuerySingleAsync<(decimal, decimal, decimal, string)>(
            "SELECT previous, target, actual, rag_derived FROM report.performance_indicators"));
    }

    [SkippableFact]
    public async Task Workbook_WithAFractionBesidePoints_IsRejectedAtTheCell()
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var path = Workbook(
            ["PI037", "Own home", "Adults & Safeguarding", "68.0%", "72.0%", "68.0%", "Sep*", "→", "Within 10% (Amber)"],
            ["PI039", "Proportion of adults receiving Direct Payments", "Adults & Safeguarding", "23.0%", "27%", 0.23, "Mar", "→", "Off target (Red)"]);

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorReturnSource(), path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("Indicators", 6, "Actual"), (error.Sheet, error.Row, error.Column));
        Assert.Contains("ambiguous", error.Reason);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }
}

public sealed class PostgresIndicatorWorkbookTests : IndicatorWorkbookTests<PostgresProvider>;

public sealed class SqlServerIndicatorWorkbookTests : IndicatorWorkbookTests<SqlServerProvider>;
