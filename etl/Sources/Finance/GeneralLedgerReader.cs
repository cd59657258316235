using System.Globalization;

namespace Warehouse.Etl.Sources.Finance;

/// <summary>One GL row: a cost centre × subjective account for the period, in pounds.</summary>
public sealed record GlRow(int SourceRow, string CostCentreCode, string AccountCode, string? AccountName, decimal Budget, decimal Actual);

/// <summary>
/// Streams a general-ledger extract (csv or xlsx; docs/formats/finance.md §4). Rows are yielded as they are
/// read, so staging pulls them straight from the file and memory stays flat whatever the size. Every bad
/// cell is reported to the error sink with its place; a bad row is never yielded. When the enumeration
/// ends, <see cref="Period"/>, the running sums and the Total-row check are complete.
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

    private readonly HashSet<string> _costCentres = new(StringComparer.OrdinalIgnoreCase);
    private string? _lastCostCentre;
    private IEnumerator<SheetRow>? _rows;
    private HeaderMap? _header;
    private string? _lastYearText;
    private int? _lastYear;

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
        _rows = WorkbookReader.ReadRows(path).GetEnumerator();
        try
        {
            _header = HeaderLocator.Locate(_rows, Columns, errors.File);
        }
        catch
        {
            _rows.Dispose();
            throw;
        }
        return this;
    }

    public IEnumerable<GlRow> Rows()
    {
        if (_rows is null || _header is null)
            throw new InvalidOperationException("Open the reader first.");
        using var rows = _rows;
        var header = _header;
        // A title row may state the period ("Period 2 2018/19 (May-18)"): the rows must agree with it.
        FiscalPeriod? titlePeriod = header.Preamble.Select(r => r.FirstText()).Where(t => t is not null)
            .Select(t => Cells.Period(t)).FirstOrDefault(p => p is not null);
        var inThousandsBudget = header.InThousands("budget");
        var inThousandsActual = header.InThousands("actual");
        SheetRow? totalRow = null;
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.IsBlank)
                continue;
            var costCentre = row.Text(header["cost_centre"]);
            if (totalRow is not null)
            {
                errors.Reject(row, header.HeaderText("cost_centre"), costCentre, $"follows the Total row (row {totalRow.RowNumber}); nothing may follow it");
                continue;
            }
            if (costCentre is not null && costCentre.Equals("Total", StringComparison.OrdinalIgnoreCase))
            {
                totalRow = row;
                TotalBudget = MoneyOrReject(row, header.HeaderText("budget"), row[header["budget"]], inThousandsBudget, required: true);
                TotalActual = MoneyOrReject(row, header.HeaderText("actual"), row[header["actual"]], inThousandsActual, required: true);
                continue;
            }
            // Rows of a cost centre come together: one set lookup per run of rows, not per row.
            if (costCentre is not null && !string.Equals(costCentre, _lastCostCentre, StringComparison.Ordinal))
                _costCentres.Add(_lastCostCentre = costCentre);
            // A shifted row's other cells would only give confusing errors: the shift is the one to report.
            if (errors.RejectIfWiderThanHeader(row, header))
            {
                DataRows++;
                continue;
            }
            var before = errors.Count;
            if (costCentre is null)
                errors.Reject(row, header.HeaderText("cost_centre"), null, "is empty; a cost centre code is required");
            var account = row.Text(header["account"]);
            if (account is null)
                errors.Reject(row, header.HeaderText("account"), null, "is empty; a subjective account code is required");
            var budget = MoneyOrReject(row, header.HeaderText("budget"), row[header["budget"]], inThousandsBudget, required: true);
            var actual = MoneyOrReject(row, header.HeaderText("actual"), row[header["actual"]], inThousandsActual, required: true);
            var period = RowPeriod(row, header);
            if (period is { } p)
            {
                if (Period is null)
                {
                    Period = p;
                    if (titlePeriod is { } t && t != p)
                        errors.Reject(row, header.HeaderText("period"), p.Label, $"the rows are for {p.Label} but the title says {t.Label}");
                }
                else if (Period != p)
                    errors.Reject(row, header.HeaderText("period"), p.Label, $"is a different period from the file's {Period.Value.Label} (first data row); one file holds one period");
            }
            DataRows++;
            rowsRead?.Report(DataRows);
            if (errors.Count != before)
                continue;
            BudgetSum += budget!.Value;
            ActualSum += actual!.Value;
            yield return new GlRow(row.RowNumber, costCentre!, account!, header.Has("account_name") ? row.Text(header["account_name"]) : null,
                budget.Value, actual.Value);
        }
        if (DataRows == 0)
            errors.Reject(header.HeaderRow.Sheet, header.HeaderRow.RowNumber, null, null, "the extract has a header but no data rows");
        else if (totalRow is null)
            // Without its control row a truncated export (a file cut short in transfer, a filter left on) would load as the whole period.
            errors.Reject(header.HeaderRow.Sheet, null, header.HeaderText("cost_centre"), null,
                "has no Total row: the GL extract format requires `Total,,,,,<sum of Budget>,<sum of Actual>` as its last row (docs/formats/finance.md §4); the file may be cut short");
        if (totalRow is not null && errors.Count == 0)
        {
            if (TotalBudget != BudgetSum)
                errors.Reject(totalRow, header.HeaderText("budget"), TotalBudget, string.Create(CultureInfo.InvariantCulture, $"the Total row does not add up: the rows sum to {BudgetSum:0.00}"));
            if (TotalActual != ActualSum)
                errors.Reject(totalRow, header.HeaderText("actual"), TotalActual, string.Create(CultureInfo.InvariantCulture, $"the Total row does not add up: the rows sum to {ActualSum:0.00}"));
        }
        Period ??= titlePeriod;
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
