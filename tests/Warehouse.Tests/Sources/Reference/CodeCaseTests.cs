using System.Text.RegularExpressions;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Activity;
using Warehouse.Etl.Sources.Finance;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Tests.Sources.Finance;

namespace Warehouse.Tests.Sources.Reference;

/// <summary>
/// Codes are compared without letter case on both engines (docs/decisions.md, "Codes and letter case"): a file
/// that spells one code two ways is rejected naming both rows before anything is written, and a code the
/// warehouse holds matches in any case and keeps the warehouse's spelling. Before, PostgreSQL loaded CC100a and
/// CC100A as two members while SQL Server's unique key failed the load.
/// </summary>
public abstract class CodeCaseTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly string Organisation = RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv");
    private static readonly string ServiceTypes = RepositoryPaths.Combine("samples", "activity", "activity-service-types.csv");
    private const string GlHeader = "Cost Centre,Account,Account Name,Fiscal Year,Period,Budget,Actual";

    private static string GlRow(string costCentre, string account) => $"{costCentre},{account},Employees,2018/19,2,1000.00,250.00";

    private async Task LoadedAsync(ISource source, string path)
    {
        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(source, path);
        Assert.True(outcome.Status == LoadStatus.Loaded, $"{outcome.Status}: {outcome.Message}");
    }

    // The rows of a sample with one line (0 = header) rewritten.
    private static string[] Patched(string sample, int line, Func<string, string> change)
    {
        var lines = File.ReadAllLines(sample);
        lines[line] = change(lines[line]);
        return lines;
    }

    private async Task<List<string>> CodesAsync(string sql)
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<string>(sql)).ToList();
    }

    [SkippableFact]
    public async Task OrganisationLoad_Rejects_CostCentreCodesThatDifferOnlyInCase_NamingBothRows()
    {
        var path = BadFiles.Csv("organisation.csv", Patched(Organisation, 2, l => l.Replace(",C21101,", ",c11101,")));

        var (_, rows) = await Refusals.RefuseAsync(Provider, new OrganisationSource(), path);

        var rejection = Assert.Single(rows);
        Assert.Equal(("organisation", 3, "cost_centre_code", "c11101"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("differs from C11101 in row 2 only in letter case", rejection.reason);
    }

    [SkippableFact]
    public async Task OrganisationLoad_Rejects_BudgetLineCodeSpelledInTwoCases_NamingBothRows()
    {
        await LoadedAsync(new OrganisationSource(), Organisation);
        var path = BadFiles.Csv("organisation.csv", Patched(Organisation, 2, l => l.Replace(",L1101,", ",l1101,")));

        var (_, rows) = await Refusals.RefuseAsync(Provider, new OrganisationSource(), path);

        var rejection = Assert.Single(rows);
        Assert.Equal((3, "budget_line_code", "l1101"), (rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("differs from L1101 in row 2 only in letter case", rejection.reason);
    }

    [SkippableFact]
    public async Task OrganisationLoad_MatchesKnownCodes_WhenALaterFileSpellsThemInAnotherCase()
    {
        await LoadedAsync(new OrganisationSource(), Organisation);
        var before = await WarehouseSnapshot.TakeAsync(Provider, "dw");
        // Every budget line and cost centre code in lower case (L0207 → l0207, C10207 → c10207).
        var lowered = Regex.Replace(File.ReadAllText(Organisation), "(?<=,)([CL])(?=[0-9]{4,5},)", m => m.Value.ToLowerInvariant());
        Assert.Contains(",l0207,", lowered);

        await LoadedAsync(new OrganisationSource(), BadFiles.Csv("organisation.csv", lowered));

        // The same members as first spelled, every version unchanged: nothing new, nothing ended, nothing respelled.
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider, "dw"));
        Assert.All(await CodesAsync("SELECT cost_centre_code FROM dw.dim_cost_centre UNION ALL SELECT budget_line_code FROM dw.dim_organisation"),
            code => Assert.Equal(code.ToUpperInvariant(), code));
    }

    [SkippableFact]
    public async Task LineMappingLoad_MatchesBudgetLines_SpelledInAnotherCase()
    {
        await LoadedAsync(new OrganisationSource(), Organisation);
        var mapping = File.ReadAllText(RepositoryPaths.Combine("samples", "finance", "line-mapping.csv")).Replace(",L0109,L0109,", ",l0109,l0109,");

        await LoadedAsync(new LineMappingSource(), BadFiles.Csv("line-mapping.csv", mapping));

        Assert.Equal(1, await Provider.ScalarAsync<int>(
            "SELECT COUNT(*) FROM dw.budget_line_mapping WHERE from_budget_line_code = 'L0109' AND to_budget_line_code = 'L0109'"));
        Assert.All(await CodesAsync("SELECT from_budget_line_code FROM dw.budget_line_mapping UNION ALL SELECT to_budget_line_code FROM dw.budget_line_mapping"),
            code => Assert.Equal(code.ToUpperInvariant(), code));
    }

    [SkippableFact]
    public async Task LedgerLoad_Rejects_AccountCodesThatDifferOnlyInCase_NamingBothRows()
    {
        await LoadedAsync(new OrganisationSource(), Organisation);
        var path = LedgerFiles.Csv("gl-2018-05.csv", [GlHeader, GlRow("C10101", "A100"), GlRow("C20101", "A100"), GlRow("C10101", "a100")]);

        var (_, rows) = await Refusals.RefuseAsync(Provider, new GeneralLedgerSource(), path);

        var rejection = Assert.Single(rows);
        Assert.Equal(("gl-2018-05", 4, "Account", "a100"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("differs from A100 in row 2 only in letter case", rejection.reason);
    }

    [SkippableFact]
    public async Task LedgerLoad_Rejects_CostCentreSpelledInTwoCases_NamingBothRows()
    {
        await LoadedAsync(new OrganisationSource(), Organisation);
        var path = LedgerFiles.Csv("gl-2018-05.csv", [GlHeader, GlRow("C10101", "1000"), GlRow("c10101", "4000")]);

        var (_, rows) = await Refusals.RefuseAsync(Provider, new GeneralLedgerSource(), path);

        var rejection = Assert.Single(rows);
        Assert.Equal((3, "Cost Centre", "c10101"), (rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("differs from C10101 in row 2 only in letter case", rejection.reason);
    }

    [SkippableFact]
    public async Task LedgerLoad_MatchesTheReferenceCostCentre_WhenTheFileSpellsItInAnotherCase()
    {
        await LoadedAsync(new OrganisationSource(), Organisation);

        await LoadedAsync(new GeneralLedgerSource(), LedgerFiles.Csv("gl-2018-05.csv", [GlHeader, GlRow("c10101", "1000"), GlRow("c10101", "4000")]));

        Assert.Equal(["C10101", "C10101"], await CodesAsync("""
            SELECT c.cost_centre_code FROM dw.fact_ledger AS f JOIN dw.dim_cost_centre AS c ON c.cost_centre_key = f.cost_centre_key
            WHERE f.period_key = 201802
            """));
    }

    [SkippableFact]
    public async Task ServiceTypeLoad_Rejects_CodesThatDifferOnlyInCaseWithinAnArea_NamingBothRows()
    {
        // Row 3 becomes LD "Residential" beside row 2's LD "residential"; the other areas' "residential" are other codes.
        var path = BadFiles.Csv("activity-service-types.csv", Patched(ServiceTypes, 2, l => l.Replace("LD,nursing,", "LD,Residential,")));

        var (_, rows) = await Refusals.RefuseAsync(Provider, new ActivityServiceTypeSource(), path);

        var rejection = Assert.Single(rows);
        Assert.Equal(("activity-service-types", 3, "code", "Residential"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("differs from residential in row 2 only in letter case", rejection.reason);
    }

    [SkippableFact]
    public async Task ServiceTypeLoad_UpdatesTheKnownType_WhenALaterFileSpellsItsCodeInAnotherCase()
    {
        await LoadedAsync(new ActivityServiceTypeSource(), ServiceTypes);
        var count = await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_activity_service_type");
        var path = BadFiles.Csv("activity-service-types.csv", Patched(ServiceTypes, 1, l => l.Replace("LD,residential,", "LD,RESIDENTIAL,").Replace(",week,10", ",week,11")));

        await LoadedAsync(new ActivityServiceTypeSource(), path);

        Assert.Equal(count, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_activity_service_type"));
        await using var connection = await Provider.OpenAsync();
        var ld = (await connection.QueryAsync<(string code, int sort_order)>(
            "SELECT code, sort_order FROM dw.dim_activity_service_type WHERE service_area = 'LD' AND service_type = 'Residential'")).Single();
        Assert.Equal(("residential", 11), ld);
    }
}

public sealed class PostgresCodeCaseTests : CodeCaseTests<PostgresProvider>;

public sealed class SqlServerCodeCaseTests : CodeCaseTests<SqlServerProvider>;
