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

    // Per distinct spelling, not per row: a big file repeats a few hundred names and codes.
    private readonly Dictionary<string, bool> _redactedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _individualTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _capitalRevenue = new(StringComparer.Ordinal);

    private static readonly string[] Keys = PaymentColumns.Table.Select(c => c.Key).ToArray();
    private static readonly int AmountAt = Array.IndexOf(Keys, PaymentColumns.Amount), DateAt = Array.IndexOf(Keys, PaymentColumns.PaidDate),
        BodyAt = Array.IndexOf(Keys, PaymentColumns.Body), SupplierAt = Array.IndexOf(Keys, PaymentColumns.SupplierName),
        SupplierIdAt = Array.IndexOf(Keys, PaymentColumns.SupplierId), SupplierTypeAt = Array.IndexOf(Keys, PaymentColumns.SupplierType),
        VatAt = Array.IndexOf(Keys, PaymentColumns.Vat), ServiceAreaAt = Array.IndexOf(Keys, PaymentColumns.ServiceArea),
        CategoryAt = Array.IndexOf(Keys, PaymentColumns.Category), CodeAt = Array.IndexOf(Keys, PaymentColumns.ExpenditureCode),
        TransactionAt = Array.IndexOf(Keys, PaymentColumns.TransactionNumber), CapitalRevenueAt = Array.IndexOf(Keys, PaymentColumns.CapitalRevenue),
        MerchantAt = Array.IndexOf(Keys, PaymentColumns.MerchantCategory);
    private static readonly (int At, string Key, int Max)[] Lengths =
        PaymentColumns.MaxLength.Select(m => (Array.IndexOf(Keys, m.Key), m.Key, m.Value)).ToArray();

    private int[]? _columns;
    private readonly string?[] _texts = new string?[Keys.Length];

    private PaymentRow? Parse(SheetRow row, HeaderMap header)
    {
        var columns = _columns ??= Keys.Select(k => header[k]).ToArray();
        var texts = _texts;
        for (var i = 0; i < columns.Length; i++)
            texts[i] = columns[i] < 0 ? null : row.Text(columns[i]);
        string Column(string key) => header.Has(key) ? header.HeaderText(key) : PaymentColumns.Table.First(c => c.Key == key).Synonyms[0];

        // The amount first: a row quarantined for another reason still carries its money into the totals.
        decimal? amount = null;
        string? problemColumn = null;
        object? problemValue = null;
        string? problem = null;
        var money = PaymentCells.Amount(row[columns[AmountAt]]);
        if (!money.Ok)
            (problemColumn, problemValue, problem) = (Column(PaymentColumns.Amount), texts[AmountAt], money.Error);
        else if (money.Value is null)
            (problemColumn, problem) = (Column(PaymentColumns.Amount), "is empty; a payment needs an amount");
        else
        {
            amount = money.Value;
            AmountRead += money.Value.Value;
        }

        if (problem is null && header.ExtraCell(row) is { } extra)
            (problemColumn, problemValue, problem) = ($"column {extra + 1}", row.Text(extra), HeaderMap.ExtraCellReason);

        var supplierName = texts[SupplierAt];
        if (problem is null && supplierName is null && row.Cells.Any(c => c is string s && Cells.NameKey(s) is "total" or "grand total" or "totals"))
            (problemColumn, problemValue, problem) = (Column(PaymentColumns.SupplierName), "Total", "is a total row, not a payment");

        DateOnly? paidDate = null;
        var quarter = options.Quarter;
        if (problem is null)
        {
            var date = PaymentCells.Date(columns[DateAt] < 0 ? null : row[columns[DateAt]]);
            if (date.Value is { } d)
            {
                DatedRows++;
                paidDate = d;
                if (options.Quarter is { } given && !given.Contains(d))
                    (problemColumn, problemValue, problem) = (Column(PaymentColumns.PaidDate), texts[DateAt],
                        $"is outside {given.Label} ({given.FirstDay:dd/MM/yyyy} to {given.LastDay:dd/MM/yyyy}), the quarter given with --period");
                quarter = FiscalQuarter.Of(d);
            }
            else if (options.Quarter is null)
                (problemColumn, problemValue, problem) = (Column(PaymentColumns.PaidDate), texts[DateAt],
                    (date.Error ?? (columns[DateAt] >= 0 ? "is empty" : "is absent from the file"))
                    + "; the row has no usable date, so its quarter is unknown (load the file with --period 2018-Q1 to give it)");
        }

        var body = texts[BodyAt] ?? options.Body?.Trim();
        if (problem is null && body is null)
            (problemColumn, problem) = (Column(PaymentColumns.Body), "is empty; the row does not say whose payment it is (or load with --body)");

        if (problem is null)
            foreach (var (at, key, max) in Lengths)
                if (texts[at] is { } value && value.Length > max)
                {
                    (problemColumn, problemValue, problem) = (Column(key), value, $"is {value.Length} characters long; the warehouse holds at most {max}");
                    break;
                }

        decimal? vat = null;
        if (problem is null && columns[VatAt] >= 0)
        {
            var parsed = PaymentCells.Amount(row[columns[VatAt]]);
            if (!parsed.Ok)
                (problemColumn, problemValue, problem) = (Column(PaymentColumns.Vat), texts[VatAt], parsed.Error);
            vat = parsed.Value;
        }

        if (problem is not null)
        {
            quarantine.Add(row, problemColumn, problemValue, problem, amount);
            return null;
        }

        var publishedAsRedacted = supplierName is null || Memo(_redactedNames, supplierName, PaymentCells.IsRedacted);
        var redacted = publishedAsRedacted || texts[SupplierTypeAt] is { } type && Memo(_individualTypes, type, PaymentCells.IsIndividual);
        // A published marker is kept as published; a person's name (supplier type Individual) is never stored.
        var storedName = !redacted ? supplierName! : publishedAsRedacted && supplierName is not null ? supplierName : RedactedName;
        var capitalRevenue = texts[CapitalRevenueAt] is { } cr ? Memo(_capitalRevenue, cr, PaymentCells.CapitalOrRevenue) : null;
        return new PaymentRow(row.RowNumber, body!, quarter!.Value, paidDate, texts[ServiceAreaAt], texts[CategoryAt], texts[CodeAt],
            texts[TransactionAt],
            redacted ? null : texts[SupplierIdAt], // a redacted payee's id would identify them as well as the name
            storedName, redacted, amount!.Value, vat, capitalRevenue, texts[MerchantAt]);
    }

    private static T Memo<T>(Dictionary<string, T> memo, string text, Func<string, T> compute)
    {
        if (!memo.TryGetValue(text, out var value))
            memo[text] = value = compute(text);
        return value;
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
