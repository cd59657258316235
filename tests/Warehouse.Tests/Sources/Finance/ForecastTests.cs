using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Finance;

namespace Warehouse.Tests.Sources.Finance;

public sealed class ForecastTests : FinanceTestBase<PostgresProvider>
{
    [SkippableFact]
    public async Task LoadAsync_LoadsReturnLinesInPounds_AndRecordsBlockTotals()
    {
        await LoadReferenceAsync();
        await LoadedAsync(new ForecastSource(), "forecast-2018-05.xlsx");

        Assert.Equal(739_000m, await Provider.ScalarAsync<decimal>("SELECT forecast_variance FROM dw.fact_forecast WHERE period_key = 201802 AND budget_line_code = 'L0207'"));
        Assert.Equal("1", await Provider.ScalarAsync<string>("SELECT commentary_ref FROM dw.fact_forecast WHERE period_key = 201802 AND budget_line_code = 'L0207'"));
        Assert.Equal(69L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_forecast WHERE period_key = 201802"));
        var totals = await QueryAsync<(string scope, decimal source_value, string result)>(
            "SELECT scope, source_value, result FROM report.reconciliation WHERE source = 'finance-forecast' AND measure = 'forecast variance'");
        Assert.Contains(totals, t => t.scope == "Total row (all lines)" && t.source_value == 1_107_000m && t.result == "match");
        Assert.Contains(totals, t => t.scope.StartsWith("Commissioning") && t.source_value == 739_000m);
    }

    [SkippableFact]
    public async Task LoadAsync_KeepsCommentaryTextWhole_AndARestatementReplacesThePeriodsTexts()
    {
        await LoadReferenceAsync();
        string Return(string lacText, string otherText) => $"""
            Period: May-18
            Budget Line Code,Service,Forecast Outturn Variance £000,Commentary Ref,Commentary Text
            ,Commissioning Directorate
            L0207,Looked After Children Placements,739,1,{lacText}
            L0208,Commissioning Services,0,,{otherText}
            ,Commissioning Directorate Total,739,
            ,Total,739,

            """;
        async Task LoadReturnAsync(string name, string content)
        {
            var outcome = await LoadAsync(new ForecastSource(), TempFile(name, content));
            Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message + string.Join("; ", outcome.Errors));
        }
        await LoadReturnAsync("forecast-text.csv", Return("\"  Overspend of £0.7m.\n\n- external placements up 12\"", ""));

        // Paragraphs and bullet lines as typed, only the ends trimmed; a line without text has no row.
        Assert.Equal("Overspend of £0.7m.\n\n- external placements up 12", await Provider.ScalarAsync<string>(
            "SELECT commentary FROM dw.fact_forecast_commentary WHERE period_key = 201802 AND budget_line_code = 'L0207'"));
        Assert.Equal(1L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_forecast_commentary WHERE period_key = 201802"));

        await LoadReturnAsync("forecast-text-restated.csv", Return("", "Contract savings delayed."));

        var texts = (await QueryAsync<(string budget_line_code, string commentary)>(
            "SELECT budget_line_code, commentary FROM dw.fact_forecast_commentary WHERE period_key = 201802")).ToList();
        Assert.Equal([("L0208", "Contract savings delayed.")], texts);
    }

    [SkippableFact]
    public async Task LoadAsync_AcceptsOutturnColumnAndNameFallback_ComputingVarianceFromLedgerBudget()
    {
        await LoadReferenceAsync();
        await LoadedAsync(new GeneralLedgerSource(), "gl-2018-05.csv");
        // No code column: lines matched by name (footnote marker and en-dash spacing ignored); outturn instead of variance.
        var path = TempFile("forecast-outturn.csv", """
            People & Communities – Forecast Return
            Period: May-18
            Values in £000

            Service,Forecast Outturn £000,Commentary Ref
            Commissioning Directorate
            1 Looked After Children Placements,"20,380",
            Commissioning Directorate Total,"20,380",
            Total,"20,380",

            """);
        var outcome = await LoadAsync(new ForecastSource(), path);
        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message + string.Join("; ", outcome.Errors));

        var row = (await QueryAsync<(decimal forecast_variance, decimal forecast_outturn, string commentary_ref)>(
            "SELECT forecast_variance, forecast_outturn, commentary_ref FROM dw.fact_revenue_monitoring WHERE period_key = 201802 AND budget_line_code = 'L0207'")).Single();
        // outturn 20,380,000 less the ledger's unrounded budget 19,641,254: 739 when printed in £000
        Assert.Equal(738_746m, row.forecast_variance);
        Assert.Equal(20_380_000m, row.forecast_outturn);
        Assert.Equal("1", row.commentary_ref);
    }

