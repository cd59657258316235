namespace Warehouse.Etl.Sources.Activity;

/// <summary>One line of an adult services key activity sheet, parsed (money in £, unit costs in £ per unit).</summary>
public sealed record AdultLine(
    SheetRow Row, ActivityServiceType Line, decimal? BudgetedUsers, decimal? BudgetedUnitCost, string? Unit, decimal? AnnualBudget,
    decimal? CurrentUsers, decimal? CurrentUnitCost, decimal? ForecastSpend, decimal? Variance)
{
    public decimal? Measure(string measure) => measure switch
    {
        AdultReturnReader.BudgetedUsers => BudgetedUsers,
        AdultReturnReader.AnnualBudget => AnnualBudget,
        AdultReturnReader.CurrentUsers => CurrentUsers,
        AdultReturnReader.ForecastSpend => ForecastSpend,
        AdultReturnReader.Variance => Variance,
        _ => null,
    };
}

/// <summary>One sheet (service area) of the return: its period and lines, with the header to name columns.</summary>
public sealed record AdultSheet(string ServiceArea, FiscalPeriod? Period, HeaderMap Header, IReadOnlyList<AdultLine> Lines);

/// <summary>
/// Reads the adult services key activity return (sheets LD, AMH, OP, OPMH; format in docs/formats/activity.md
/// §2.6). Every bad cell is reported to the error sink with its sheet, row and column; rows whose value
/// cells are all empty (the `Community based` heading) are skipped.
/// </summary>
public static class AdultReturnReader
{
    public const string BudgetedUsers = "budgeted users";
    public const string AnnualBudget = "annual budget";
    public const string CurrentUsers = "current users";
    public const string ForecastSpend = "forecast spend";
    public const string Variance = "variance";

