using Warehouse.Etl.Core;
using Warehouse.Etl.Publish;

namespace Warehouse.Tests.Publish;

/// <summary>`explain`: an Appendix 1 figure of May 2018 traced to the ledger and forecast loads and their rows.</summary>
public sealed class FigureExplainerTests : DatabaseTest<PostgresProvider>
{
    private Task LoadAsync(params string[] samplePaths) => SampleLoads.LoadAsync(Provider.Engine, samplePaths);

    [SkippableFact]
    public async Task Explain_TracesAnAppendix1Line_ToItsBatchesFilesAndLedgerRows()
    {
        await LoadAsync("finance/organisation-reference.csv", "finance/line-mapping.csv", "finance/gl-2018-05.csv", "finance/forecast-2018-05.xlsx");
        await using var connection = await Provider.OpenAsync();

        var figure = await FigureExplainer.ExplainAsync(connection, "fpr_service_lines", new FiscalPeriod(2018, 2), "Special Educational Needs Placements");

        var row = Assert.Single(figure.Rows);
        Assert.Equal("report.fpr_service_lines", figure.View);
        // Seeds-inventory GC05: the SEN Placements variance offset by Financing DSG is 518 (£000, May 2018).
        Assert.Equal(518m, Convert.ToDecimal(row["forecast_variance_k"]));
        Assert.Equal("L0512", row["budget_line_code"]);
        var ledger = Assert.Single(figure.Batches, b => b.Source == "finance-gl");
        var forecast = Assert.Single(figure.Batches, b => b.Source == "finance-forecast");
        Assert.Equal("gl-2018-05.csv", ledger.FileName);
        Assert.Equal("forecast-2018-05.xlsx", forecast.FileName);
        Assert.Matches("^[0-9a-f]{64}$", ledger.Sha256!);
        Assert.NotEmpty(ledger.Rows);
        Assert.All(ledger.Rows, r => Assert.StartsWith("L0512 cost centre ", r));
        Assert.Contains(forecast.Rows, r => r.StartsWith("L0512: forecast variance £518,000.00", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Explain_RefusesAViewTheWarehouseDoesNotHave_AndALineColumnItLacks()
    {
        await using var connection = await Provider.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => FigureExplainer.ExplainAsync(connection, "report.no_such_view; DROP TABLE x", new FiscalPeriod(2018, 2), null));
        await Assert.ThrowsAsync<ArgumentException>(() => FigureExplainer.ExplainAsync(connection, "report.fpr_dsg_offset", new FiscalPeriod(2018, 2), "L0512"));
    }
}
