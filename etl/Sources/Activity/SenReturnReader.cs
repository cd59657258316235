namespace Warehouse.Etl.Sources.Activity;

/// <summary>One line of the SEN placements return, parsed (money and average annual costs in £).</summary>
public sealed record SenLine(
    SheetRow Row, ActivityServiceType Need, decimal? BudgetedPlacements, decimal? Budget, decimal? BudgetAverageCost,
    decimal? PlacementsNow, decimal? YearlyAverage, decimal? ActualCost, decimal? ActualAverageCost)
{
    public decimal? Measure(string measure) => measure switch
    {
        SenReturnReader.BudgetedPlacements => BudgetedPlacements,
        SenReturnReader.Budget => Budget,
        SenReturnReader.PlacementsNow => PlacementsNow,
        SenReturnReader.YearlyAverage => YearlyAverage,
        SenReturnReader.ActualCost => ActualCost,
        SenReturnReader.ActualAverageCost => ActualAverageCost,
        _ => null,
    };
}

public sealed record SenReturn(FiscalPeriod? Period, HeaderMap Header, IReadOnlyList<SenLine> Lines);

/// <summary>
/// Reads the SEN placements return (sheet SEN; format in docs/formats/activity.md §2.5): per Ofsted need the
/// budgeted placements, budget, average annual cost, placements now, yearly average, actual cost and its
/// average, then Growth, Recoupment and the TOTAL. `-` means not applicable and is held as empty.
/// </summary>
public static class SenReturnReader
{
    public const string BudgetedPlacements = "budgeted placements";
    public const string Budget = "budget";
    public const string PlacementsNow = "placements now";
    public const string YearlyAverage = "yearly average";
    public const string ActualCost = "actual cost";
    public const string ActualAverageCost = "actual average cost";

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("code", true, "Ofsted Code", "code", "need code"),
        new("need", false, "Need", "need description"),
        new("budgeted_placements", true, "Budgeted Placements", "no of placements budgeted", "number of placements budgeted"),
        new("budget", true, "Budget", "total cost to sen placements budget"),
        new("budget_average_cost", true, "Average Annual Cost", "budget average annual cost"),
        new("placements_now", true, "Placements Now", "no of placements", "current placements"),
        new("yearly_average", true, "Yearly Average"),
        new("actual_cost", true, "Actual Cost", "actual"),
        new("actual_average_cost", true, "Average Annual Cost (Actual)", "actual average annual cost"),
    ];

    public static SenReturn Read(string path, RowErrors errors, ActivityServiceTypes reference)
    {
        using var rows = WorkbookReader.ReadRows(path).GetEnumerator();
        var header = HeaderLocator.Locate(rows, Columns, errors.File);
        FiscalPeriod? period = null;
        var title = header.Preamble.FirstOrDefault(r => r.FirstText()?.StartsWith("Period", StringComparison.OrdinalIgnoreCase) == true);
        if (title is null)
            errors.Reject(header.HeaderRow.Sheet, null, null, null, "has no 'Period: …' title row above the header; the period cannot be told");
        else if ((period = Cells.Period(title.FirstText()!.Split(':', 2).Last())) is null)
            errors.Reject(title, "A", title.FirstText(), "is not a period such as 'Period: May-18' or 'Period: Closedown-19'");

        var lines = new List<SenLine>();
        var sheet = header.HeaderRow.Sheet;
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.Sheet != sheet)
                break; // one sheet per return
            if (row.IsBlank)
                continue;
            if (ReadLine(row, header, errors, reference, lines) is { } line)
                lines.Add(line);
        }
        return new SenReturn(period, header, lines);
    }

    private static SenLine? ReadLine(SheetRow row, HeaderMap header, RowErrors errors, ActivityServiceTypes reference, IReadOnlyList<SenLine> earlier)
    {
        var code = row.Text(header["code"]);
        if (code is null)
        {
            errors.Reject(row, header.HeaderText("code"), null, "is empty on a row with values; give the Ofsted code (or Growth, Recoupment, TOTAL)");
            return null;
        }
        var need = reference.ByCode("SEN", code);
        if (need is null)
        {
            errors.Reject(row, header.HeaderText("code"), code,
                "is not an Ofsted need code of the activity service-type reference; add it there (activity-service-types) or correct the code");
            return null;
        }
        var name = header.Has("need") ? row.Text(header["need"]) : null;
        if (name is not null && Cells.NameKey(name) != Cells.NameKey(need.ServiceType))
        {
            errors.Reject(row, header.HeaderText("need"), name, $"is not the need of Ofsted code {need.Code} in the reference ({need.ServiceType})");
            return null;
        }
        if (earlier.FirstOrDefault(e => e.Need.TypeKey == need.TypeKey) is { } first)
        {
            errors.Reject(row, header.HeaderText("code"), code, $"appears twice (first at row {first.Row.RowNumber})");
            return null;
        }
        var before = errors.Count;
        object? Cell(string key) => row[header[key]] is string s && Cells.IsDash(s) ? null : row[header[key]];
        decimal? Number(string key)
        {
            var parsed = Cells.Decimal(Cell(key));
            if (!parsed.Ok)
                errors.Reject(row, header.HeaderText(key), row.Text(header[key]), parsed.Error!);
            return parsed.Value;
        }
        decimal? Money(string key)
        {
            var parsed = Cells.Money(Cell(key), header.InThousands(key));
            if (!parsed.Ok)
                errors.Reject(row, header.HeaderText(key), row.Text(header[key]), parsed.Error!);
            return parsed.Value;
        }
        var line = new SenLine(row, need, Number("budgeted_placements"), Money("budget"), Money("budget_average_cost"),
            Number("placements_now"), Number("yearly_average"), Money("actual_cost"), Money("actual_average_cost"));
        return errors.Count == before ? line : null;
    }
}
