using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Capital;
using Warehouse.Etl.Sources.Integrated;

namespace Warehouse.Tests.Sources.Capital;

/// <summary>
/// Bad capital and IRPR returns are rejected whole, naming file, sheet, row and column, and leave the warehouse as
/// it was. Each fixture is a tiny workbook: title rows (row 1), a blank row, the header (row 3), lines from row 4.
/// </summary>
public abstract class CapitalBadInputTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private const string Sheet = "Return";

    private static readonly object?[] VariationHeader =
    [
        "Row Type", "Service", "Capital Programme Variations Budget £000", "Forecast Outturn Variance £000",
        "Capital Programme Variations Budget Used £000", "Capital Programme Variations Budget Used %", "Revised Outturn Variance £000",
    ];

    private static readonly object?[] MonitoringHeader =
    [
        "Row Type", "Service", "Scheme", "Original Budget £000", "Revised Budget £000", "Forecast Outturn £000", "Excluded From Totals",
    ];

    private static string Workbook(string title, object?[] header, params object?[][] lines)
    {
        var rows = new List<object?[]> { new object?[] { title }, Array.Empty<object?>(), header };
        rows.AddRange(lines);
        return TinyXlsx.Write(Path.Combine(TestFolders.New("capital"), $"return-{Guid.NewGuid():N}.xlsx"), Sheet, rows);
    }

    private static string Variation(params object?[][] lines) => Workbook("Reporting month: May-18", VariationHeader, lines);

    private async Task AssertRejectedAsync(StatementFormat format, string path, int row, string column, string reason)
    {
        await CapitalLoads.FprMonthAsync(Provider, "2018-05");
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var outcome = await CapitalLoads.LoadAsync(Provider, format, path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        await RecordedRejections.AssertContainsAsync(Provider, outcome, path, Sheet, row, column, reason);
    }

    [SkippableFact]
    public Task Monitoring_IsRejected_WhenCapitalisedInterestIsCountedInTotalsThatLeaveItOut() =>
        // GC12's lines without the "Excluded From Totals" cell: the revised total no longer adds up.
        AssertRejectedAsync(CapitalReturns.Monitoring, Workbook("Reporting month: May-17", MonitoringHeader,
                ["Scheme", "CFA", "Basic Need - Primary", 41560d, 38750d, 37874d, null],
                ["Scheme", "CFA", "Capitalisation of Interest Costs", 1533d, 1533d, 1533d, null],
                ["Total", null, "Total CFA Capital Spending", 43093d, 38750d, 37874d, null]),
            6, "Revised Budget £000", "the lines above it sum to £40,283k, a difference of -£1,533k");

    [SkippableFact]
    public async Task Monitoring_Loads_WhenTheReturnSaysWhichTotalsLeaveTheInterestOut()
    {
        var outcome = await CapitalLoads.LoadAsync(Provider, CapitalReturns.Monitoring, Workbook("Reporting month: May-17", MonitoringHeader,
            ["Scheme", "CFA", "Basic Need - Primary", 41560d, 38750d, 37874d, null],
            ["Scheme", "CFA", "Capitalisation of Interest Costs", 1533d, 1533d, 1533d, "Revised Budget; forecast_outturn"],
            ["Total", null, "Total CFA Capital Spending", 43093d, 38750d, 37874d, null]));

        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
    }

    [SkippableFact]
    public Task Monitoring_IsRejected_WhenExcludedFromTotalsNamesNoAmountColumn() =>
        AssertRejectedAsync(CapitalReturns.Monitoring, Workbook("Reporting month: May-17", MonitoringHeader,
                ["Scheme", "CFA", "Capitalisation of Interest Costs", 1533d, 1533d, 1533d, "Interest"],
                ["Total", null, "Total CFA Capital Spending", 1533d, 1533d, 1533d, null]),
            4, "Excluded From Totals", "is not an amount column of this return");

    [SkippableFact]
    public Task Monitoring_IsRejected_WhenASchemeNamesNoService() =>
        AssertRejectedAsync(CapitalReturns.Monitoring, Workbook("Reporting month: May-18", MonitoringHeader,
                ["Scheme", null, "Adaptations", 2400d, 2381d, 2381d, null]),
            4, "Service", "a line other than a total must name its service");

    [SkippableFact]
    public Task Variation_IsRejected_WhenTheServiceIsNotACouncilService() =>
        AssertRejectedAsync(CapitalReturns.Variation, Variation(["Service", "Highways & Bridges", -100d, 0d, 0d, "0%", 0d]),
            4, "Service", "is not a council service the warehouse knows");

    [SkippableFact]
    public Task Variation_IsRejected_WhenTheRowTypeIsUnknown() =>
        AssertRejectedAsync(CapitalReturns.Variation, Variation(["Grand total", "P&C", -100d, 0d, 0d, "0%", 0d]),
            4, "Row Type", "is not a row type of this return");

    [SkippableFact]
    public Task Variation_IsRejected_WhenThePercentageIsNotOne() =>
        AssertRejectedAsync(CapitalReturns.Variation, Variation(["Service", "P&C", -12120d, 165d, 165d, "about a tenth", -11955d]),
            4, "Capital Programme Variations Budget Used %", "is not a percentage");

    [SkippableFact]
    public Task Variation_IsRejected_WhenAServiceAppearsTwice() =>
        AssertRejectedAsync(CapitalReturns.Variation, Variation(
                ["Service", "P&C", -12120d, 165d, 165d, "1.4%", -11955d],
                ["Service", "People & Communities", -12120d, 165d, 165d, "1.4%", -11955d]),
            5, "Service", "appears more than once");

    [SkippableFact]
    public Task Variation_IsRejected_WhenARequiredFigureIsEmpty() =>
        AssertRejectedAsync(CapitalReturns.Variation, Variation(["Service", "P&C", -12120d, null, 165d, "1.4%", -11955d]),
            4, "Forecast Outturn Variance £000", "is empty; a value is required");

    [SkippableFact]
    public Task IrprRevenue_IsRejected_WhenTheStatusIsNotARag() =>
        AssertRejectedAsync(IntegratedReturns.RevenueSummary, Workbook("Reporting month: May-18",
                ["Row Type", "Service", "Current Budget £000", "Actual £000", "Forecast Variance £000", "Forecast Variance %", "Overall Status", "DoT"],
                ["Service", "Public Health", 629d, -6080d, 0d, "-", "Purple", "↔"]),
            4, "Overall Status", "is not a status (Red, Amber or Green)");

    [SkippableFact]
    public async Task Variation_IsRejected_WhenTheReportingMonthIsNotStated()
    {
        var path = Workbook("Capital variations", VariationHeader, ["Service", "P&C", -12120d, 165d, 165d, "1.4%", -11955d]);

        var outcome = await CapitalLoads.LoadAsync(Provider, CapitalReturns.Variation, path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains("reporting month is not stated", outcome.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Monitoring_Restatement_ReplacesTheMonthAndSupersedesTheEarlierBatch()
    {
        var first = await CapitalLoads.SampleAsync(Provider, CapitalReturns.Monitoring, "capital", "capital-monitoring-2018-05.xlsx");
        var restated = await CapitalLoads.LoadAsync(Provider, CapitalReturns.Monitoring, Workbook("Reporting month: May-18", MonitoringHeader,
            ["Scheme", "P&C", "Adaptations", 2400d, 2500d, 2500d, null],
            ["Total", null, "Total P&C Capital Spending", 2400d, 2500d, 2500d, null]));
        await using var connection = await Provider.OpenAsync();

        var lines = (await connection.QueryAsync<(string line, decimal revised)>(
            "SELECT line, revised_budget_k FROM report.capital_programme WHERE period_end = @end ORDER BY sort_order",
            new { end = new DateTime(2018, 5, 31) })).ToList();

        Assert.Equal(LoadStatus.Loaded, restated.Status);
        Assert.Equal(first.BatchId, restated.SupersededBatchId);
        Assert.Equal([("Adaptations", 2500m), ("Total P&C Capital Spending", 2500m)], lines);
        Assert.Equal(0, await connection.QuerySingleAsync<int>(
            "SELECT COUNT(*) FROM dw.fact_statement_line WHERE batch_id = @batchId", new { batchId = first.BatchId }));
    }
}

public sealed class PostgresCapitalBadInputTests : CapitalBadInputTests<PostgresProvider>;

public sealed class SqlServerCapitalBadInputTests : CapitalBadInputTests<SqlServerProvider>;
