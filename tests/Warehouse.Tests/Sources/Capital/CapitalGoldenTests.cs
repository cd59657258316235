namespace Warehouse.Tests.Sources.Capital;

/// <summary>
/// The golden figures of the capital appendices and the IRPR (seeds-inventory §10 GC06, GC12, GC15, GC16, GC23),
/// asserted from the published views after loading the samples.
/// </summary>
public abstract class CapitalGoldenTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private const string ProgrammeRow = """
        SELECT original_budget_k, revised_budget_k, actual_k, forecast_outturn_k, forecast_variance_k,
               total_scheme_revised_budget_k, total_scheme_forecast_variance_k
        FROM report.capital_programme WHERE period_end = @end AND publication = @publication AND line = @line
        """;

    private async Task<(decimal? original, decimal? revised, decimal? actual, decimal? forecast, decimal? variance, decimal? totalScheme,
        decimal? totalSchemeVariance)> ProgrammeAsync(DateTime end, string line, string publication = "fpr")
    {
        await using var connection = await Provider.OpenAsync();
        return await connection.QuerySingleAsync<(decimal?, decimal?, decimal?, decimal?, decimal?, decimal?, decimal?)>(ProgrammeRow,
            new { end, line, publication });
    }

    private async Task<(decimal original, decimal revised, decimal? outturn, decimal? variance)> FundingTotalAsync(DateTime end)
    {
        await using var connection = await Provider.OpenAsync();
        return await connection.QuerySingleAsync<(decimal, decimal, decimal?, decimal?)>("""
            SELECT original_funding_k, revised_funding_k, forecast_outturn_k, forecast_variance_k
            FROM report.capital_funding WHERE period_end = @end AND line_type = 'total'
            """, new { end });
    }

    private async Task<(decimal budget, decimal variance, decimal used, decimal? pct, decimal revised)> VariationAsync(DateTime end,
        string service, string publication = "fpr")
    {
        await using var connection = await Provider.OpenAsync();
        return await connection.QuerySingleAsync<(decimal, decimal, decimal, decimal?, decimal)>("""
            SELECT variations_budget_k, forecast_variance_k, budget_used_k, budget_used_pct, revised_forecast_variance_k
            FROM report.capital_variation WHERE period_end = @end AND service = @service AND publication = @publication
            """, new { end, service, publication });
    }

    private static readonly DateTime May2017 = new(2017, 5, 31), May2018 = new(2018, 5, 31), Close2019 = new(2019, 3, 31);

    [SkippableFact]
    public async Task CapitalProgramme_May2018_MatchesGC06()
    {
        await CapitalLoads.FprMonthAsync(Provider, "2018-05");

        Assert.Equal((87820m, 83698m, 733m, 83698m, (decimal?)null, 667823m, 14273m), await ProgrammeAsync(May2018, "Total P&C Capital Spending"));
        Assert.Equal(7328m, (await ProgrammeAsync(May2018, "Basic Need - Primary")).totalSchemeVariance);
        Assert.Equal((87820m, 83698m, 83698m, 0m), await FundingTotalAsync(May2018));
        Assert.Equal((-12120m, 165m, 165m, 1.4m, -11955m), await VariationAsync(May2018, "P&C"));
    }

    [SkippableFact]
    public async Task CapitalProgramme_May2018_HierarchyAndLineTypes()
    {
        await CapitalLoads.FprMonthAsync(Provider, "2018-05");
        await using var connection = await Provider.OpenAsync();

        var rows = (await connection.QueryAsync<(string service, string group, string line, string type)>("""
            SELECT service, scheme_group, line, line_type FROM report.capital_programme
            WHERE period_end = @end ORDER BY sort_order
            """, new { end = May2018 })).ToList();

        Assert.Equal(14, rows.Count);
        Assert.Equal(("P&C", "Schools", "Basic Need - Primary", "scheme"), rows[0]);
        Assert.Equal(9, rows.Count(r => r.group == "Schools"));
        Assert.Equal(("P&C", "Total P&C Capital Spending", "total"), (rows[^1].service, rows[^1].line, rows[^1].type));
    }

    [SkippableFact]
    public async Task CapitalProgramme_May2017_TotalsLeaveOutCapitalisedInterest_GC12()
    {
        await CapitalLoads.FprMonthAsync(Provider, "2017-05");

        Assert.Equal((79208m, 75187m, 8962m, 75187m, 0m, 571041m, -8123m), await ProgrammeAsync(May2017, "Total CFA Capital Spending"));
        // The rule holds because the return says which columns leave the row out: the totals' control checks
        // match the lines landed without those figures within rounding (with them: 76,721 / 76,720 / 577,887).
        await using var connection = await Provider.OpenAsync();
        var checks = (await connection.QueryAsync<(string measure, decimal source, decimal loaded, string result)>("""
            SELECT measure, source_value, loaded_value, result FROM report.reconciliation
            WHERE source = 'capital-monitoring-return' AND scope LIKE 'Total CFA Capital Spending%' ORDER BY measure
            """)).ToList();
        Assert.Contains(("revised_budget", 75187000m, 75188000m, "within rounding"), checks);
        Assert.Contains(("forecast_outturn", 75187000m, 75187000m, "match"), checks);
        Assert.Contains(("total_scheme_revised_budget", 571041000m, 571041000m, "match"), checks);
        Assert.Contains(("original_budget", 79208000m, 79208000m, "match"), checks);
        Assert.Equal((-10305m, -475m, 475m, 4.6m, 0m), await VariationAsync(May2017, "CFA"));
    }

    [SkippableFact]
    public async Task CapitalProgramme_Closedown2018To19_MatchesGC23_RoundingShowsInReconciliation()
    {
        await CapitalLoads.FprMonthAsync(Provider, "2019-13");

        Assert.Equal((87820m, 79718m, 81891m, (decimal?)null, 2173m, 670994m, 15451m), await ProgrammeAsync(Close2019, "Total P&C Capital Spending"));
        Assert.Equal((-10469m, 0m, 0m, 0m, 10469m), await VariationAsync(Close2019, "P&C"));
        Assert.Equal((87820m, 79718m, 81891m, 2173m), await FundingTotalAsync(Close2019));

        await using var connection = await Provider.OpenAsync();
        var rounding = (await connection.QueryAsync<(string source, string measure, decimal source_value, decimal loaded_value)>("""
            SELECT source, measure, source_value, loaded_value FROM report.reconciliation
            WHERE fiscal_year = '2018/19' AND period = 13 AND result = 'within rounding' ORDER BY source, measure
            """)).ToList();
        // The printed totals against their rows (GC23): spending 81,893 / 2,174, funding 81,892 / 2,174.
        Assert.Contains(("capital-monitoring-return", "actual", 81891000m, 81893000m), rounding);
        Assert.Contains(("capital-monitoring-return", "forecast_variance", 2173000m, 2174000m), rounding);
        Assert.Contains(("capital-funding-return", "forecast_outturn", 81891000m, 81892000m), rounding);
        Assert.Contains(("capital-funding-return", "forecast_variance", 2173000m, 2174000m), rounding);
    }

    [SkippableFact]
    public async Task CapitalVariation_May2018_SignDroppedOnTheTotal_LoadsAsAcceptedDefect()
    {
        await CapitalLoads.FprMonthAsync(Provider, "2018-05");
        await using var connection = await Provider.OpenAsync();

        var total = await connection.QuerySingleAsync<decimal>(
            "SELECT revised_forecast_variance_k FROM report.capital_variation WHERE period_end = @end AND service = 'Total Spending'", new { end = May2018 });
        var check = await connection.QuerySingleAsync<(decimal source, decimal loaded)>("""
            SELECT source_value, loaded_value FROM report.reconciliation
            WHERE source = 'capital-variation-return' AND measure = 'revised_forecast_variance' AND scope LIKE '%accepted source defect%'
            """);

        Assert.Equal(11955m, total);
        Assert.Equal((11955000m, -11955000m), check);
    }

    [SkippableFact]
    public async Task IrprRevenue_May2018_MatchesGC15()
    {
        await CapitalLoads.IrprMay2018Async(Provider);
        await using var connection = await Provider.OpenAsync();

        async Task<(decimal budget, decimal? actual, decimal? variance, decimal? pct, string? status, string type)> Line(string service) =>
            await connection.QuerySingleAsync<(decimal, decimal?, decimal?, decimal?, string?, string)>("""
                SELECT budget_k, actual_k, forecast_variance_k, forecast_variance_pct, status, line_type FROM report.irpr_revenue
                WHERE period_end = @end AND service = @service
                """, new { end = May2018, service });

        Assert.Equal((316566m, 54386m, 1834m, 0.6m, "Red", "subtotal"), await Line("Service Net Spending"));
        Assert.Equal((350167m, 61850m, 1834m, 0.5m, "Red", "subtotal"), await Line("Subtotal Net Spending"));
        Assert.Equal(359002m, (await Line("Grand Total Net Spending")).budget);
        Assert.Equal((198140m, (decimal?)null, (decimal?)null, (decimal?)null, (string?)null, "memorandum"), await Line("Schools"));
        Assert.Equal((557142m, "total"), ((await Line("Total Spending 2018/19")).budget, (await Line("Total Spending 2018/19")).type));
        Assert.Null((await Line("LGSS Operational")).actual); // printed TBC
        Assert.Equal("↓", await connection.QuerySingleAsync<string>(
            "SELECT direction FROM report.irpr_revenue WHERE period_end = @end AND service = 'Service Net Spending'", new { end = May2018 }));
    }

    [SkippableFact]
    public async Task IrprCapital_May2018_MatchesGC16()
    {
        await CapitalLoads.IrprMay2018Async(Provider);

        var pc = await ProgrammeAsync(May2018, "P&C", "irpr");
        var total = await ProgrammeAsync(May2018, "Total Spending", "irpr");

        Assert.Equal((87820m, 83779m, 667905m, 14273m), (pc.original!.Value, pc.revised!.Value, pc.totalScheme!.Value, pc.totalSchemeVariance!.Value));
        Assert.Equal((255503m, 368028m, 1389912m, 14126m), (total.original!.Value, total.revised!.Value, total.totalScheme!.Value, total.totalSchemeVariance!.Value));
        Assert.Equal((-12120m, -171m, 171m, 1.41m, 0m), await VariationAsync(May2018, "P&C", "irpr"));
    }

    [SkippableFact]
    public async Task PublicationDifferences_May2018_ListTheFprAgainstTheIrpr_GC02AndGC16()
    {
        await CapitalLoads.FprMonthAsync(Provider, "2018-05");
        await CapitalLoads.IrprMay2018Async(Provider);
        await using var connection = await Provider.OpenAsync();

        var differences = (await connection.QueryAsync<(string statement, string measure, string a, decimal valueA, string b, decimal valueB, decimal difference)>("""
            SELECT statement, measure, publication_a, value_a, publication_b, value_b, difference FROM report.publication_differences
            WHERE period_end = @end AND service = 'P&C'
            """, new { end = May2018 })).ToList();

        Assert.Contains(("capital_programme", "revised_budget", "fpr", 83698m, "irpr", 83779m, 81m), differences);
        Assert.Contains(("capital_programme", "total_scheme_revised_budget", "fpr", 667823m, "irpr", 667905m, 82m), differences);
        Assert.Contains(("capital_variation", "budget_used", "fpr", 165m, "irpr", 171m, 6m), differences);
        Assert.Contains(("capital_programme", "original_budget", "fpr", 87820m, "irpr", 87820m, 0m), differences);
        // GC02: the F&PR printed P&C's actual as 49,716, the IRPR 49,715.
        Assert.Contains(("revenue", "actual", "fpr", 49716m, "irpr", 49715m, -1m), differences);
        Assert.Contains(("revenue", "budget", "fpr", 239329m, "irpr", 239329m, 0m), differences);
    }
}

public sealed class PostgresCapitalGoldenTests : CapitalGoldenTests<PostgresProvider>;

public sealed class SqlServerCapitalGoldenTests : CapitalGoldenTests<SqlServerProvider>;
