using Warehouse.Etl.Core.Pipeline;

namespace Warehouse.Tests.Sources.Finance;

public sealed class GeneralLedgerTests : FinanceTestBase<PostgresProvider>
{
    private const string LineFigures = """
        SELECT CAST(m.budget AS decimal(19,2)) AS budget, CAST(m.actual AS decimal(19,2)) AS actual
        FROM dw.fact_revenue_monitoring AS m WHERE m.period_key = @periodKey AND m.budget_line_code = @code
        """;

    [SkippableTheory]
    [InlineData("gl-2018-05.csv")]
    [InlineData("gl-2018-05.xlsx")]
    public async Task LoadAsync_RollsLedgerUpToBudgetLines_ForCsvAndXlsx(string sample)
    {
        await LoadReferenceAsync();
        await LoadedAsync(new Warehouse.Etl.Sources.Finance.GeneralLedgerSource(), sample);

        var lac = (await QueryAsync<(decimal budget, decimal actual)>(LineFigures, new { periodKey = 201802, code = "L0207" })).Single();
        // The sample is in unrounded pounds that round to the printed line (19,641 / 1,063; docs/formats/finance.md §4).
        Assert.Equal(19_641_254m, lac.budget);
        Assert.Equal(1_062_581m, lac.actual);
        Assert.Equal(197L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201802"));
        // every fact row carries the lineage key of the batch that loaded it
        Assert.Equal(197L, await Provider.ScalarAsync<long>("""
            SELECT COUNT(*) FROM dw.fact_ledger AS f JOIN etl.batch AS b ON b.batch_id = f.batch_id
            WHERE f.period_key = 201802 AND b.source = 'finance-gl' AND b.state = 'loaded'
            """));
        var results = await QueryAsync<string>("SELECT result FROM report.reconciliation WHERE source = 'finance-gl' AND measure IN ('rows', 'budget', 'actual')");
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal("match", r));
    }

    [SkippableFact]
    public async Task LoadAsync_RollsUpFromTheTotalsSummedWhileStreaming_WhenACostCentresRowsAreScatteredThroughTheFile()
    {
        await LoadReferenceAsync();
        // The sample's data rows dealt out from both ends, so no cost centre's rows come together.
        var lines = File.ReadAllLines(Sample("gl-2018-05.csv"));
        var header = Array.FindIndex(lines, l => l.StartsWith("Cost Centre,"));
        var data = lines[(header + 1)..^1];
        var dealt = Enumerable.Range(0, data.Length).Select(i => i % 2 == 0 ? data[i / 2] : data[data.Length - 1 - i / 2]).ToArray();
        var path = TempFile("gl-2018-05-scattered.csv", string.Join('\n', lines[..(header + 1)].Concat(dealt).Append(lines[^1])) + "\n");
        Assert.NotEqual(data, dealt);

        var outcome = await LoadGlAsync(path);
        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);

