using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Budget;

namespace Warehouse.Tests.Sources.Budget;

/// <summary>
/// Faults specific to the grants register, virement log and reserve schedule, each a tiny workbook: the file is
/// rejected whole, with the row and column named in report.rejections, and dw/stg are left exactly as they were.
/// Also restatement (a later file for a period replaces it) and exactly-once (the same bytes again are a no-op).
/// </summary>
public abstract class BudgetBadInputTests<TProvider> : BudgetTestBase<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly object?[] GrantHeader = ["Period", "Grant", "Awarding Body", "Directorate", "Budget Line Code", "Grant Line Code", "In Base Budget", "Expected Amount £000"];
    private static readonly object?[] VirementHeader = ["Period", "Entry", "Line", "Eff. Period", "Amount £000", "Notes"];
    private static readonly object?[] ReserveHeader = ["Period", "Publication", "Reserve Type", "Fund Group", "Service", "Fund Description", "Line Type",
        "Opening Balance £000", "Movement £000", "Current Balance £000", "Forecast Year End £000", "Notes"];

    private static string Workbook(string name, object?[] header, params object?[][] rows) =>
        TinyXlsx.Write(Path.Combine(TestFolders.New("budget"), name), "Sheet1", new[] { header }.Concat(rows));

    private async Task AssertRejectedAsync(ISource source, string path, int row, string column, string reason)
    {
        await LoadReferenceAsync();
        var before = await FingerprintAsync();
        var outcome = await LoadAsync(source, path);
        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Equal(before, await FingerprintAsync());
        var recorded = await QueryAsync<(string file_name, int? row_number, string column_name, string reason)>(
            "SELECT file_name, row_number, column_name, reason FROM report.rejections WHERE batch_id = @batchId", new { batchId = outcome.BatchId });
        Assert.Contains(recorded, r => r.file_name == Path.GetFileName(path) && r.row_number == row && r.column_name == column
                                       && r.reason.Contains(reason, StringComparison.Ordinal));
    }

    [SkippableFact]
    public Task GrantsRegister_IsRejected_WhenTheDirectorateIsNotInThatYearsStructure() =>
        AssertRejectedAsync(new GrantsRegisterSource(), Workbook("grants.xlsx", GrantHeader,
                ["May-18", "Better Care Fund", "CCG", "Adults & Safeguarding", null, "L0702", "Y", 26075.0],
                ["May-18", "Youth Offending Good Practice Grant", "YJB", "Community & Safety", null, "L0702", "Y", 531.0]),
            3, "Directorate", "is not a directorate of the 2018/19 organisation reference");

    [SkippableFact]
    public Task GrantsRegister_IsRejected_WhenTheGrantLineIsAnExpenditureLine() =>
        AssertRejectedAsync(new GrantsRegisterSource(), Workbook("grants.xlsx", GrantHeader,
                ["May-18", "Better Care Fund", "CCG", "Adults & Safeguarding", null, "L0101", "Y", 26075.0]),
            2, "Grant Line Code", "a grant is carried by a grant line");

    [SkippableFact]
    public Task GrantsRegister_IsRejected_WhenTheReceivingLineIsInAnotherDirectorate() =>
        AssertRejectedAsync(new GrantsRegisterSource(), Workbook("grants.xlsx", GrantHeader,
                ["May-18", "Youth Offending Good Practice Grant", "YJB", "Communities & Safety", "L0401", "L0702", "Y", 531.0]),
            2, "Budget Line Code", "is a line of Children & Safeguarding, not of Communities & Safety");

    [SkippableFact]
    public Task GrantsRegister_IsRejected_WhenAFileHoldsTwoPeriods() =>
        AssertRejectedAsync(new GrantsRegisterSource(), Workbook("grants.xlsx", GrantHeader,
                ["May-18", "Better Care Fund", "CCG", "Adults & Safeguarding", null, "L0702", "Y", 26075.0],
                ["Jun-18", "Staying Put", "DfE", "Children & Safeguarding", null, "L0702", "Y", 167.0]),
            3, "Period", "give one period per file");

    [SkippableFact]
    public Task GrantsRegister_IsRejected_WhenInBaseBudgetIsNotYesOrNo() =>
        AssertRejectedAsync(new GrantsRegisterSource(), Workbook("grants.xlsx", GrantHeader,
                ["May-18", "Better Care Fund", "CCG", "Adults & Safeguarding", null, "L0702", "maybe", 26075.0]),
            2, "In Base Budget", "is not Y or N");

    [SkippableFact]
    public Task VirementLog_IsRejected_WhenItTypesTheCurrentBudget() =>
        AssertRejectedAsync(new VirementLogSource(), Workbook("virements.xlsx", VirementHeader,
                ["May-18", "opening", "Budget as per Business Plan", null, 239124.0, null],
                ["May-18", "current", "Budget 2018/19", null, 239329.0, null]),
            3, "Entry", "report.budget_reconciliation adds them up");

    [SkippableFact]
    public Task VirementLog_IsRejected_WhenTheOpeningBudgetIsGivenTwice() =>
        AssertRejectedAsync(new VirementLogSource(), Workbook("virements.xlsx", VirementHeader,
                ["May-18", "opening", "Budget as per Business Plan", null, 239124.0, null],
                ["May-18", "opening", "Budget as per Business Plan", null, 239124.0, null]),
            3, "Entry", "opening is given 2 times");

    [SkippableFact]
    public Task VirementLog_IsRejected_WhenAVirementTakesEffectAfterTheLogsPeriod() =>
        AssertRejectedAsync(new VirementLogSource(), Workbook("virements.xlsx", VirementHeader,
                ["May-18", "opening", "Budget as per Business Plan", null, 239124.0, null],
                ["May-18", "virement", "Strategic Management – Education", "Sep", 134.0, "ICT SLA"]),
            3, "Eff. Period", "cannot take effect after the month it is reported in");

    [SkippableFact]
    public Task ReserveSchedule_IsRejected_WhenThePublicationIsUnknown() =>
        AssertRejectedAsync(new ReserveScheduleSource(), Workbook("reserves.xlsx", ReserveHeader,
                ["May-18", "budget book", "revenue", "General Reserve", null, "Carry-forward", "fund", 540.0, -7493.0, -6953.0, -6953.0, null]),
            2, "Publication", "is not a publication of dw.dim_publication");

    [SkippableFact]
    public Task ReserveSchedule_IsRejected_WhenAFundIsTypedAsAllReserves() =>
        AssertRejectedAsync(new ReserveScheduleSource(), Workbook("reserves.xlsx", ReserveHeader,
                ["May-18", "irpr", "reserves", "General Reserves", null, "County Fund Balance", "fund", 13392.0, 3253.0, 16645.0, 14812.0, null]),
            2, "Reserve Type", "is only for a total row");

    [SkippableFact]
    public Task ReserveSchedule_IsRejected_WhenATotalCoversNoFund() =>
        AssertRejectedAsync(new ReserveScheduleSource(), Workbook("reserves.xlsx", ReserveHeader,
                ["May-18", "irpr", "capital", "Capital Reserves", null, "P&C", "fund", 778.0, 0.0, 778.0, 778.0, null],
                ["May-18", "irpr", "provision", null, null, "GRAND TOTAL", "total", 7328.0, 0.0, 7328.0, 7273.0, null]),
            3, "Line Type", "covers no fund rows");

    [SkippableFact]
    public async Task ReserveSchedule_FailsReconciliation_WhenAPrintedTotalIsMoreThanRoundingOff()
    {
        await LoadReferenceAsync();
        var before = await FingerprintAsync();
        var path = Workbook("reserves.xlsx", ReserveHeader,
            ["May-18", "fpr", "revenue", "General Reserve", null, "P&C carry-forward", "fund", 540.0, -7493.0, -6953.0, -6953.0, null],
            ["May-18", "fpr", "revenue", "Equipment Reserves", null, "IT for Looked After Children", "fund", 133.0, -69.0, 64.0, 64.0, null],
            ["May-18", "fpr", "revenue", null, null, "TOTAL REVENUE RESERVE", "total", 673.0, -7562.0, -6899.0, -6880.0, null]);
        var outcome = await LoadAsync(new ReserveScheduleSource(), path);
        Assert.Equal(LoadStatus.ReconciliationFailed, outcome.Status);
        Assert.Equal(before, await FingerprintAsync());
        var check = (await QueryAsync<(decimal source_value, decimal loaded_value, string result)>(
            "SELECT source_value, loaded_value, result FROM report.reconciliation WHERE batch_id = @batchId AND measure = 'forecast_year_end'",
            new { batchId = outcome.BatchId })).Single();
        Assert.Equal((-6_880_000m, -6_889_000m, "mismatch"), check);
    }

    [SkippableFact]
    public async Task GrantsRegister_ALaterRegisterForThePeriodReplacesIt_AndTheSameFileAgainIsANoOp()
    {
        await LoadReferenceAsync();
        var first = await LoadAsync(new GrantsRegisterSource(), BudgetSample("grants-2018-05.xlsx"));
        Assert.Equal(LoadStatus.Loaded, first.Status);
        Assert.Equal(LoadStatus.Duplicate, (await LoadAsync(new GrantsRegisterSource(), BudgetSample("grants-2018-05.xlsx"))).Status);

        var restated = await LoadAsync(new GrantsRegisterSource(), Workbook("grants-restated.xlsx", GrantHeader,
            ["May-18", "Better Care Fund", "CCG", "Adults & Safeguarding", null, "L0702", "Y", 26100.0]));
        Assert.Equal(LoadStatus.Loaded, restated.Status);
        var rows = await QueryAsync<(int batch_id, decimal expected_amount)>("SELECT batch_id, expected_amount FROM dw.fact_grant WHERE period_key = 201802");
        Assert.Equal([(restated.BatchId!.Value, 26_100_000m)], rows);
        Assert.Equal("superseded", (await QueryAsync<string>("SELECT state FROM etl.batch WHERE batch_id = @id", new { id = first.BatchId })).Single());
    }
}

public sealed class PostgresBudgetBadInputTests : BudgetBadInputTests<PostgresProvider>;

/// <summary>The same faults on SQL Server; skipped unless WAREHOUSE_TEST_SQLSERVER is set.</summary>
public sealed class SqlServerBudgetBadInputTests : BudgetBadInputTests<SqlServerProvider>;
