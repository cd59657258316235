using System.Globalization;

namespace Warehouse.Etl.Sources.Payments;

/// <summary>One published payment line that can be loaded: every value as the file gives it, the quarter settled.</summary>
public sealed record PaymentRow(int SourceRow, string Body, FiscalQuarter Quarter, DateOnly? PaidDate, string? ServiceArea,
    string? Category, string? ExpenditureCode, string? TransactionNumber, string? SupplierId, string SupplierName, bool IsRedacted,
    decimal Amount, decimal? IrrecoverableVat, string? CapitalRevenue, string? MerchantCategory);

/// <summary>What the command line adds to a file that does not say it: its body, or the quarter of undated rows.</summary>
public sealed record PaymentFileOptions(string? Body = null, FiscalQuarter? Quarter = null);

/// <summary>
/// Streams a published supplier-payments file (csv or xlsx; docs/formats/payments.md). The source is tolerant:
/// a row with an unreadable value (no amount, no usable date, a value too long) is quarantined with its place and
/// reason and the rest is yielded; only a file that cannot be read as a whole (no header, no body) goes to the
/// error sink and is rejected. When the enumeration ends, the counts and the amount read are complete.
/// </summary>
public sealed class PaymentsReader(string path, RowErrors errors, Quarantine quarantine, PaymentFileOptions options,
    IProgress<long>? rowsRead = null)
{
    /// <summary>Stored for a payee whose name the warehouse must not hold (a supplier type of individual).</summary>
    public const string RedactedName = "REDACTED PERSONAL DATA";

    private IEnumerator<SheetRow>? _rows;
    private HeaderMap? _header;

    public long DataRows { get; private set; }
    public long DatedRows { get; private set; }

    /// <summary>The money of every row whose amount could be read, loaded or quarantined.</summary>
    public decimal AmountRead { get; private set; }

    /// <summary>Columns of the synonym table that this file lacks (recorded as absent, never invented).</summary>
    public IReadOnlyList<string> AbsentColumns => PaymentColumns.Table.Where(c => !Header.Has(c.Key)).Select(c => c.Key).ToList();

    public string Sheet => Header.HeaderRow.Sheet;

    private HeaderMap Header => _header ?? throw new InvalidOperationException("Open the reader first.");

    /// <summary>Finds the header now, so a file that cannot be read is rejected before anything is written.</summary>
    public PaymentsReader Open()
    {
        _rows = WorkbookReader.ReadRows(path).GetEnumerator();
        try
        {
            _header = HeaderLocator.Locate(_rows, PaymentColumns.Specs, errors.File);
            if (!_header.Has(PaymentColumns.Body) && string.IsNullOrWhiteSpace(options.Body))
                throw new SourceFormatException(errors.File,
                    "the file has no body column (Body, Organisation, Client…), so it does not say whose payments these are; load it with --body \"<council name>\"",
                    _header.HeaderRow.Sheet, _header.HeaderRow.RowNumber);
        }
        catch
        {
            _rows.Dispose();
            throw;
        }
        return this;
    }

    public IEnumerable<PaymentRow> Rows()
    {
        if (_rows is null || _header is null)
            throw new InvalidOperationException("Open the reader first.");
        using var rows = _rows;
        var header = _header;
        var headerTexts = header.HeaderRow.Cells.Select((_, i) => header.HeaderRow.Text(i)).ToArray();
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.IsBlank || RepeatsHeader(row, headerTexts))
                continue; // a workbook with a sheet per month repeats the header on each
            DataRows++;
            rowsRead?.Report(DataRows);
            if (Parse(row, header) is { } payment)
                yield return payment;
        }
    }

    private PaymentRow? Parse(SheetRow row, HeaderMap header)
    {
        string Column(string key) => header.HeaderText(key);
        string? Text(string key) => header.Has(key) ? row.Text(header[key]) : null;

        // The amount first: a row quarantined for another reason still carries its money into the totals.
        decimal? amount = null;
        string? problemColumn = null;
        object? problemValue = null;
        string? problem = null;
        var money = Cells.Money(row[header[PaymentColumns.Amount]], inThousands: false);
        if (!money.Ok)
            (problemColumn, problemValue, problem) = (Column(PaymentColumns.Amount), Text(PaymentColumns.Amount), money.Error);
        else if (money.Value is null)
            (problemColumn, problem) = (Column(PaymentColumns.Amount), "is empty; a payment needs an amount");
        else
        {
            amount = money.Value;
            AmountRead += money.Value.Value;
        }

        if (problem is null && header.ExtraCell(row) is { } extra)
            (problemColumn, problemValue, problem) = ($"column {extra + 1}", row.Text(extra), HeaderMap.ExtraCellReason);

        var supplierName = Text(PaymentColumns.SupplierName);
        if (problem is null && supplierName is null && row.Cells.Any(c => c is string s && Cells.NameKey(s) is "total" or "grand total" or "totals"))
            (problemColumn, problemValue, problem) = (Column(PaymentColumns.SupplierName), "Total", "is a total row, not a payment");

        DateOnly? paidDate = null;
        FiscalQuarter? quarter = options.Quarter;
        if (problem is null)
        {
            var dateCell = header.Has(PaymentColumns.PaidDate) ? row[header[PaymentColumns.PaidDate]] : null;
            var date = PaymentCells.Date(dateCell);
            if (date.Value is { } d)
            {
                DatedRows++;
                paidDate = d;
                if (options.Quarter is { } given && !given.Contains(d))
                    (problemColumn, problemValue, problem) = (Column(PaymentColumns.PaidDate), Text(PaymentColumns.PaidDate),
                        $"is outside {given.Label} ({given.FirstDay:dd/MM/yyyy} to {given.LastDay:dd/MM/yyyy}), the quarter given with --period");
                quarter = FiscalQuarter.Of(d);
            }
            else if (options.Quarter is null)
                (problemColumn, problemValue, problem) = (header.Has(PaymentColumns.PaidDate) ? Column(PaymentColumns.PaidDate) : "Paid Date",
                    Text(PaymentColumns.PaidDate),
                    (date.Error ?? (header.Has(PaymentColumns.PaidDate) ? "is empty" : "is absent from the file"))
                    + "; the row has no usable date, so its quarter is unknown (load the file with --period 2018-Q1 to give it)");
        }

        var body = Text(PaymentColumns.Body) ?? options.Body?.Trim();
        if (problem is null && body is null)
            (problemColumn, problem) = (Column(PaymentColumns.Body), "is empty; the row does not say whose payment it is (or load with --body)");

        if (problem is null)
            foreach (var (key, max) in PaymentColumns.MaxLength)
                if (Text(key) is { } value && value.Length > max)
                {
                    (problemColumn, problemValue, problem) = (Column(key), value, $"is {value.Length} characters long; the warehouse holds at most {max}");
                    break;
                }

        decimal? vat = null;
        if (problem is null && header.Has(PaymentColumns.Vat))
        {
            var parsed = Cells.Money(row[header[PaymentColumns.Vat]], inThousands: false);
            if (!parsed.Ok)
                (problemColumn, problemValue, problem) = (Column(PaymentColumns.Vat), Text(PaymentColumns.Vat), parsed.Error);
            vat = parsed.Value;
        }

        if (problem is not null)
        {
            quarantine.Add(row, problemColumn, problemValue, problem, amount);
            return null;
        }

        var redacted = PaymentCells.IsRedacted(supplierName) || PaymentCells.IsIndividual(Text(PaymentColumns.SupplierType));
        return new PaymentRow(row.RowNumber, body!, quarter!.Value, paidDate, Text(PaymentColumns.ServiceArea), Text(PaymentColumns.Category),
            Text(PaymentColumns.ExpenditureCode), Text(PaymentColumns.TransactionNumber),
            redacted ? null : Text(PaymentColumns.SupplierId), // a redacted payee's id would identify them as well as the name
            redacted ? supplierName is not null && PaymentCells.IsRedacted(supplierName) ? supplierName : RedactedName : supplierName!,
            redacted, amount!.Value, vat, PaymentCells.CapitalOrRevenue(Text(PaymentColumns.CapitalRevenue)), Text(PaymentColumns.MerchantCategory));
    }

    private static bool RepeatsHeader(SheetRow row, string?[] headerTexts)
    {
        for (var i = 0; i < headerTexts.Length; i++)
            if (!string.Equals(row.Text(i), headerTexts[i], StringComparison.OrdinalIgnoreCase))
                return false;
        return true;
    }

    /// <summary>One line for the log and the outcome: how many rows were set aside and why (the commonest reasons).</summary>
    public static string Summary(Quarantine quarantine, long rowsRead) => quarantine.Count == 0
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"{quarantine.Count:N0} of {rowsRead:N0} rows quarantined (£{quarantine.Amount:N2}): ")
          + string.Join("; ", quarantine.Rows.GroupBy(r => $"{r.Column} {ReasonHead(r.Reason)}").OrderByDescending(g => g.Count()).Take(3)
              .Select(g => $"{g.Count():N0} × {g.Key}"));

    private static string ReasonHead(string reason) => reason.Split(';')[0];
}
