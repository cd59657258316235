using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Placements;

namespace Warehouse.Tests.Sources.Placements;

/// <summary>The placement types and the budget reference files.</summary>
public sealed class LacReferenceTests : LacTestBase
{
    private static string Write(string name, string content)
    {
        var folder = TestFolders.New("lac-ref");
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [SkippableFact]
    public async Task Load_KeepsRevisionsByEffectivePeriod_ForSampleBudget()
    {
        Assert.Equal(19, await Provider.ScalarAsync<int>("SELECT CAST(COUNT(*) AS integer) FROM dw.dim_placement_type"));
        Assert.Equal(2, await Provider.ScalarAsync<int>("SELECT CAST(COUNT(*) AS integer) FROM dw.dim_placement_type WHERE weeks_funded = 56"));
        Assert.Equal(28209000m, await Provider.ScalarAsync<decimal>("SELECT SUM(annual_budget) FROM dw.lac_budget WHERE effective_period = 1"));
        Assert.Equal(431000m, await Provider.ScalarAsync<decimal>(
            "SELECT annual_budget FROM dw.lac_budget WHERE effective_period = 13 AND placement_type_code = 'inhouse_residential'"));
    }

    [SkippableFact]
    public async Task Load_TakesPeriodOne_WhenBudgetHasNoEffectivePeriodColumn()
    {
        var path = Write("budget.csv", "fiscal_year,placement_type_code,budgeted_placements,annual_budget,budget_weekly_cost\n2019-20,independent_fostering,210,9900000.00,810.00\n");

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new BudgetSource(), path);

        Assert.Equal(LoadStatus.Loaded, outcome.Status);
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT CAST(effective_period AS integer) FROM dw.lac_budget WHERE fiscal_year_start = 2019"));
    }

    [SkippableFact]
    public async Task Load_RejectsBudgetLine_ForUnknownTypeAndBadPeriod()
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var path = Write("budget.csv", "fiscal_year,effective_period,placement_type_code,budgeted_placements,annual_budget,budget_weekly_cost\n" +
                                       "2019-20,1,space_station,1,100.00,10.00\n2019-20,14,independent_fostering,1,100.00,10.00\n");

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new BudgetSource(), path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Equal(["placement_type_code", "effective_period"], outcome.Errors.Select(e => e.Column));
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }

    [SkippableFact]
    public async Task BudgetLoad_MatchesAKnownPlacementType_SpelledInAnotherCase()
    {
        var path = Write("budget.csv", "fiscal_year,placement_type_code,budgeted_placements,annual_budget,budget_weekly_cost\n2019-20,Independent_Fostering,210,9900000.00,810.00\n");

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new BudgetSource(), path);

        Assert.Equal(LoadStatus.Loaded, outcome.Status);
        Assert.Equal("independent_fostering", await Provider.ScalarAsync<string>("SELECT placement_type_code FROM dw.lac_budget WHERE fiscal_year_start = 2019"));
    }

    [SkippableFact]
    public async Task PlacementTypeLoad_Rejects_CodesThatDifferOnlyInCase_NamingBothRows()
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var path = Write("types.csv", "placement_type_code,placement_type,block,weeks_funded,counts_in_block_total,sort_order\n" +
                                      "respite,Respite,external,52,Y,10\nRESPITE,Respite care,external,52,Y,20\n");

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new PlacementTypeSource(), path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal((3, "placement_type_code", "RESPITE"), (error.Row, error.Column, error.Value));
        Assert.Contains("differs from respite in row 2 only in letter case", error.Reason);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }

    [SkippableFact]
    public async Task Load_RejectsPlacementType_ForWeeksOtherThan52Or56()
    {
        var path = Write("types.csv", "placement_type_code,placement_type,block,weeks_funded,counts_in_block_total,sort_order\nx,X,external,53,Y,10\n");

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new PlacementTypeSource(), path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains("52 or 56", Assert.Single(outcome.Errors).Reason);
    }
}
