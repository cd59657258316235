using Warehouse.Etl.Sources.Activity;

namespace Warehouse.Tests.Sources.Activity;

/// <summary>
/// The SEN placements tables of May 2018 and closedown 2018/19 from the samples, read back from
/// report.kad_sen_placements as printed (docs/formats/activity.md §3.2). Average costs are in £.
/// </summary>
public abstract class SenPlacementsGoldenTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private sealed record Printed(
        decimal? budgeted_placements, decimal? budget, decimal? budget_average_cost, decimal? placements_now, decimal? yearly_average,
        decimal? actual_cost, decimal? actual_average_cost, decimal? variance_placements, decimal? variance_yearly_average,
        decimal? variance_cost, decimal? variance_average_cost);

    private async Task LoadBothPeriodsAsync()
    {
        await ActivityFixtures.LoadReferenceAsync(Provider.Engine);
        await ActivityFixtures.LoadedAsync(Provider.Engine, new SenPlacementsReturnSource(), ActivityFixtures.Sample("sen-placements-2018-05.xlsx"));
        await ActivityFixtures.LoadedAsync(Provider.Engine, new SenPlacementsReturnSource(), ActivityFixtures.Sample("sen-placements-2019-13.xlsx"));
    }

    private async Task<Printed> RowAsync(int period, string code)
    {
        await using var connection = await Provider.OpenAsync();
        return await connection.QuerySingleAsync<Printed>("""
            SELECT budgeted_placements, budget, budget_average_cost, placements_now, yearly_average, actual_cost, actual_average_cost,
                   variance_placements, variance_yearly_average, variance_cost, variance_average_cost
            FROM report.kad_sen_placements WHERE fiscal_year = '2018/19' AND period = @period AND ofsted_code = @code
            """, new { period, code });
    }

    [SkippableFact]
    public async Task SenView_ShowsMay2018AsPrinted()
    {
        await LoadBothPeriodsAsync();

        Assert.Equal(new Printed(98, 6165, 63000, 104, 88.36m, 6774, 77000, 6, -9.64m, 609, 14000), await RowAsync(2, "ASD"));
        Assert.Equal(new Printed(1, 75, 75000, 0, 0, 0, null, -1, -1, -75, 0), await RowAsync(2, "MSI"));
        Assert.Equal(new Printed(null, null, null, null, null, -750, null, null, null, -750, null), await RowAsync(2, "Recoupment"));
        Assert.Equal(new Printed(157, 8573, 55000, 177, 147.72m, 9091, 67000, 20, -9.28m, 518, 12000), await RowAsync(2, "TOTAL"));
    }

    [SkippableFact]
    public async Task SenView_ShowsClosedownAsPrinted_WithTheInvalidSemhValues()
    {
        await LoadBothPeriodsAsync();

        Assert.Equal(new Printed(35, 1490, 43000, 44, -69.46m, 2200, -32000, 9, -104.46m, 710, -75000), await RowAsync(13, "SEMH"));
        Assert.Equal(new Printed(null, 1000, null, null, null, 0, null, null, null, -1000, null), await RowAsync(13, "Growth"));
        Assert.Equal(new Printed(null, null, null, 0, 0, 207, 0, null, null, 207, 0), await RowAsync(13, "Recoupment"));
        // Printed variance 181: the report computes 9,753 - 9,573 = 180 from the rounded figures (docs/activity.md).
        Assert.Equal(new Printed(157, 9573, 61000, 171, 63.38m, 9753, 151000, 14, -93.62m, 180, 90000), await RowAsync(13, "TOTAL"));
    }

    [SkippableFact]
    public async Task SenView_ListsNeedsInPrintedOrder()
    {
        await LoadBothPeriodsAsync();
        await using var connection = await Provider.OpenAsync();

        var codes = (await connection.QueryAsync<string>(
            "SELECT ofsted_code FROM report.kad_sen_placements WHERE period = 13 ORDER BY sort_order")).ToList();

        Assert.Equal(["ASD", "HI", "MLD", "MSI", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI", "Growth", "Recoupment", "TOTAL"], codes);
    }

    [SkippableFact]
    public async Task Reconciliation_ShowsTheSenTotalsWithinRounding_AndTheInvalidSemhValues()
    {
        await LoadBothPeriodsAsync();
        await using var connection = await Provider.OpenAsync();

        var checks = (await connection.QueryAsync<(int period, string measure, string scope, decimal source_value, decimal loaded_value, string result)>("""
            SELECT period, measure, scope, source_value, loaded_value, result FROM report.reconciliation
            WHERE source = 'sen-placements-return' AND measure <> 'rows'
            """)).ToList();

        Assert.Contains((2, "budget", "SEN TOTAL", 8573000m, 8570000m, "within rounding"), checks);
        Assert.Contains((13, "actual cost", "SEN TOTAL", 9753000m, 9754000m, "within rounding"), checks);
        Assert.Contains((13, "yearly average", "SEN TOTAL", 63.38m, 63.38m, "match"), checks);
        Assert.Contains(checks, c => c is { period: 13, measure: "yearly average", source_value: -69.46m }
            && c.scope.StartsWith("SEN Social Emotional and Mental Health (accepted source defect", StringComparison.Ordinal));
        Assert.Contains(checks, c => c is { period: 13, measure: "actual average cost", source_value: -32000m });
    }
}

public sealed class PostgresSenPlacementsGoldenTests : SenPlacementsGoldenTests<PostgresProvider>;

public sealed class SqlServerSenPlacementsGoldenTests : SenPlacementsGoldenTests<SqlServerProvider>;