    /// <summary>The measures a total row prints, each with its column key.</summary>
    public static readonly IReadOnlyList<(string Measure, string Key)> TotalMeasures =
    [
        (BudgetedUsers, "budgeted_users"), (AnnualBudget, "annual_budget"), (CurrentUsers, "current_users"),
        (ForecastSpend, "forecast"), (Variance, "variance"),
    ];

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("service_type", true, "Service Type", "service", "setting", "type of service"),
        new("budgeted_users", true, "Budgeted Users", "budgeted no of service users", "budgeted no of users",
            "expected no of service users", "budgeted number of users"),
        new("budgeted_unit_cost", true, "Budgeted Unit Cost", "budgeted average unit cost", "budgeted cost per week"),
        new("unit", false, "Unit", "per"),
        new("annual_budget", true, "Annual Budget", "budget", "annual budget 2018 19"),
        new("current_users", true, "Current Users", "current no of service users", "current no of users", "actual users"),
        new("current_unit_cost", true, "Current Unit Cost", "current average unit cost", "actual unit cost"),
        new("forecast", true, "Forecast Spend", "actual", "spend", "forecast outturn", "outturn", "forecast"),
        new("variance", true, "Variance", "forecast variance", "outturn variance"),
    ];

    private static readonly string[] ValueKeys =
        ["budgeted_users", "budgeted_unit_cost", "unit", "annual_budget", "current_users", "current_unit_cost", "forecast", "variance"];

    /// <summary>
    /// Reads the return sheet by sheet, as the workbook streams: only one row is held at a time (and the parsed lines,
    /// a few dozen per sheet). A sheet that is not a service area is refused by its name and its rows are never read.
    /// </summary>
    public static IReadOnlyList<AdultSheet> Read(string path, RowErrors errors, ActivityServiceTypes reference, ReadLimits? limits = null)
    {
        var sheets = new List<AdultSheet>();
        bool IsArea(string sheet)
        {
            if (Area(sheet) is not null)
                return true;
            errors.Reject(sheet, null, null, sheet, "is not a service area sheet; the sheets must be named LD, AMH, OP and OPMH");
            return false;
        }
        using var rows = new SheetRun(WorkbookReader.ReadRowsOfSheets(path, IsArea, limits).GetEnumerator());
        while (rows.NextSheet() is { } sheet)
        {
            var area = Area(sheet)!;
            var header = HeaderLocator.Locate(rows, Columns, errors.File);
            var period = ReadPeriod(header, errors, sheet);
            var lines = new List<AdultLine>();
            while (rows.MoveNext())
            {
                var row = rows.Current;
                if (row.IsBlank)
                    continue;
                if (ReadLine(row, area, header, errors, reference, lines) is { } line)
                    lines.Add(line);
            }
            sheets.Add(new AdultSheet(area, period, header, lines));
        }
        foreach (var missing in ActivityServiceTypes.AdultAreas.Where(a => sheets.All(s => s.ServiceArea != a)))
            errors.Reject(missing, null, null, null, $"the sheet {missing} is missing; a return has the sheets LD, AMH, OP and OPMH");
        return sheets;
    }

    private static string? Area(string sheet) =>
        ActivityServiceTypes.AdultAreas.FirstOrDefault(a => a.Equals(sheet.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The rows of one sheet at a time from a stream of many: <see cref="MoveNext"/> ends at the sheet's last row, and
    /// <see cref="NextSheet"/> moves on (skipping what is left of the sheet), so nothing is buffered.
    /// </summary>
    private sealed class SheetRun(IEnumerator<SheetRow> rows) : IEnumerator<SheetRow>
    {
        private string? _sheet;
        private bool _pending; // rows.Current is the first row of the next sheet, not yet handed out
        private bool _ended;

        public SheetRow Current { get; private set; } = null!;
        object System.Collections.IEnumerator.Current => Current;

        public string? NextSheet()
        {
            while (!_pending && !_ended)
            {
                if (!rows.MoveNext())
                    _ended = true;
                else if (rows.Current.Sheet != _sheet)
                    _pending = true;
            }
            if (_ended && !_pending)
                return null;
            _sheet = rows.Current.Sheet;
            return _sheet;
        }

        public bool MoveNext()
        {
            if (_pending)
            {
                _pending = false;
                Current = rows.Current;
                return true;
            }
            if (_ended || !rows.MoveNext())
            {
                _ended = true;
                return false;
            }
            if (rows.Current.Sheet != _sheet)
            {
                _pending = true;
                return false;
            }
            Current = rows.Current;
            return true;
        }

        public void Reset() => throw new NotSupportedException();
        public void Dispose() => rows.Dispose();
    }

    private static FiscalPeriod? ReadPeriod(HeaderMap header, RowErrors errors, string sheet)
    {
        var title = header.Preamble.FirstOrDefault(r => r.FirstText()?.StartsWith("Period", StringComparison.OrdinalIgnoreCase) == true);
        if (title is null)
        {
            errors.Reject(sheet, null, null, null, "has no 'Period: …' title row above the header; the period cannot be told");
            return null;
        }
        var text = title.FirstText()!;
        var period = Cells.Period(text.Split(':', 2).Last());
        if (period is null)
            errors.Reject(title, "A", text, $"is not a period such as 'Period: May-18' or 'Period: Closedown-19' in the years the warehouse holds ({Cells.CalendarRange})");
        return period;
    }

    private static AdultLine? ReadLine(SheetRow row, string area, HeaderMap header, RowErrors errors, ActivityServiceTypes reference,
        IReadOnlyList<AdultLine> earlier)
    {
        var label = row.Text(header["service_type"]);
        // A cell of a merged figure counts as a value here, so its row is refused at that cell rather than skipped.
        if (ValueKeys.All(k => !header.Has(k) || (row.Text(header[k]) is null && row[header[k]] is not MergedCell)))
            return null; // a heading such as `Community based`: no values of its own
        if (label is null)
        {
            errors.Reject(row, header.HeaderText("service_type"), null, "is empty on a row with values; name the service type");
            return null;
        }
        var line = reference.ByLabel(area, label);
        if (line is null)
        {
            errors.Reject(row, header.HeaderText("service_type"), label,
                $"is not a service type of {area} in the activity service-type reference; add it there (activity-service-types) or correct the label");
            return null;
        }
        if (earlier.FirstOrDefault(e => e.Line.TypeKey == line.TypeKey) is { } first)
        {
            errors.Reject(row, header.HeaderText("service_type"), label, $"appears twice in sheet {area} (first at row {first.Row.RowNumber})");
            return null;
        }
        var before = errors.Count;
        decimal? Count(string key)
        {
            var parsed = Cells.Decimal(row[header[key]]);
            if (!parsed.Ok)
                errors.Reject(row, header.HeaderText(key), row.Text(header[key]), parsed.Error!);
            else if (parsed.Value < 0)
                errors.Reject(row, header.HeaderText(key), row.Text(header[key]), "is negative; a number of service users cannot be below zero");
            return parsed.Value;
        }
        decimal? UnitCost(string key)
        {
            var cell = row[header[key]];
            // A per-week cost printed with a stray `k` (£1,444k) is still £ per week (format §4.3).
            if (cell is string text && text.TrimEnd().EndsWith('k') && text.Trim().Length > 1)
                cell = text.Trim()[..^1];
            var parsed = Cells.Decimal(cell is string s ? s.Replace("£", "") : cell);
            if (!parsed.Ok)
                errors.Reject(row, header.HeaderText(key), row.Text(header[key]), parsed.Error!);
            else if (parsed.Value < 0)
                errors.Reject(row, header.HeaderText(key), row.Text(header[key]), "is negative; a unit cost cannot be below zero");
            return parsed.Value;
        }
        decimal? Money(string key)
        {
            var parsed = Cells.Money(row[header[key]], header.InThousands(key));
            if (!parsed.Ok)
                errors.Reject(row, header.HeaderText(key), row.Text(header[key]), parsed.Error!);
            return parsed.Value;
        }

        var budgetedUsers = Count("budgeted_users");
        var budgetedUnitCost = UnitCost("budgeted_unit_cost");
        var annualBudget = Money("annual_budget");
        var currentUsers = Count("current_users");
        var currentUnitCost = UnitCost("current_unit_cost");
        var forecast = Money("forecast");
        var variance = Money("variance");
        var unit = header.Has("unit") ? row.Text(header["unit"])?.ToLowerInvariant() : null;
        if (unit is not null && unit is not ("week" or "hour"))
            errors.Reject(row, header.HeaderText("unit"), unit, "must be week or hour");
        else if (unit is not null && line.Unit is not null && unit != line.Unit)
            errors.Reject(row, header.HeaderText("unit"), unit, $"is not the unit of {line.ServiceType} in the reference ({line.Unit})");
        if (errors.Count != before)
            return null;
        if (unit is null && (budgetedUnitCost is not null || currentUnitCost is not null))
            unit = line.Unit;
        return new AdultLine(row, line, budgetedUsers, budgetedUnitCost, unit, annualBudget, currentUsers, currentUnitCost, forecast, variance);
    }
}