        // The printed LAC Placements line still (seed figures), and every line equals the ledger that landed, summed here.
        var lac = (await QueryAsync<(decimal budget, decimal actual)>(LineFigures, new { periodKey = 201802, code = "L0207" })).Single();
        Assert.Equal((19_641_254m, 1_062_581m), (decimal.Round(lac.budget), decimal.Round(lac.actual)));
        Assert.Equal(0L, await Provider.ScalarAsync<long>("""
            SELECT COUNT(*) FROM (
                SELECT c.budget_line_code, SUM(f.budget) AS budget, SUM(f.actual) AS actual
                FROM dw.fact_ledger AS f JOIN dw.dim_cost_centre AS c ON c.cost_centre_key = f.cost_centre_key
                WHERE f.period_key = 201802 GROUP BY c.budget_line_code) AS landed
            FULL JOIN (SELECT budget_line_code, budget, actual FROM dw.fact_revenue_monitoring WHERE period_key = 201802 AND ledger_batch_id IS NOT NULL) AS m
              ON m.budget_line_code = landed.budget_line_code
            WHERE m.budget IS DISTINCT FROM landed.budget OR m.actual IS DISTINCT FROM landed.actual
            """));
        Assert.True(await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_revenue_monitoring WHERE period_key = 201802") > 50);
        // The staged line totals lived only inside the load's transaction.
        Assert.Equal(0L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM stg.ledger_line_total"));
    }

    [SkippableFact]
    public async Task LoadAsync_ShowsPrintedRoundedTotalsAsWithinRounding_InReconciliation()
    {
        await LoadReferenceAsync();
        await LoadedAsync(new Warehouse.Etl.Sources.Finance.GeneralLedgerSource(), "gl-2018-05.csv");

        // Printed Total Expenditure budget 320,879 is a rounded sum of unrounded pounds (docs/formats/finance.md §7.1).
        var row = (await QueryAsync<(decimal source_value, decimal loaded_value, string result)>("""
            SELECT source_value, loaded_value, result FROM report.reconciliation
            WHERE source = 'finance-gl' AND measure = 'published budget' AND scope = 'Total Expenditure'
            """)).Single();
        Assert.Equal(320_879_000m, row.source_value);
        Assert.Equal(320_879_385m, row.loaded_value);
        Assert.Equal("within rounding", row.result);
        // Every printed figure is a rounding of pounds now, Commissioning's 44,162 too (44,162,022.00 in the sample).
        Assert.Equal((44_162_022m, "within rounding"), (await QueryAsync<(decimal, string)>(
            "SELECT loaded_value, result FROM report.reconciliation WHERE measure = 'published budget' AND scope = 'Commissioning'")).Single());
    }

    [SkippableFact]
    public async Task LoadAsync_RejectsEveryBadRowInOneGo_UnknownCostCentreDuplicateTextInMoneyAndOtherPeriod()
    {
        await LoadReferenceAsync();
        var before = await FingerprintAsync();
        var path = TempFile("gl-bad.csv", """
            Cost Centre,Account,Account Name,Fiscal Year,Period,Budget,Actual
            C10207,5000,Third Party Payments,2018/19,2,100.00,10.00
            C99999,5000,Third Party Payments,2018/19,2,100.00,10.00
            C10207,5000,Third Party Payments,2018/19,2,100.00,10.00
            C20207,5000,Third Party Payments,2018/19,2,abc,10.00
            C30207,5000,Third Party Payments,2018/19,3,1.00,1.00
            Total,,,,,301.00,31.00

            """);
        var outcome = await LoadGlAsync(path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        // The key checks run while the rows stream, so one rejection lists every kind of error in the file.
        Assert.Contains(outcome.Errors, e => e.Row == 3 && e.Value == "C99999" && e.Reason.Contains("not a cost centre"));
        Assert.Contains(outcome.Errors, e => e.Row == 4 && e.Reason.Contains("first at row 2"));
        Assert.Contains(outcome.Errors, e => e.Row == 5 && e.Column == "Budget");
        Assert.Contains(outcome.Errors, e => e.Row == 6 && e.Reason.Contains("different period"));
        Assert.Equal(4, outcome.Errors.Count);
        Assert.Equal(before, await FingerprintAsync());
    }

    [SkippableFact]
    public async Task FactLedger_RefusesARow_WhoseBatchIsNotInTheBatchLedger()
    {
        await LoadReferenceAsync();
        await LoadedAsync(new Warehouse.Etl.Sources.Finance.GeneralLedgerSource(), "gl-2018-05.csv");

        // PostgreSQL checks the lineage key per statement (migration 0151), SQL Server with its foreign key.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Provider.ExecuteAsync("""
            INSERT INTO dw.fact_ledger (period_key, cost_centre_key, account_code, account_name, budget, actual, batch_id)
            VALUES (201802, 0, 'X1', NULL, 1.00, 1.00, 987654)
            """));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Provider.ExecuteAsync(
            "UPDATE dw.fact_ledger SET batch_id = 987654 WHERE period_key = 201802"));
        Assert.Equal(0L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_ledger WHERE batch_id = 987654"));
        Assert.Equal(197L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201802"));
    }

    [SkippableFact]
    public async Task LoadAsync_RejectsTotalRowThatDoesNotAddUp_NamingTheRow()
    {
        await LoadReferenceAsync();
        var path = TempFile("gl-total.csv", """
            Cost Centre,Account,Account Name,Fiscal Year,Period,Budget,Actual
            C10207,5000,Third Party Payments,2018/19,2,100.00,10.00
            Total,,,,,101.00,10.00

            """);
        var outcome = await LoadGlAsync(path);
        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Row == 3 && e.Column == "Budget" && e.Reason.Contains("does not add up"));
    }

    [SkippableFact]
    public async Task LoadAsync_RestatementReplacesPeriodSlice_AndSameFileIsNoOp()
    {
        await LoadReferenceAsync();
        var first = await LoadGlAsync(Sample("gl-2018-05.csv"));
        Assert.Equal(LoadStatus.Loaded, first.Status);
        Assert.Equal(LoadStatus.Duplicate, (await LoadGlAsync(Sample("gl-2018-05.csv"))).Status);

        // A corrected extract for May 2018: LAC Placements actual up by £5,000.00, the Total row with it.
        var lines = File.ReadAllLines(Sample("gl-2018-05.csv"));
        var lac = Array.FindIndex(lines, l => l.StartsWith("C10207,"));
        var cells = lines[lac].Split(',');
        cells[6] = (decimal.Parse(cells[6], System.Globalization.CultureInfo.InvariantCulture) + 5000m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        lines[lac] = string.Join(',', cells);
        var total = lines[^1].Split(',');
        total[6] = (decimal.Parse(total[6], System.Globalization.CultureInfo.InvariantCulture) + 5000m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        lines[^1] = string.Join(',', total);
        var restated = await LoadGlAsync(TempFile("gl-2018-05-restated.csv", string.Join('\n', lines) + "\n"));

        Assert.Equal(LoadStatus.Loaded, restated.Status);
        Assert.Equal(first.BatchId, restated.SupersededBatchId);
        Assert.Equal(197L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201802"));
        Assert.Equal(0L, await Provider.ScalarAsync<long>($"SELECT COUNT(*) FROM dw.fact_ledger WHERE batch_id = {first.BatchId}"));
        Assert.Equal(1_067_581m, await Provider.ScalarAsync<decimal>("SELECT actual FROM dw.fact_revenue_monitoring WHERE period_key = 201802 AND budget_line_code = 'L0207'"));
        Assert.Equal(BatchState.Superseded, BatchStates.Parse(await Provider.ScalarAsync<string>($"SELECT state FROM etl.batch WHERE batch_id = {first.BatchId}")));
    }
}
