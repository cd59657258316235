using System.Globalization;
using System.Text.RegularExpressions;
using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Etl.Sources.Savings;

/// <summary>The savings tracker's five ratings: Black = not achieved this year, Blue = exceeding plan.</summary>
public static class SavingsRag
{
    public const string Green = "Green", Amber = "Amber", Red = "Red", Black = "Black", Blue = "Blue";
    public static readonly IReadOnlyList<string> All = [Green, Amber, Red, Black, Blue];

    public static string? Parse(string? text) =>
        text is null ? null : All.FirstOrDefault(r => r.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The tracker's direction-of-travel arrows: better, worse, unchanged (as printed: ↔), and an arrow lost in print.</summary>
public static class SavingsDirection
{
    public const string Better = "↑", Worse = "↓", Same = "↔";

    /// <summary>Lower variance from plan is better: less shortfall, or more over-delivery.</summary>
    public static string Between(decimal previousVariance, decimal variance) =>
        variance < previousVariance ? Better : variance > previousVariance ? Worse : Same;

    /// <summary>The published arrow in the tracker's symbols; the spellings are those of the indicator returns.</summary>
    public static string? Parse(string? text, out string? error) => IndicatorCells.Arrow(text, out error) switch
    {
        IndicatorCells.Up => Better,
        IndicatorCells.Down => Worse,
        IndicatorCells.Same => Same,
        var other => other,
    };
}

/// <summary>A committee of the warehouse (dw.dim_committee) that a tracker row can name.</summary>
public sealed record SavingsCommittee(short Key, string Code, string Name);

/// <summary>One saving proposal as the tracker states it; amounts in pounds, savings negative.</summary>
public sealed record SavingsRow(int SourceRow, int SortOrder, string Reference, string Title, string? Service,
    SavingsCommittee Committee, string CommitteeText, decimal? Investment, decimal OriginalSaving,
    decimal Q1, decimal Q2, decimal Q3, decimal Q4, decimal ForecastSaving, decimal Variance, decimal? VariancePct,
    string Rag, string? DirectionPublished, string? Commentary, string? Flag = null)
{
    public string? DirectionDerived { get; init; }
}

/// <summary>What a tracker file holds: its period, its proposals and the totals row it prints (when it has one).</summary>
/// <param name="Unit">One unit of the file's figures in pounds (1,000 for a tracker in £000): the rounding its checks allow.</param>
public sealed record SavingsTracker(FiscalPeriod Period, IReadOnlyList<SavingsRow> Rows, IReadOnlyDictionary<string, decimal>? StatedTotals, decimal Unit);

/// <summary>
/// Reads a savings tracker (xlsx or csv): title rows (the tracker's year, a banner and a totals row above the
/// header, as printed), the header, then one row per proposal. Each row's forecast, variance and % variance are
/// checked against its other cells, and the totals row against the sum of the rows; a cell that disagrees is
/// rejected by name. Repeated header blocks (a sheet laid out for print) are skipped.
/// </summary>
public static partial class SavingsTrackerReader
{
    public const string Investment = "investment", Original = "original", Q1 = "q1", Q2 = "q2", Q3 = "q3", Q4 = "q4",
        Forecast = "forecast", Variance = "variance";

    /// <summary>The amount columns, in the order of the totals row.</summary>
    public static readonly IReadOnlyList<string> AmountKeys = [Investment, Original, Q1, Q2, Q3, Q4, Forecast, Variance];

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("reference", true, "Reference", "Business Plan reference", "BP reference", "ref", "BP ref"),
        new("title", true, "Title", "Proposal", "Saving proposal", "Description"),
        new("service", false, "Service", "Directorate"),
        new("committee", true, "Committee", "Policy committee", "Service committee"),
        new(Investment, false, WithYears("Investment")),
        new(Original, true, WithYears("Original Saving", "Original saving target", "Planned saving", "Business Plan saving", "Original")),
        new(Q1, false, Quarter(1)),
        new(Q2, false, Quarter(2)),
        new(Q3, false, Quarter(3)),
        new(Q4, false, Quarter(4)),
        new(Forecast, false, WithYears("Forecast Saving", "Forecast savings", "Forecast")),
        new(Variance, false, "Variance from Plan", "Variance from plan £000", "Variance", "Variance £000"),
        new("pct", false, "% Variance", "Variance %", "% variance from plan", "Percentage variance"),
        new("rag", true, "RAG", "RAG status", "RAG rating", "Status"),
        new("direction", false, "Direction of travel", "DoT", "Direction"),
        new("commentary", false, "Forecast Commentary", "Commentary", "Comments", "Comment"),
    ];

    // Headers carry the plan's year ("Investment 18-19 £000"): accept the stem with any year in the usual forms.
    private static string[] WithYears(params string[] stems) =>
        stems.SelectMany(stem => Enumerable.Range(2010, 40).SelectMany(y => new[]
                { $"{stem} {y % 100:00}-{(y + 1) % 100:00}", $"{stem} {y}-{(y + 1) % 100:00}", $"{stem} {y}/{y + 1}" })
            .Prepend(stem)).ToArray();

    private static string[] Quarter(int q) =>
        [$"Current Forecast Phasing - Q{q}", $"Forecast Phasing Q{q}", $"Phasing Q{q}", $"Forecast Q{q}", $"Q{q}", $"Quarter {q}"];

    public static SavingsTracker Read(string path, RowErrors errors, IReadOnlyList<SavingsCommittee> committees)
    {
        using var rows = WorkbookReader.ReadRows(path).GetEnumerator();
        var header = HeaderLocator.Locate(rows, Columns, errors.File);
        var period = ReportingPeriod(header, errors.File);
        // One unit for the whole tracker: a £000 in any header or title row states it (the printed sheet puts it on two).
        var thousands = AmountKeys.Any(header.InThousands) || header.Preamble.Any(r => r.Cells.Select((_, i) => r.Text(i))
            .Any(t => t is not null && HeaderMap.HeaderSaysThousands(t)));
        var unit = thousands ? 1000m : 1m;

        var totalsRow = header.Preamble.LastOrDefault(r => IsTotalsRow(r, header));
        var totals = totalsRow is null ? null : ReadTotals(totalsRow, header, thousands, errors);
        var result = new List<SavingsRow>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.IsBlank || IsRepeatedHeader(row, header))
                continue;
            if (IsTotalsRow(row, header))
            {
                // A totals row again (a block repeated for print, or the total printed below the rows).
                var again = ReadTotals(row, header, thousands, errors);
                if (totals is null)
                    (totals, totalsRow) = (again, row);
                else if (again is not null)
                    foreach (var key in AmountKeys.Where(k => again.ContainsKey(k) && totals.ContainsKey(k) && again[k] != totals[k]))
                        errors.Reject(row, header.HeaderText(key), Thousands(again[key], unit),
                            $"differs from the totals row {totalsRow!.RowNumber} ({Thousands(totals[key], unit)})");
                continue;
            }
            if (row.Text(header["reference"]) is null && row.Text(header["title"]) is null && !HasAmount(row, header))
                continue; // a banner or note row ("Planned £000 | Forecast £000")
            var parsed = ParseRow(new SourceRow(row, header, errors), result.Count + 1, thousands, unit, committees, firstRowOf);
            if (parsed is not null)
                result.Add(parsed);
        }

