using System.Globalization;

namespace Warehouse.Etl.Sources.Finance;

/// <summary>One GL row: a cost centre × subjective account for the period, in pounds.</summary>
public sealed record GlRow(int SourceRow, string CostCentreCode, string AccountCode, string? AccountName, decimal Budget, decimal Actual);

/// <summary>
/// Streams a general-ledger extract (csv or xlsx; docs/formats/finance.md §4). Rows are yielded as they are
/// read, so staging pulls them straight from the file and memory stays flat whatever the size. Every bad
/// cell is reported to the error sink with its place; a bad row is never yielded. When the enumeration
/// ends, <see cref="Period"/>, the running sums and the Total-row check are complete. A csv's plain rows (nearly
/// all of a real extract) are parsed from the record's characters, with no string a cell; any other row is read
/// the general way, a workbook's way, which alone holds the rules and their messages.
/// </summary>
public sealed class GeneralLedgerReader(string path, RowErrors errors, IProgress<long>? rowsRead = null)
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("cost_centre", true, "Cost Centre", "cost centre code", "cost_centre_code", "cc", "cost center"),
        new("account", true, "Account", "account code", "subjective", "subjective code", "subjective account"),
        new("account_name", false, "Account Name", "subjective name", "account description", "subjective description"),
        new("fiscal_year", false, "Fiscal Year", "financial year", "year"),
        new("period", true, "Period", "period number", "accounting period"),
        new("budget", true, "Budget", "current budget", "full year budget", "annual budget", "revised budget"),
        new("actual", true, "Actual", "actuals", "ytd actual", "actual ytd", "actual to date"),
    ];

    /// <summary>
    /// The extract's amounts as the format writes them (docs/formats/finance.md §1): pounds and pence, no thousands
    /// separator. `1,234.56` is refused rather than read, because a separator means the file was not exported as
    /// the format says (a hand-edited or re-saved copy) and what else changed in it cannot be told.
    /// </summary>
    public static readonly NumberRules Amounts = new("the GL extract format")
    {
        ThousandsSeparators = false, MaxDecimals = 2, DecimalsMeaning = "pounds and pence", Example = "1234.56",
    };

    public FiscalPeriod? Period { get; private set; }
    public long DataRows { get; private set; }
    public decimal BudgetSum { get; private set; }
    public decimal ActualSum { get; private set; }
    public decimal? TotalBudget { get; private set; }
    public decimal? TotalActual { get; private set; }

    /// <summary>
    /// Every cost centre a data row names, good row or bad (distinct, without letter case): what the restatement
    /// guard compares with the period's. A bad row's cost centre still counts as present, so a cell error is
    /// not also reported as a missing cost centre.
    /// </summary>
    public IReadOnlySet<string> CostCentres => _costCentres;

    /// <summary>
    /// Whether a csv's plain rows are parsed from their characters (<see cref="TryPlainRow"/>); false reads every row
    /// the general way, as a workbook's are (tests compare the two).
    /// </summary>
    internal bool CsvFastPath { get; init; } = true;

    /// <summary>The limits the file is read under; the configured ones unless a test says others.</summary>
    internal ReadLimits? Limits { get; init; }

    /// <summary>The data rows the csv fast path read (the tests' proof that it is taken).</summary>
    internal long PlainRows { get; private set; }

    private readonly HashSet<string> _costCentres = new(StringComparer.OrdinalIgnoreCase);
    private string? _lastCostCentre;
    private IEnumerator<SheetRow>? _rows;
    private CsvRecords? _csv;
    private HeaderMap? _header;
    private string? _lastYearText;
    private int? _lastYear;

    // What Rows() finds as it reads, for whichever path reads the next row.
    private FiscalPeriod? _titlePeriod;
    private bool _inThousandsBudget, _inThousandsActual;
    private SheetRow? _totalRow;

    /// <summary>The sheet the rows are on (a csv file's name), for errors found after reading.</summary>
    public string Sheet => Header.HeaderRow.Sheet;

    /// <summary>A column's header as the file spells it, for errors found after reading.</summary>
    public string HeaderText(string key) => Header.HeaderText(key);

    private HeaderMap Header => _header ?? throw new InvalidOperationException("Open the reader first.");

    /// <summary>
    /// Opens the file and finds the header now, so a file that cannot be read fails before staging starts
    /// (not in the middle of a bulk copy).
    /// </summary>
    public GeneralLedgerReader Open()
    {
        var limits = Limits ?? ReadLimits.Current;
        if (CsvFastPath && Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            // The title and header rows are read the general way; the records after them stay in _csv.
            _csv = WorkbookReader.ReadCsvRecords(path, limits);
            _rows = RowsOf(_csv).GetEnumerator();
        }
        else
            _rows = WorkbookReader.ReadRows(path, null, limits).GetEnumerator();
        try
        {
            _header = HeaderLocator.Locate(_rows, Columns, errors.File);
        }
        catch
        {
            _rows.Dispose();
            _csv?.Dispose();
            throw;
        }
        return this;
    }

    // Not disposing the records: the data rows are read from them after the header.
    private static IEnumerable<SheetRow> RowsOf(CsvRecords records)
    {
        while (records.Read())
            yield return records.Row();
    }

    public IEnumerable<GlRow> Rows()
    {
        if (_rows is null || _header is null)
            throw new InvalidOperationException("Open the reader first.");
        var header = _header;
        // A title row may state the period ("Period 2 2018/19 (May-18)"): the rows must agree with it.
        _titlePeriod = header.Preamble.Select(r => r.FirstText()).Where(t => t is not null)
            .Select(t => Cells.Period(t)).FirstOrDefault(p => p is not null);
        _inThousandsBudget = header.InThousands("budget");
        _inThousandsActual = header.InThousands("actual");
        if (_csv is { } csv)
        {
            using (csv)
            {
                var plain = new PlainColumns(header);
                while (csv.Read())
                {
                    if (TryPlainRow(csv, plain, out var fast))
                        yield return fast;
                    else if (Row(csv.Row(), header) is { } row)
                        yield return row;
                }
            }
        }
        else
        {
            using var rows = _rows;
            while (rows.MoveNext())
                if (Row(rows.Current, header) is { } row)
                    yield return row;
        }
        Finish(header);
    }

    /// <summary>One row read the general way (every cell a workbook's or a csv's); null when it yields nothing.</summary>
    private GlRow? Row(SheetRow row, HeaderMap header)
    {
        if (row.IsBlank)
            return null;
        var costCentre = row.Text(header["cost_centre"]);
        if (_totalRow is not null)
        {
            errors.Reject(row, header.HeaderText("cost_centre"), costCentre, $"follows the Total row (row {_totalRow.RowNumber}); nothing may follow it");
            return null;
        }
        if (costCentre is not null && costCentre.Equals("Total", StringComparison.OrdinalIgnoreCase))
        {
            _totalRow = row;
            TotalBudget = MoneyOrReject(row, header.HeaderText("budget"), row[header["budget"]], _inThousandsBudget, required: true);
            TotalActual = MoneyOrReject(row, header.HeaderText("actual"), row[header["actual"]], _inThousandsActual, required: true);
            return null;
        }
        // Rows of a cost centre come together: one set lookup per run of rows, not per row.
        if (costCentre is not null && !string.Equals(costCentre, _lastCostCentre, StringComparison.Ordinal))
            _costCentres.Add(_lastCostCentre = costCentre);
        // A shifted row's other cells would only give confusing errors: the shift is the one to report.
        if (errors.RejectIfWiderThanHeader(row, header))
        {
            DataRows++;
            return null;
        }
        var before = errors.Count;
        if (costCentre is null)
            errors.Reject(row, header.HeaderText("cost_centre"), null, "is empty; a cost centre code is required");
        var account = row.Text(header["account"]);
        if (account is null)
            errors.Reject(row, header.HeaderText("account"), null, "is empty; a subjective account code is required");
        var budget = MoneyOrReject(row, header.HeaderText("budget"), row[header["budget"]], _inThousandsBudget, required: true);
        var actual = MoneyOrReject(row, header.HeaderText("actual"), row[header["actual"]], _inThousandsActual, required: true);
        var period = RowPeriod(row, header);
        if (period is { } p)
        {
            if (Period is null)
            {
                Period = p;
                if (_titlePeriod is { } t && t != p)
                    errors.Reject(row, header.HeaderText("period"), p.Label, $"the rows are for {p.Label} but the title says {t.Label}");
            }
            else if (Period != p)
                errors.Reject(row, header.HeaderText("period"), p.Label, $"is a different period from the file's {Period.Value.Label} (first data row); one file holds one period");
        }
        DataRows++;
        rowsRead?.Report(DataRows);
        if (errors.Count != before)
            return null;
        BudgetSum += budget!.Value;
        ActualSum += actual!.Value;
        return new GlRow(row.RowNumber, costCentre!, account!, header.Has("account_name") ? row.Text(header["account_name"]) : null,
            budget.Value, actual.Value);
    }

    // After the last row: the checks of the file as a whole.
    private void Finish(HeaderMap header)
    {
        if (DataRows == 0)
            errors.Reject(header.HeaderRow.Sheet, header.HeaderRow.RowNumber, null, null, "the extract has a header but no data rows");
        else if (_totalRow is null)
            // Without its control row a truncated export (a file cut short in transfer, a filter left on) would load as the whole period.
            errors.Reject(header.HeaderRow.Sheet, null, header.HeaderText("cost_centre"), null,
                "has no Total row: the GL extract format requires `Total,,,,,<sum of Budget>,<sum of Actual>` as its last row (docs/formats/finance.md §4); the file may be cut short");
        if (_totalRow is not null && errors.Count == 0)
        {
            if (TotalBudget != BudgetSum)
                errors.Reject(_totalRow, header.HeaderText("budget"), TotalBudget, string.Create(CultureInfo.InvariantCulture, $"the Total row does not add up: the rows sum to {BudgetSum:0.00}"));
            if (TotalActual != ActualSum)
                errors.Reject(_totalRow, header.HeaderText("actual"), TotalActual, string.Create(CultureInfo.InvariantCulture, $"the Total row does not add up: the rows sum to {ActualSum:0.00}"));
        }
        Period ??= _titlePeriod;
    }

    /// <summary>Where the columns the fast path reads are in a record, and the strings it has already made.</summary>
    private sealed class PlainColumns(HeaderMap header)
    {
        public readonly int CostCentre = header["cost_centre"], Account = header["account"], AccountName = header["account_name"],
            FiscalYear = header["fiscal_year"], Period = header["period"], Budget = header["budget"], Actual = header["actual"];

        /// <summary>A record of more cells than this may have one beyond the header (<see cref="HeaderMap.ExtraCell"/>).</summary>
        public readonly int Width = header.Width;

        /// <summary>Fewer cells than this and a column the rows need is missing.</summary>
        public readonly int Needed = new[] { header["cost_centre"], header["account"], header["account_name"], header["fiscal_year"],
            header["period"], header["budget"], header["actual"] }.Max() + 1;

        // An extract repeats a few hundred account codes and names: one string each, not one a row.
        public readonly SpanStrings Accounts = new(), AccountNames = new();
        public string? LastPeriodText;
        public FiscalPeriod? LastPeriodOfText;
    }

    /// <summary>
    /// The csv fast path: the row as <see cref="Row"/> would yield it, read from the record's characters with no string
    /// a cell, when the row is plain: within the limits with no refused text, no wider than the header, before the
    /// Total row and after the first data row (which sets the period), with a cost centre and an account, plain
    /// amounts and the file's period. Anything else returns false before anything is counted, and the row is read the
    /// general way, so every rule and message stays in <see cref="Row"/>.
    /// </summary>
    private bool TryPlainRow(CsvRecords csv, PlainColumns columns, out GlRow row)
    {
        row = null!;
        if (_totalRow is not null || Period is not { } filePeriod || csv.FieldCount > columns.Width || csv.FieldCount < columns.Needed || !csv.Clean())
            return false;
        // Each field's span is used before the next is asked for (see CsvRecords.Field).
        var code = csv.Field(columns.CostCentre).Trim();
        if (code.IsEmpty || code.Equals("Total", StringComparison.OrdinalIgnoreCase))
            return false;
        var costCentre = _lastCostCentre is not null && code.SequenceEqual(_lastCostCentre) ? _lastCostCentre : code.ToString();
        var accountCode = csv.Field(columns.Account).Trim();
        if (accountCode.IsEmpty)
            return false;
        var account = columns.Accounts.Of(accountCode);
        string? accountName = null;
        if (columns.AccountName >= 0 && csv.Field(columns.AccountName).Trim() is { IsEmpty: false } name)
            accountName = columns.AccountNames.Of(name);
        if (!Cells.TryPlainMoney(csv.Field(columns.Budget), _inThousandsBudget, Amounts, out var budget)
            || !Cells.TryPlainMoney(csv.Field(columns.Actual), _inThousandsActual, Amounts, out var actual)
            || PlainPeriod(csv, columns) != filePeriod)
            return false;

        if (!string.Equals(costCentre, _lastCostCentre, StringComparison.Ordinal))
            _costCentres.Add(_lastCostCentre = costCentre);
        DataRows++;
        PlainRows++;
        rowsRead?.Report(DataRows);
        BudgetSum += budget;
        ActualSum += actual;
        row = new GlRow(csv.RowNumber, costCentre, account, accountName, budget, actual);
        return true;
    }

    // RowPeriod's good outcomes only: a period number 1–13 with a financial year, or (no year) a period the cell says
    // in full. Null for anything RowPeriod would refuse or that needs a closer look.
    private FiscalPeriod? PlainPeriod(CsvRecords csv, PlainColumns columns)
    {
        var hasYear = false;
        if (columns.FiscalYear >= 0 && csv.Field(columns.FiscalYear).Trim() is { IsEmpty: false } yearText)
        {
            hasYear = true;
            if (_lastYearText is null || !yearText.SequenceEqual(_lastYearText))
            {
                _lastYearText = yearText.ToString();
                _lastYear = Cells.FiscalYear(_lastYearText);
            }
        }
        var cell = csv.Field(columns.Period);
        if (hasYear)
        {
            var digits = cell.Trim();
            if (digits.Length is 0 or > 2 || !char.IsAsciiDigit(digits[0]) || (digits.Length == 2 && !char.IsAsciiDigit(digits[1])))
                return null;
            var number = digits.Length == 1 ? digits[0] - '0' : (digits[0] - '0') * 10 + digits[1] - '0';
            return _lastYear is { } year && number is >= 1 and <= 13 ? new FiscalPeriod(year, number) : null;
        }
        if (cell.IsEmpty)
            return null;
        // Every row of an extract repeats the same period text: parse it once.
        if (columns.LastPeriodText is null || !cell.SequenceEqual(columns.LastPeriodText))
        {
            columns.LastPeriodText = cell.ToString();
            columns.LastPeriodOfText = Cells.Period(columns.LastPeriodText);
        }
        return columns.LastPeriodOfText;
    }

    private FiscalPeriod? RowPeriod(SheetRow row, HeaderMap header)
    {
        var periodCell = row[header["period"]];
        var yearText = header.Has("fiscal_year") ? row.Text(header["fiscal_year"]) : null;
        var number = Cells.WholeNumber(periodCell);
        if (number.Ok && number.Value is { } n && yearText is not null)
        {
            // Every row of an extract repeats the same year: parse it once.
            if (yearText != _lastYearText)
                (_lastYearText, _lastYear) = (yearText, Cells.FiscalYear(yearText));
            var year = _lastYear;
            if (year is null)
            {
                errors.Reject(row, header.HeaderText("fiscal_year"), yearText, "is not a financial year such as 2018/19");
                return null;
            }
            if (n is < 1 or > 13)
            {
                errors.Reject(row, header.HeaderText("period"), n, "must be a period from 1 to 13 (13 = closedown)");
                return null;
            }
            return new FiscalPeriod(year.Value, n);
        }
        // No year column: the period cell must say it all (May-18, an Excel date, Period 2 2018/19).
        var parsed = Cells.Period(periodCell);
        if (parsed is null)
            errors.Reject(row, header.HeaderText("period"), row.Text(header["period"]),
                yearText is null && number.Value is not null ? "is a period number but the row has no financial year" : "is not a period (e.g. 2 with a year column, May-18, Closedown 2018/19)");
        return parsed;
    }

    private decimal? MoneyOrReject(SheetRow row, string column, object? cell, bool inThousands, bool required)
    {
        var money = Cells.Money(cell, inThousands, Amounts);
        if (!money.Ok)
        {
            errors.Reject(row, column, cell, money.Error!);
            return null;
        }
        if (money.Value is null && required)
        {
            errors.Reject(row, column, null, "is empty; an amount is required (0 for none)");
            return null;
        }
        return money.Value;
    }
}

/// <summary>
/// Strings made from spans, each text once while it keeps recurring: a csv's repeated codes and names cost one
/// look-up a row instead of one string. Bounded, so a file of all-different texts keeps memory flat.
/// </summary>
internal sealed class SpanStrings
{
    private const int MaxKept = 4096;
    private readonly HashSet<string> _kept = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SpanStrings() => _lookup = _kept.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Of(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var kept))
            return kept;
        if (_kept.Count == MaxKept)
            _kept.Clear();
        var made = text.ToString();
        _kept.Add(made);
        return made;
    }
}
