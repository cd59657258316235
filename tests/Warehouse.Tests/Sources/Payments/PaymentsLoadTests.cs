using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Payments;

namespace Warehouse.Tests.Sources.Payments;

/// <summary>
/// The sample files (samples/payments/, invented figures) loaded through the pipeline. The expected figures are
/// added up by hand from the sample files, row by row (docs/formats/payments.md §6), never by the code under test.
/// </summary>
public sealed class PaymentsLoadTests : PaymentsTestBase
{
    [Fact]
    public async Task Load_QuarantinesUnreadableRows_AndLoadsTheRest()
    {
        var outcome = await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));

        // 13 rows: row 11 has no amount, row 14 is dated 31/06/2018; the other 11 load.
        Assert.Equal(11, outcome.RowsLoaded);
        var quarantined = await QueryAsync<(int row_number, string column_name, string? value, decimal? amount)>(
            "SELECT row_number, column_name, value, amount FROM report.quarantine WHERE batch_id = @b ORDER BY row_number", new { b = outcome.BatchId });
        Assert.Equal([(11, "Amount", (string?)null, (decimal?)null), (14, "Paid Date", "31/06/2018", 600.00m)], quarantined);
        Assert.Equal(78245.74m, await ScalarAsync<decimal>("SELECT SUM(amount) FROM report.spend_over_500 WHERE batch_id = @b", new { b = outcome.BatchId }));
    }

    [Fact]
    public async Task Load_ControlTotals_AccountForEveryRowRead()
    {
        var outcome = await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));

        var totals = (await QueryAsync<(string measure, decimal source_value, decimal loaded_value)>(
            "SELECT measure, source_value, loaded_value FROM etl.control_total WHERE batch_id = @b ORDER BY measure", new { b = outcome.BatchId }));
        // Read: 13 rows and £78,845.74 (every readable amount, the quarantined £600.00 included) = loaded + quarantined.
        Assert.Equal([("amount", 78845.74m, 78845.74m), ("rows", 13m, 13m)], totals);
    }

    [Fact]
    public async Task Load_MatchesSuppliersByIdOrNormalisedName_AndNeverMatchesRedactedPayees()
    {
        await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));

        var suppliers = await QueryAsync<(string supplier, int payments, decimal spend, int is_redacted)>(
            "SELECT supplier, payments, spend, is_redacted FROM report.spend_by_supplier ORDER BY is_redacted, supplier");
        Assert.Equal(
        [
            ("Brightwater Care Ltd", 3, 21850.49m, 0),       // id 100231, spelled two ways
            ("Cam Valley Coaches", 1, 2150.25m, 0),
            ("Fenway Civil Engineering Ltd", 2, 42700.00m, 0), // a payment and a credit note
            ("Healthy Fens CIC", 1, 5000.00m, 0),
            ("Northgate Software Limited", 2, 4320.00m, 0),    // no id: `Limited` and `ltd.` are one name
            ("Redacted personal data", 2, 2225.00m, 1),
        ], suppliers);
        Assert.Equal(5, await ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_supplier"));
        Assert.Equal(2, await ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_payment WHERE supplier_key IS NULL AND is_redacted"));
    }

    [Fact]
    public async Task Load_Xlsx_ReadsSerialsTextDatesAndRedactsIndividuals()
    {
        var outcome = await LoadedAsync(Sample("payments-ccc-2018-q2.xlsx"));

        Assert.Equal(6, outcome.RowsLoaded); // row 8 ("not known") is quarantined
        var rows = await QueryAsync<(DateTime paid_date, string supplier, decimal amount, string capital_revenue, int is_redacted, string quarter)>(
            "SELECT paid_date, supplier, amount, capital_revenue, is_redacted, quarter FROM report.spend_over_500 ORDER BY source_row");
        Assert.Equal(new DateTime(2018, 7, 6), rows[0].paid_date);   // a date cell
        Assert.Equal(new DateTime(2018, 7, 12), rows[1].paid_date);  // 12-Jul-18
        Assert.Equal(new DateTime(2018, 8, 20), rows[2].paid_date);  // a bare serial, 43332
        Assert.Equal(new DateTime(2018, 9, 3), rows[3].paid_date);   // ISO text
        Assert.All(rows, r => Assert.Equal("2018-Q2", r.quarter));
        Assert.Equal(("REDACTED PERSONAL DATA", 1), (rows[1].supplier, rows[1].is_redacted)); // supplier type Individual
        Assert.Equal(("capital", -450.00m), (rows[2].capital_revenue, rows[4].amount));
        Assert.Empty(await QueryAsync<string>("SELECT supplier_name FROM dw.fact_payment WHERE supplier_name LIKE '%Smith%'"));
        Assert.Empty(await QueryAsync<string>("SELECT supplier_id FROM dw.dim_supplier WHERE supplier_id = '500900'"));
    }

    [Fact]
    public async Task Load_FileWithoutCategoryColumn_RecordsItAbsent()
    {
        await LoadedAsync(Sample("payments-westmere-2018-q1.csv"));

        var rows = await QueryAsync<(string body, string? category, string service_area, decimal amount)>(
            "SELECT body, category, service_area, amount FROM report.spend_over_500 ORDER BY source_row");
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Null(r.category));
        Assert.All(rows, r => Assert.Equal(Westmere, r.body));
        Assert.Equal(22300.00m, rows.Sum(r => r.amount));
    }

    [Fact]
    public async Task Load_NoUsableDates_QuarantinesEveryRow_WithoutAPeriod()
    {
        var outcome = await LoadedAsync(Sample("payments-westmere-undated.csv"));

        Assert.Equal(0, outcome.RowsLoaded);
        var reasons = await QueryAsync<string>("SELECT reason FROM report.quarantine WHERE batch_id = @b", new { b = outcome.BatchId });
        Assert.Equal(4, reasons.Count);
        Assert.All(reasons, r => Assert.Contains("--period", r));
        Assert.Equal(6250.40m, await ScalarAsync<decimal>("SELECT SUM(amount) FROM report.quarantine WHERE batch_id = @b", new { b = outcome.BatchId }));
    }

    [Fact]
    public async Task Load_NoUsableDates_TakesTheQuarterGivenOnLoading()
    {
        var outcome = await LoadedAsync(Sample("payments-westmere-undated.csv"), new PaymentFileOptions(Quarter: FiscalQuarter.Parse("2018-Q2")));

        Assert.Equal(4, outcome.RowsLoaded);
        var rows = await QueryAsync<(string quarter, DateTime? paid_date, string category)>("SELECT quarter, paid_date, category FROM report.spend_over_500");
        Assert.All(rows, r => Assert.Equal(("2018-Q2", (DateTime?)null), (r.quarter, r.paid_date)));
        Assert.Contains(rows, r => r.category == "Repairs"); // read under `Expenditure Catergory ` (misspelt, trailing space)
    }

    [Fact]
    public async Task Load_SameFileTwice_IsANoOp()
    {
        await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));
        var again = await LoadAsync(Sample("payments-ccc-2018-q1.csv"));

        Assert.Equal(LoadStatus.Duplicate, again.Status);
        Assert.Equal(11, await ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_payment"));
    }

    [Fact]
    public async Task Load_AnEarlierQuartersFileAgain_IsANoOp_AfterALaterQuarter()
    {
        // Each file is its own slice: loading Q2 leaves Q1's batch current, so Q1 again changes nothing (the demo run twice).
        var q1 = await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));
        await LoadedAsync(Sample("payments-ccc-2018-q2.xlsx"));
        var again = await LoadAsync(Sample("payments-ccc-2018-q1.csv"));

        Assert.Equal((LoadStatus.Duplicate, q1.BatchId), (again.Status, again.BatchId));
        Assert.Equal(2, await ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE source = 'supplier-payments'"));
        Assert.Equal(17, await ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_payment"));
    }

    [Fact]
    public async Task Load_SameBodyAndQuarterAgain_Restates_AndSupersedesTheEarlierBatch()
    {
        var first = await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));
        await LoadedAsync(Sample("payments-westmere-2018-q1.csv")); // another body's same quarter is not touched
        var text = File.ReadAllText(Sample("payments-ccc-2018-q1.csv")).Replace("\"£45,000.00\"", "\"£44,000.00\"");
        var restated = await LoadedAsync(TempFile("payments-ccc-2018-q1-v2.csv", text));

        Assert.Equal(77245.74m, await ScalarAsync<decimal>("SELECT SUM(spend) FROM report.spend_by_service WHERE body = @Ccc AND quarter = '2018-Q1'", new { Ccc }));
        Assert.Equal(22300.00m, await ScalarAsync<decimal>("SELECT SUM(spend) FROM report.spend_by_service WHERE body = @Westmere", new { Westmere }));
        Assert.Equal(("superseded", restated.BatchId), (await QueryAsync<(string, int?)>(
            "SELECT state, superseded_by_batch_id FROM etl.batch WHERE batch_id = @b", new { b = first.BatchId })).Single());
        Assert.Empty(await QueryAsync<int>("SELECT batch_id FROM dw.fact_payment WHERE batch_id = @b", new { b = first.BatchId }));
    }

    [Fact]
    public async Task Load_EveryRow_CarriesItsBatch()
    {
        var first = await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));
        var second = await LoadedAsync(Sample("payments-ccc-2018-q2.xlsx"));

        var batches = await QueryAsync<(int batch_id, string quarter, int rows)>(
            "SELECT batch_id, quarter, COUNT(*) FROM report.spend_over_500 GROUP BY batch_id, quarter ORDER BY batch_id");
        Assert.Equal([(first.BatchId!.Value, "2018-Q1", 11), (second.BatchId!.Value, "2018-Q2", 6)], batches);
        // One supplier across both quarters where the files agree (same id, or same name without an id).
        Assert.Equal(5, await ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_supplier"));
    }
}
