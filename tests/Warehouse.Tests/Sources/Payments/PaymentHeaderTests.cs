using Warehouse.Etl.Core.Reading;
using Warehouse.Etl.Sources.Payments;

namespace Warehouse.Tests.Sources.Payments;

/// <summary>
/// Every synonym of the header table (docs/formats/payments.md §2), each typed the way files drift: upper case
/// with a trailing space, snake_case, run together, lower case with a leading space.
/// </summary>
public sealed class PaymentHeaderTests
{
    private static HeaderMap Locate(params string[] header)
    {
        var rows = new List<SheetRow> { new("test.csv", "test", 1, header.Cast<object?>().ToArray()) };
        using var enumerator = rows.GetEnumerator();
        return HeaderLocator.Locate(enumerator, PaymentColumns.Specs, "test.csv");
    }

    [Theory]
    [InlineData("BODY ", PaymentColumns.Body)]
    [InlineData("body_name", PaymentColumns.Body)]
    [InlineData("Client", PaymentColumns.Body)]
    [InlineData(" organisation", PaymentColumns.Body)]
    [InlineData("ORGANISATION NAME ", PaymentColumns.Body)]
    [InlineData("organization", PaymentColumns.Body)]
    [InlineData("Council", PaymentColumns.Body)]
    [InlineData(" service area", PaymentColumns.ServiceArea)]
    [InlineData("ORGANISATIONAL UNIT ", PaymentColumns.ServiceArea)]
    [InlineData("organizational_unit", PaymentColumns.ServiceArea)]
    [InlineData("Department", PaymentColumns.ServiceArea)]
    [InlineData(" directorate", PaymentColumns.ServiceArea)]
    [InlineData("SERVICE LABEL ", PaymentColumns.ServiceArea)]
    [InlineData("service", PaymentColumns.ServiceArea)]
    [InlineData("ServiceDivision", PaymentColumns.ServiceArea)]
    [InlineData(" expenditure category", PaymentColumns.Category)]
    [InlineData("EXPENDITURE CATERGORY ", PaymentColumns.Category)]
    [InlineData("expenditure_catagory", PaymentColumns.Category)]
    [InlineData("ExpenseType", PaymentColumns.Category)]
    [InlineData(" expenses type", PaymentColumns.Category)]
    [InlineData("PURPOSE ", PaymentColumns.Category)]
    [InlineData("purpose_of_expenditure", PaymentColumns.Category)]
    [InlineData("Subjective", PaymentColumns.Category)]
    [InlineData(" subjective description", PaymentColumns.Category)]
    [InlineData("EXPENDITURE CODE ", PaymentColumns.ExpenditureCode)]
    [InlineData("account_code", PaymentColumns.ExpenditureCode)]
    [InlineData("SubjectiveCode", PaymentColumns.ExpenditureCode)]
    [InlineData(" expense code", PaymentColumns.ExpenditureCode)]
    [InlineData("PAID DATE ", PaymentColumns.PaidDate)]
    [InlineData("payment_date", PaymentColumns.PaidDate)]
    [InlineData("Date", PaymentColumns.PaidDate)]
    [InlineData(" date paid", PaymentColumns.PaidDate)]
    [InlineData("TRANSACTION DATE ", PaymentColumns.PaidDate)]
    [InlineData("date_incurred", PaymentColumns.PaidDate)]
    [InlineData("TransactionNumber", PaymentColumns.TransactionNumber)]
    [InlineData(" trans no", PaymentColumns.TransactionNumber)]
    [InlineData("TRANSACTION NO ", PaymentColumns.TransactionNumber)]
    [InlineData("transaction_ref", PaymentColumns.TransactionNumber)]
    [InlineData("TransactionID", PaymentColumns.TransactionNumber)]
    [InlineData(" trans ref", PaymentColumns.TransactionNumber)]
    [InlineData("AMOUNT ", PaymentColumns.Amount)]
    [InlineData("net_amount", PaymentColumns.Amount)]
    [InlineData("Value", PaymentColumns.Amount)]
    [InlineData(" amount paid", PaymentColumns.Amount)]
    [InlineData("NET VALUE ", PaymentColumns.Amount)]
    [InlineData("total", PaymentColumns.Amount)]
    [InlineData("CapitalOrRevenue", PaymentColumns.CapitalRevenue)]
    [InlineData(" type", PaymentColumns.CapitalRevenue)]
    [InlineData("TYPE OF EXPENDITURE ", PaymentColumns.CapitalRevenue)]
    [InlineData("caporrev", PaymentColumns.CapitalRevenue)]
    [InlineData("CapRev", PaymentColumns.CapitalRevenue)]
    [InlineData(" capital revenue", PaymentColumns.CapitalRevenue)]
    [InlineData("SUPPLIER ID ", PaymentColumns.SupplierId)]
    [InlineData("vendor_id", PaymentColumns.SupplierId)]
    [InlineData("SupplierNumber", PaymentColumns.SupplierId)]
    [InlineData(" supplier ref", PaymentColumns.SupplierId)]
    [InlineData("VENDOR NUMBER ", PaymentColumns.SupplierId)]
    [InlineData("supplier_name", PaymentColumns.SupplierName)]
    [InlineData("Beneficiary", PaymentColumns.SupplierName)]
    [InlineData(" payee", PaymentColumns.SupplierName)]
    [InlineData("SUPPLIER ", PaymentColumns.SupplierName)]
    [InlineData("vendor_name", PaymentColumns.SupplierName)]
    [InlineData("Vendor", PaymentColumns.SupplierName)]
    [InlineData(" beneficary", PaymentColumns.SupplierName)]
    [InlineData("PAYEE NAME ", PaymentColumns.SupplierName)]
    [InlineData("supplier_type", PaymentColumns.SupplierType)]
    [InlineData("VendorType", PaymentColumns.SupplierType)]
    [InlineData(" payee type", PaymentColumns.SupplierType)]
    [InlineData("BENEFICIARY TYPE ", PaymentColumns.SupplierType)]
    [InlineData("irrecoverable_vat", PaymentColumns.Vat)]
    [InlineData("IrrecoverableVATAmount", PaymentColumns.Vat)]
    [InlineData(" non recoverable vat", PaymentColumns.Vat)]
    [InlineData("MERCHANT CATEGORY ", PaymentColumns.MerchantCategory)]
    [InlineData("merchant_category_code", PaymentColumns.MerchantCategory)]
    [InlineData("MCC", PaymentColumns.MerchantCategory)]
    public void Header_MatchesEverySynonym_IgnoringCaseSpacesAndUnderscores(string header, string key)
    {
        var others = new[] { (PaymentColumns.Amount, "Amount"), (PaymentColumns.SupplierName, "Supplier Name") }
            .Where(c => c.Item1 != key).Select(c => c.Item2);

        var map = Locate([header, .. others]);

        Assert.Equal(0, map[key]);
    }

    [Fact]
    public void Header_RecordsAColumnTheFileLacks_AsAbsent()
    {
        var map = Locate("Payee", "Value", "Date");

        Assert.False(map.Has(PaymentColumns.Category));
        Assert.False(map.Has(PaymentColumns.Body));
        Assert.Equal(2, map[PaymentColumns.PaidDate]);
    }

    [Fact]
    public void Header_IsNotFound_WithoutASupplierOrAnAmount()
    {
        var failure = Assert.Throws<SourceFormatException>(() => Locate("Body", "Date", "Supplier Name"));

        Assert.Contains("'Amount'", failure.Reason);
    }

    [Fact]
    public void SynonymTable_IsTheTableOfTheFormatDoc()
    {
        var doc = File.ReadAllText(RepositoryPaths.Combine("docs", "formats", "payments.md"));

        foreach (var (key, _, synonyms) in PaymentColumns.Table)
            foreach (var synonym in synonyms)
                Assert.True(doc.Contains($"`{synonym}`", StringComparison.Ordinal), $"docs/formats/payments.md does not list `{synonym}` ({key})");
    }
}