        if (totals is not null && totalsRow is not null && !errors.Any)
            CheckTotals(totals, totalsRow, header, result, unit, errors);
        return new SavingsTracker(period, result, totals, unit);
    }

    private static SavingsRow? ParseRow(SourceRow cells, int sortOrder, bool thousands, decimal unit,
        IReadOnlyList<SavingsCommittee> committees, Dictionary<string, int> firstRowOf)
    {
        var reference = cells.Required("reference", "is empty; each proposal needs its Business Plan reference").ToUpperInvariant();
        if (reference.Length > 0 && !ReferenceShape().IsMatch(reference))
            cells.Reject("reference", reference, "is not a Business Plan reference in the shape A/R.6.253 (letters, '/R.', a section number, '.', three digits)");
        else if (reference.Length > 0 && firstRowOf.TryGetValue(reference, out var first))
            cells.Reject("reference", reference, $"appears more than once in this tracker (first at row {first})");
        else if (reference.Length > 0)
            firstRowOf[reference] = cells.Number;

        var title = Cells.CleanText(cells.Required("title", "is empty; each proposal needs its title"));
        var service = cells.Has("service") ? cells.Text("service") : null;
        var committeeText = cells.Required("committee", "is empty; each proposal names its committee");
        var committee = committeeText.Length == 0 ? null : Committee(committeeText, committees);
        if (committee is null && committeeText.Length > 0)
            cells.Reject("committee", committeeText,
                $"is not a committee of the warehouse ({string.Join(", ", committees.Where(c => c.Key > 0).Select(c => c.Code))}, or a cross-committee proposal)");

        decimal? Amount(string key, bool required = false) =>
            cells.Has(key) ? Checked(cells, key, Cells.Money(cells.Cell(key), thousands), required) : null;
        var investment = Amount(Investment);
        var original = Amount(Original, required: true);
        // A blank quarter is a quarter with nothing phased into it.
        var q = new[] { Q1, Q2, Q3, Q4 }.Select(k => Amount(k) ?? 0m).ToArray();
        var forecastStated = Amount(Forecast);
        var varianceStated = Amount(Variance);
        var pctStated = cells.Has("pct") ? Percentage(cells) : null;

        var ragText = cells.Required("rag", "is empty; each proposal has a RAG");
        var rag = SavingsRag.Parse(ragText);
        if (rag is null && ragText.Length > 0)
            cells.Reject("rag", ragText, "is not a savings RAG (Green, Amber, Red, Black or Blue)");
        string? direction = null;
        if (cells.Has("direction"))
        {
            direction = SavingsDirection.Parse(cells.Text("direction"), out var directionError);
            if (directionError is not null)
                cells.Reject("direction", cells.Text("direction"), directionError);
        }
        if (!cells.IsClean || original is null)
            return null;

        // The return's own arithmetic. Each printed cell may be rounded by half a unit (quarters of -12.5 print as -13
        // against a forecast of -50): a difference within that is loaded and flagged, a bigger one rejects the cell.
        var flags = new List<string>();
        var quarters = q.Sum();
        if (forecastStated is { } f && Math.Abs(f - quarters) > RoundingOf(5, unit))
            cells.Reject(Forecast, Thousands(f, unit), $"is not Q1 + Q2 + Q3 + Q4 ({Thousands(quarters, unit)})");
        else if (forecastStated is { } fr && fr != quarters)
            flags.Add($"Q1-Q4 add to {Thousands(quarters, unit)}, not the forecast {Thousands(fr, unit)} (rounding)");
        var forecast = forecastStated ?? quarters;
        var difference = forecast - original.Value;
        if (varianceStated is { } v && Math.Abs(v - difference) > RoundingOf(3, unit))
            cells.Reject(Variance, Thousands(v, unit), $"is not the forecast saving less the original saving ({Thousands(difference, unit)})");
        else if (varianceStated is { } vr && vr != difference)
            flags.Add($"forecast less original is {Thousands(difference, unit)}, not the variance {Thousands(vr, unit)} (rounding)");
        var variance = varianceStated ?? difference;
        var pct = original.Value == 0 ? (decimal?)null : Math.Round(100m * variance / Math.Abs(original.Value), 2, MidpointRounding.AwayFromZero);
        // The % may come from unrounded figures: allow what rounding the variance moves it, and the 2 dp it is printed to.
        if (pctStated is { } p && pct is { } derived && Math.Abs(p - derived) > 0.005m + 100m * RoundingOf(3, unit) / Math.Abs(original.Value))
            cells.Reject("pct", p.ToString(CultureInfo.InvariantCulture),
                $"is not the variance as a percentage of the original saving ({derived.ToString("0.00", CultureInfo.InvariantCulture)})");
        if (!cells.IsClean)
            return null;
        return new SavingsRow(cells.Number, sortOrder, reference, title, service, committee!, committeeText, investment, original.Value,
            q[0], q[1], q[2], q[3], forecast, variance, pctStated ?? pct, rag!, direction, cells.Has("commentary") ? cells.Text("commentary") : null,
            flags.Count == 0 ? null : string.Join("; ", flags));
    }

    private static decimal? Checked(SourceRow cells, string key, Parsed<decimal> parsed, bool required)
    {
        if (!parsed.Ok)
            cells.Reject(key, cells.Text(key), parsed.Error!);
        else if (parsed.Value is null && required)
            cells.Reject(key, null, "is empty; a value is required");
        return parsed.Value;
    }

    private static decimal? Percentage(SourceRow cells)
    {
        var cell = cells.Cell("pct") is string s ? s.Trim().TrimEnd('%') : cells.Cell("pct");
        var parsed = Cells.Decimal(cell);
        if (!parsed.Ok)
            cells.Reject("pct", cells.Text("pct"), parsed.Error!);
        return parsed.Value;
    }

    /// <summary>The committee a row names: by code or name (any case), and "Cross Committee" forms as the whole service.</summary>
    public static SavingsCommittee? Committee(string text, IReadOnlyList<SavingsCommittee> committees)
    {
        var key = Cells.NameKey(text);
        var named = committees.FirstOrDefault(c => Cells.NameKey(c.Code) == key || Cells.NameKey(c.Name) == key
                                                   || Cells.NameKey(c.Name) == key + " committee");
        if (named is not null)
            return named;
        return key.Contains("cross committee") || key.Replace(" ", "").Contains("crosscommittee")
            ? committees.FirstOrDefault(c => c.Code.Equals(WholeServiceCommittee, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    /// <summary>dw.dim_committee's member for what is reported to every committee.</summary>
    public const string WholeServiceCommittee = "All";

    private static bool HasAmount(SheetRow row, HeaderMap header) =>
        AmountKeys.Any(k => header.Has(k) && Cells.Money(row[header[k]], false) is { Ok: true, Value: not null });

    // A totals row has no reference (or says "Total") and figures in most amount columns.
    private static bool IsTotalsRow(SheetRow row, HeaderMap header)
    {
        var label = row.Text(header["reference"]) ?? row.Text(header["title"]);
        if (label is not null && !label.StartsWith("total", StringComparison.OrdinalIgnoreCase))
            return false;
        var figures = AmountKeys.Count(k => header.Has(k) && Cells.Money(row[header[k]], false) is { Ok: true, Value: not null });
        return figures >= Math.Max(2, AmountKeys.Count(header.Has) / 2);
    }

    private static bool IsRepeatedHeader(SheetRow row, HeaderMap header) =>
        string.Equals(row.Text(header["reference"]), header.HeaderText("reference"), StringComparison.OrdinalIgnoreCase)
        && string.Equals(row.Text(header["committee"]), header.HeaderText("committee"), StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, decimal>? ReadTotals(SheetRow row, HeaderMap header, bool thousands, RowErrors errors)
    {
        var totals = new Dictionary<string, decimal>();
        var before = errors.Count;
        foreach (var key in AmountKeys.Where(header.Has))
        {
            var parsed = Cells.Money(row[header[key]], thousands);
            if (!parsed.Ok)
                errors.Reject(row, header.HeaderText(key), row.Text(header[key]), parsed.Error! + " (totals row)");
            else if (parsed.Value is { } value)
                totals[key] = value;
        }
        return errors.Count == before ? totals : null;
    }

    private static void CheckTotals(IReadOnlyDictionary<string, decimal> totals, SheetRow totalsRow, HeaderMap header,
        IReadOnlyList<SavingsRow> rows, decimal unit, RowErrors errors)
    {
        foreach (var (key, stated) in totals)
        {
            var sum = rows.Sum(r => Amount(r, key));
            if (Math.Abs(sum - stated) > TotalsTolerance(rows.Count, unit))
                errors.Reject(totalsRow, header.HeaderText(key), Thousands(stated, unit),
                    $"is not the sum of the {rows.Count} proposals ({Thousands(sum, unit)})");
        }
    }

    /// <summary>How far the sum of <paramref name="cells"/> printed cells can be from exact when each is rounded to whole units.</summary>
    public static decimal RoundingOf(int cells, decimal unit) => cells * unit / 2;

    /// <summary>A totals row against its rows: each of them and the total rounded by up to half a unit.</summary>
    public static decimal TotalsTolerance(int rows, decimal unit) => RoundingOf(rows + 1, unit);

    public static decimal Amount(SavingsRow row, string key) => key switch
    {
        Investment => row.Investment ?? 0m,
        Original => row.OriginalSaving,
        Q1 => row.Q1,
        Q2 => row.Q2,
        Q3 => row.Q3,
        Q4 => row.Q4,
        Forecast => row.ForecastSaving,
        Variance => row.Variance,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not an amount of the tracker."),
    };

    // Values in messages are in the file's own unit, as the person reading the rejection sees them in the sheet.
    private static string Thousands(decimal pounds, decimal unit) => (pounds / unit).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// The reporting period: a "Period: …" title row, else a quarter in a title ("Savings Tracker 2018-19 Q2" = September),
    /// else yyyy-mm or yyyy-13 (closedown) in the file name. A title naming the financial year must agree with it.
    /// </summary>
    public static FiscalPeriod ReportingPeriod(HeaderMap header, string fileName)
    {
        var titles = header.Preamble.SelectMany(r => r.Cells.Select((_, i) => r.Text(i))).OfType<string>().ToList();
        FiscalPeriod? period = null;
        foreach (var text in titles)
        {
            var stated = PeriodTitle().Match(text);
            if (stated.Success && (QuarterOf(stated.Groups["p"].Value) ?? Cells.Period(stated.Groups["p"].Value.Trim())) is { } p)
            {
                period = p;
                break;
            }
        }
        var titleYear = titles.Where(t => t.Contains("saving", StringComparison.OrdinalIgnoreCase)).Select(Cells.FiscalYear).FirstOrDefault(y => y is not null);
        period ??= titles.Where(t => t.Contains("saving", StringComparison.OrdinalIgnoreCase)).Select(QuarterOf).FirstOrDefault(p => p is not null);
        if (period is null && FileMonth().Match(Path.GetFileNameWithoutExtension(fileName)) is { Success: true } name)
        {
            var y = int.Parse(name.Groups["y"].Value, CultureInfo.InvariantCulture);
            var m = int.Parse(name.Groups["m"].Value, CultureInfo.InvariantCulture);
            period = m == 13 ? new FiscalPeriod(y - 1, 13) : FiscalPeriod.FromDate(new DateTime(y, m, 1));
        }
        if (period is null)
            throw new SourceFormatException(fileName,
                "the reporting period is not stated: put 'Period: Q2 2018/19' or 'Period: Sep-18' in a title row, or yyyy-mm (yyyy-13 for the closedown) in the file name");
        if (titleYear is { } fy && fy != period.Value.FiscalYearStart)
            throw new SourceFormatException(fileName,
                $"the title says the tracker is for {FiscalPeriod.FiscalYearLabel(fy)} but its period is {period.Value}", header.HeaderRow.Sheet);
        return period.Value;
    }

    /// <summary>"Q2 2018/19": the quarter's last month (Q1 = June … Q4 = March).</summary>
    private static FiscalPeriod? QuarterOf(string text) =>
        QuarterTitle().Match(text) is { Success: true } q && Cells.FiscalYear(text) is { } year
            ? new FiscalPeriod(year, 3 * int.Parse(q.Groups["q"].Value, CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"^[A-Z]{1,3}/R\.[0-9]{1,2}\.[0-9]{3}$")]
    private static partial Regex ReferenceShape();

    [GeneratedRegex(@"^\s*(?:reporting\s+)?(?:period|month|quarter)\s*[:\-]\s*(?<p>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodTitle();

    [GeneratedRegex(@"\bQ(?<q>[1-4])\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterTitle();

    [GeneratedRegex(@"(?<![0-9])(?<y>20[0-9]{2})-(?<m>0[1-9]|1[0-3])(?![0-9])")]
    private static partial Regex FileMonth();
}
