namespace Warehouse.Etl.Sources.Payments;

/// <summary>
/// The header synonyms of published payment files (docs/formats/payments.md §2 is the same table). A header
/// matches ignoring letter case, spaces, underscores, punctuation and a trailing space (`PaymentDate`,
/// `payment_date`, `Payment Date ` are one column), and the misspellings listed here are ones real files carry.
/// Only the supplier name and the amount are required to find the header; a column a file lacks is recorded as
/// absent (null), never invented.
/// </summary>
public static class PaymentColumns
{
    public const string Body = "body", ServiceArea = "service_area", Category = "category", ExpenditureCode = "expenditure_code",
        PaidDate = "paid_date", TransactionNumber = "transaction_number", Amount = "amount", CapitalRevenue = "capital_revenue",
        SupplierId = "supplier_id", SupplierName = "supplier_name", SupplierType = "supplier_type", Vat = "irrecoverable_vat",
        MerchantCategory = "merchant_category";

    /// <summary>Each column with the header texts councils use for it, as typed (the first names the column in messages).</summary>
    public static readonly IReadOnlyList<(string Key, bool Required, string[] Synonyms)> Table =
    [
        (Body, false, ["Body", "Body Name", "Client", "Organisation", "Organisation Name", "Organization", "Council"]),
        (ServiceArea, false, ["Service Area", "Organisational Unit", "Organizational Unit", "Department", "Directorate", "Service Label", "Service", "Service Division"]),
        (Category, false, ["Expenditure Category", "Expenditure Catergory", "Expenditure Catagory", "Expense Type", "Expenses Type", "Purpose", "Purpose of Expenditure", "Subjective", "Subjective Description"]),
        (ExpenditureCode, false, ["Expenditure Code", "Account Code", "Subjective Code", "Expense Code"]),
        (PaidDate, false, ["Paid Date", "Payment Date", "Date", "Date Paid", "Transaction Date", "Date Incurred"]),
        (TransactionNumber, false, ["Transaction Number", "Trans No", "Transaction No", "Transaction Ref", "Transaction ID", "Trans Ref"]),
        (Amount, true, ["Amount", "Net Amount", "Value", "Amount Paid", "Net Value", "Total"]),
        (CapitalRevenue, false, ["Capital or Revenue", "Type", "Type of Expenditure", "CapOrRev", "Cap Rev", "Capital Revenue"]),
        (SupplierId, false, ["Supplier ID", "Vendor ID", "Supplier Number", "Supplier Ref", "Vendor Number"]),
        (SupplierName, true, ["Supplier Name", "Beneficiary", "Payee", "Supplier", "Vendor Name", "Vendor", "Beneficary", "Payee Name"]),
        (SupplierType, false, ["Supplier Type", "Vendor Type", "Payee Type", "Beneficiary Type"]),
        (Vat, false, ["Irrecoverable VAT", "Irrecoverable VAT Amount", "Non Recoverable VAT"]),
        (MerchantCategory, false, ["Merchant Category", "Merchant Category Code", "MCC"]),
    ];

    /// <summary>
    /// The table as the header locator reads it: each synonym also without its spaces, so `PaymentDate` and
    /// `CAPITALORREVENUE` match (the locator already ignores case, underscores, punctuation and outer spaces).
    /// </summary>
    public static readonly IReadOnlyList<ColumnSpec> Specs = Table
        .Select(c => new ColumnSpec(c.Key, c.Required, c.Synonyms.Concat(c.Synonyms.Select(s => s.Replace(" ", "")))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray()))
        .ToList();

    /// <summary>The longest text the warehouse holds per column; a longer value quarantines its row.</summary>
    public static readonly IReadOnlyDictionary<string, int> MaxLength = new Dictionary<string, int>
    {
        [Body] = 200, [ServiceArea] = 200, [Category] = 200, [ExpenditureCode] = 100, [TransactionNumber] = 100,
        [SupplierId] = 100, [SupplierName] = 300, [MerchantCategory] = 200,
    };
}