    [SkippableFact]
    public async Task LoadAsync_RejectsTotalBeyondRounding_AndRecordsTotalWithinRounding()
    {
        await LoadReferenceAsync();
        string Return(int total) => $"""
            Period: May-18
            Budget Line Code,Service,Forecast Outturn Variance £000,Commentary Ref
            ,Commissioning Directorate
            L0207,Looked After Children Placements,739,1
            L0208,Commissioning Services,0,
            ,Commissioning Directorate Total,{total},
            ,Total,{total},

            """;
        var bad = await LoadAsync(new ForecastSource(), TempFile("forecast-bad.csv", Return(745)));
        Assert.Equal(LoadStatus.Rejected, bad.Status);
        Assert.Contains(bad.Errors, e => e.Row == 6 && e.Column == "Commissioning Directorate Total" && e.Reason.Contains("does not add up"));

        var rounded = await LoadAsync(new ForecastSource(), TempFile("forecast-rounded.csv", Return(740)));
        Assert.Equal(LoadStatus.Loaded, rounded.Status);
        Assert.Equal("within rounding", await Provider.ScalarAsync<string>(
            "SELECT result FROM report.reconciliation WHERE source = 'finance-forecast' AND scope = 'Commissioning Directorate Total'"));
    }

    [SkippableFact]
    public async Task LoadAsync_Rejects_AFigureFinerThanAPound_AtItsCell_AndTakesThreeDecimals()
    {
        await LoadReferenceAsync();
        string Return(string lac) => $"""
            Period: May-18
            Budget Line Code,Service,Forecast Outturn Variance £000,Commentary Ref
            L0207,Looked After Children Placements,{lac},1
            L0208,Commissioning Services,0,

            """;

        var bad = await LoadAsync(new ForecastSource(), TempFile("forecast-2018-05.csv", Return("739.0004")));

        Assert.Equal(LoadStatus.Rejected, bad.Status);
        var error = Assert.Single(bad.Errors);
        Assert.Equal((3, "Forecast Outturn Variance £000", "739.0004"), (error.Row, error.Column, error.Value));
        Assert.Contains("more than 3 decimal places", error.Reason);
        Assert.Equal(0L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_forecast"));
        // £000 to the pound is the format (the rebuilt February and closedown returns): 739.254 is £739,254.
        var good = await LoadAsync(new ForecastSource(), TempFile("forecast-2018-05b.csv", Return("739.254")));
        Assert.True(good.Status == LoadStatus.Loaded, good.Message);
        Assert.Equal(739_254m, await Provider.ScalarAsync<decimal>("SELECT forecast_variance FROM dw.fact_forecast WHERE period_key = 201802 AND budget_line_code = 'L0207'"));
    }

    [SkippableFact]
    public async Task LoadAsync_Rejects_UnknownCodeUnmatchedNameAndMissingPeriod()
    {
        await LoadReferenceAsync();
        var outcome = await LoadAsync(new ForecastSource(), TempFile("forecast-unknown.csv", """
            Period: May-18
            Budget Line Code,Service,Forecast Outturn Variance £000,Commentary Ref
            L9999,Nothing,1,
            ,No Such Service,2,
            L0207,Looked After Children Placements,abc,

            """));
        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Row == 3 && e.Value == "L9999");
        Assert.Contains(outcome.Errors, e => e.Row == 4 && e.Value == "No Such Service");
        Assert.Contains(outcome.Errors, e => e.Row == 5 && e.Value == "abc");
    }

    [SkippableFact]
    public async Task LoadAsync_Rejects_UnquotedCommaInALineName_NamingTheCellBeyondTheHeader()
    {
        await LoadReferenceAsync();
        var outcome = await LoadAsync(new ForecastSource(), TempFile("forecast-comma.csv", """
            Period: May-18
            Budget Line Code,Service,Forecast Outturn Variance £000,Commentary Ref
            L0207,Looked After Children Placements, Fostering,150,1

            """));

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        // The shifted line is not read as a line at all, so the return also has no lines: both are said.
        var error = Assert.Single(outcome.Errors, e => e.Row == 3);
        Assert.Equal(("column 5", "1"), (error.Column, error.Value));
        Assert.Contains("more cells than the header", error.Reason);
    }
}
