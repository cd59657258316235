using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Activity;

namespace Warehouse.Tests.Sources.Activity;

/// <summary>
/// The adult services key activity tables of May 2018 and closedown 2018/19, loaded from the samples through
/// the real pipeline, read back from report.kad_adult_services as printed (docs/formats/activity.md §3.3).
/// </summary>
public abstract class AdultServicesGoldenTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private sealed record Printed(decimal? budgeted_users, decimal? annual_budget, decimal? current_users, decimal? forecast_spend, decimal? variance);

    private async Task LoadBothPeriodsAsync()
    {
        await ActivityFixtures.LoadReferenceAsync(Provider.Engine);
        await ActivityFixtures.LoadedAsync(Provider.Engine, new AdultServicesReturnSource(), ActivityFixtures.Sample("adult-services-2018-05.xlsx"));
        await ActivityFixtures.LoadedAsync(Provider.Engine, new AdultServicesReturnSource(), ActivityFixtures.Sample("adult-services-2019-13.xlsx"));
    }

    private async Task<Printed> RowAsync(int period, string area, string serviceType)
    {
        await using var connection = await Provider.OpenAsync();
        return await connection.QuerySingleAsync<Printed>("""
            SELECT budgeted_users, annual_budget, current_users, forecast_spend, variance FROM report.kad_adult_services
            WHERE fiscal_year = '2018/19' AND period = @period AND service_area = @area AND service_type = @serviceType
            """, new { period, area, serviceType });
    }

    // docs/formats/activity.md §3.3: period, sheet, line, then budgeted users, budget, current users, forecast, variance (£000).
    private static readonly (int Period, string Area, string ServiceType, int? BudgetedUsers, int? Budget, int? CurrentUsers, int? Forecast, int? Variance)[] PrintedTotals =
    [
        (2, "LD", "Learning Disability Service Total", 1592, 68413, 1592, 71535, 3123),
        (2, "LD", "Income", null, -2967, null, -3069, -102),
        (2, "LD", "Further savings assumed within forecast as shown in Appendix 1", null, null, null, null, -2944),
        (2, "LD", "Net Total", null, 65446, null, null, 77),
        (2, "AMH", "Adult Mental Health Total", 406, 4448, 405, 4448, 0),
        (2, "OP", "Total Expenditure", 3331, 73974, 3136, 73288, -685),
        (2, "OP", "Total Income", null, -18821, null, -18136, 685),
        (2, "OP", "Residential Income", null, -9201, null, -8774, 427),
        (2, "OPMH", "Total Expenditure", 229, 7176, 230, 6870, -306),
        (2, "OPMH", "Total Income", null, -1146, null, -1111, -35),
        (13, "LD", "Learning Disability Service Total", 1592, 67664, 1577, 70921, 3257),
        (13, "LD", "Income", null, -2814, null, -2386, 428),
        (13, "LD", "Net Total", null, 64851, null, null, 3684),
        (13, "AMH", "Total Expenditure", 406, 4980, 357, 4837, -143),
        (13, "AMH", "Total Income", null, -532, null, -349, 183),
        (13, "AMH", "Adult Mental Health Net Total", 406, 4448, 357, 4488, 40),
        (13, "OP", "Total Expenditure", 3381, 73344, 3128, 75086, 1742),
        (13, "OP", "Total Income", null, -19793, null, -19437, 356),
        (13, "OPMH", "Total Expenditure", 229, 6694, 191, 6258, -620),
        (13, "OPMH", "Total Income", null, -1211, null, -631, 579),
        (13, "OPMH", "~ Live In Care arranged", 4, 185, 2, 136, -49),
    ];

    [SkippableFact]
    public async Task AdultServicesView_ShowsTheTotalsAsPrinted()
    {
        await LoadBothPeriodsAsync();

        var differences = new List<string>();
        foreach (var t in PrintedTotals)
        {
            var expected = new Printed(t.BudgetedUsers, t.Budget, t.CurrentUsers, t.Forecast, t.Variance);
            var row = await RowAsync(t.Period, t.Area, t.ServiceType);
            if (row != expected)
                differences.Add($"{t.Period} {t.Area} {t.ServiceType}: expected {expected}, got {row}");
        }

        Assert.Empty(differences);
    }

    [SkippableFact]
    public async Task AdultServicesView_GivesUnitCostsInPoundsPerHourForHomecare()
    {
        await LoadBothPeriodsAsync();
        await using var connection = await Provider.OpenAsync();

        var homecare = await connection.QuerySingleAsync<(decimal budgeted_unit_cost, string unit, decimal current_unit_cost, decimal forecast_spend, decimal variance, string client_group)>("""
            SELECT budgeted_unit_cost, unit, current_unit_cost, forecast_spend, variance, client_group FROM report.kad_adult_services
            WHERE fiscal_year = '2018/19' AND period = 2 AND service_area = 'OP' AND service_type = '~ Homecare arranged'
            """);
        var ldResidential = await connection.QuerySingleAsync<(decimal budgeted_unit_cost, string unit)>("""
            SELECT budgeted_unit_cost, unit FROM report.kad_adult_services
            WHERE fiscal_year = '2018/19' AND period = 2 AND service_area = 'LD' AND service_type = 'Residential'
            """);

        Assert.Equal((16.31m, "hour", 15.92m, 16668m, -407m, "Older People"), homecare);
        Assert.Equal((1444m, "week"), ldResidential);
    }

    [SkippableFact]
    public async Task PowerBiView_HoldsTheSameFactsInPounds_WithTotalsFlagged()
    {
        await LoadBothPeriodsAsync();
        await using var connection = await Provider.OpenAsync();

        var homecare = await connection.QuerySingleAsync<(decimal annual_budget, decimal forecast_spend, decimal current_unit_cost, int is_total)>("""
            SELECT annual_budget, forecast_spend, current_unit_cost, is_total FROM powerbi.kad_adult_services
            WHERE period_key = 201802 AND service_area = 'OP' AND code = 'homecare_arranged'
            """);
        var lines = await connection.QuerySingleAsync<(decimal budget, int totals)>("""
            SELECT SUM(CASE WHEN is_total = 0 THEN annual_budget ELSE 0 END) AS budget, SUM(is_total) AS totals
            FROM powerbi.kad_adult_services WHERE period_key = 201813 AND service_area = 'OP'
            """);

        Assert.Equal((17075000m, 16668000m, 15.92m, 0), homecare);
        // Expenditure lines add to 73,344 (as printed); income lines to -19,794 (printed -19,793: rounding).
        Assert.Equal((73344000m - 19794000m, 2), lines);
    }

    [SkippableFact]
    public async Task AdultServicesView_ListsTheLinesInPrintedOrder_WithoutTheCommunityBasedHeading()
    {
        await LoadBothPeriodsAsync();
        await using var connection = await Provider.OpenAsync();

        var lines = (await connection.QueryAsync<string>("""
            SELECT service_type FROM report.kad_adult_services
            WHERE fiscal_year = '2018/19' AND period = 13 AND service_area = 'AMH' ORDER BY sort_order
            """)).ToList();
        var counts = (await connection.QueryAsync<(string area, int period, int lines)>("""
            SELECT service_area, period, COUNT(*) FROM report.kad_adult_services GROUP BY service_area, period
            """)).ToHashSet();

        Assert.Equal(["Community based support", "Home & Community support", "Nursing Placement", "Residential Placement",
            "Supported Accommodation", "Direct Payments", "Total Expenditure", "Health Contribution", "Client Contribution",
            "Total Income", "Adult Mental Health Net Total"], lines);
        // The format's data-row counts include the `Community based` heading on OP and OPMH, which holds no figures.
        Assert.Equal(new HashSet<(string, int, int)>
        {
            ("LD", 2, 7), ("AMH", 2, 9), ("OP", 2, 14), ("OPMH", 2, 14),
            ("LD", 13, 6), ("AMH", 13, 11), ("OP", 13, 15), ("OPMH", 13, 15),
        }, counts);
    }

    [SkippableFact]
    public async Task Reconciliation_ShowsTheKnownDefectsOfTheReturns()
    {
        await LoadBothPeriodsAsync();
        await using var connection = await Provider.OpenAsync();

        var defects = (await connection.QueryAsync<(int period, string measure, string scope, decimal source_value, decimal loaded_value, decimal difference)>("""
            SELECT period, measure, scope, source_value, loaded_value, difference FROM report.reconciliation
            WHERE source = 'adult-services-return' AND scope LIKE '%accepted source defect%'
            """)).Select(d => (d.period, d.measure, d.scope[..d.scope.IndexOf(" (", StringComparison.Ordinal)], d.source_value, d.loaded_value, d.difference))
            .ToHashSet();
        var rounding = await connection.QuerySingleAsync<(decimal source_value, decimal loaded_value, decimal tolerance, string result)>("""
            SELECT source_value, loaded_value, tolerance, result FROM report.reconciliation
            WHERE source = 'adult-services-return' AND period = 2 AND measure = 'forecast spend' AND scope = 'OP Total Expenditure'
            """);

        Assert.Equal(new HashSet<(int, string, string, decimal, decimal, decimal)>
        {
            (2, "annual budget", "OPMH Total Income", -1146000m, -1427000m, -281000m),
            (2, "forecast spend", "OPMH Total Income", -1111000m, -1120000m, -9000m),
            (2, "variance", "OPMH Total Income", -35000m, -536000m, -501000m),
            (13, "current users", "OP Total Expenditure", 3128m, 3180m, 52m),
            (13, "budgeted users", "OPMH Total Expenditure", 229m, 233m, 4m),
            (13, "current users", "OPMH Total Expenditure", 191m, 193m, 2m),
            (13, "annual budget", "OPMH Total Expenditure", 6694000m, 6879000m, 185000m),
        }, defects);
        Assert.Equal((73288000m, 73289000m, 5000m, "within rounding"), rounding);
    }

    [SkippableFact]
    public async Task Restatement_ReplacesThePeriodSlice()
    {
        await ActivityFixtures.LoadReferenceAsync(Provider.Engine);
        await ActivityFixtures.LoadedAsync(Provider.Engine, new AdultServicesReturnSource(), ActivityFixtures.Sample("adult-services-2018-05.xlsx"));
        var restated = ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx", ("LD", "H9", -3000), ("LD", "I9", -33), ("LD", "I11", 146));

        var outcome = await ActivityFixtures.LoadAsync(Provider.Engine, new AdultServicesReturnSource(), restated);

        Assert.Equal(LoadStatus.Loaded, outcome.Status);
        Assert.NotNull(outcome.SupersededBatchId);
        Assert.Equal(-3000m, (await RowAsync(2, "LD", "Income")).forecast_spend);
        Assert.Equal(44, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_adult_activity WHERE period_key = 201802"));
    }
}

public sealed class PostgresAdultServicesGoldenTests : AdultServicesGoldenTests<PostgresProvider>;

public sealed class SqlServerAdultServicesGoldenTests : AdultServicesGoldenTests<SqlServerProvider>;
