using System.Globalization;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Sources.Indicators;

/// <summary>One version of a catalogue indicator, as dw holds it.</summary>
public sealed record IndicatorVersion(int IndicatorKey, string IndicatorId, string IndicatorName, string? Outcome, string ResponsibleDirectorate,
    string Unit, Polarity Polarity, string Frequency, TargetType TargetType, DateTime ValidFrom, DateTime ValidTo);

/// <summary>One indicator row of a return, parsed, with the derived RAG and direction beside the published ones.</summary>
public sealed record ReturnRow(int SourceRow, int PeriodKey, IndicatorVersion Indicator, int SortOrder, string? Outcome, string MeasureName,
    string? Directorate, DataPeriod? DataPeriod, decimal? Previous, decimal? Target, decimal? TargetUpper, bool TargetProRata,
    decimal? TargetApplied, decimal? Actual, decimal? Numerator, decimal? Denominator, string? PreviousText, string? TargetText,
    string? ActualText, string? DirectionText, string? DirectionPublished, string? DirectionDerived, string? RagText, string? RagPublished,
    string RagDerived, string? StatNeighboursText, decimal? StatNeighbours, string? EnglandText, decimal? England, string? Comment)
{
    public bool RagDiffers => RagPublished is not null && RagPublished != RagDerived;
}

/// <summary>
/// Reads an indicator return (docs/formats/indicators.md §2): title rows with "Reporting month: Mar-18", a header,
/// then outcome rows (`Outcome` | name) and indicator rows matched to the catalogue on their id. Every bad cell is
/// reported with its place; rows are only produced when the whole row is good.
/// </summary>
public static partial class IndicatorReturnReader
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("id", true, "Indicator ID", "indicator_id", "id", "pi id", "pi"),
        new("measure", true, "Measure", "indicator", "indicator name", "name"),
        new("directorate", false, "Responsible Directorate(s)", "responsible directorate", "directorate"),
        new("previous", true, "Previous period", "previous", "previous value", "last period"),
        new("target", true, "Target"),
        new("actual", true, "Actual", "current", "latest"),
        new("date", false, "Date of latest data", "data period", "period of data", "date"),
        new("direction", false, "Direction of travel", "direction of travel (up is good, down is bad)", "dot", "direction"),
        new("rag", true, "RAG Status", "rag", "rag rating", "status"),
        new("stat_neighbours", false, "Stat Neighbours", "statistical neighbours", "stat neighbour", "statistical neighbour average"),
        new("england", false, "England", "england average", "national"),
        new("comment", false, "Comments", "comment", "commentary"),
        new("numerator", false, "Numerator"),
        new("denominator", false, "Denominator"),
    ];

    /// <summary>The reporting month: "Reporting month: Mar-18" in the title rows, else yyyy-mm in the file name.</summary>
    public static FiscalPeriod ReportingPeriod(IReadOnlyList<SheetRow> preamble, string fileName)
    {
        foreach (var row in preamble)
            foreach (var text in row.Cells.Select((_, i) => row.Text(i)).OfType<string>())
            {
                var match = ReportingMonthTitle().Match(text);
                if (match.Success && Cells.Period(match.Groups["p"].Value.Trim()) is { } period)
                    return period;
            }
        var name = FileMonth().Match(fileName);
        if (name.Success)
        {
            var fromName = FiscalPeriod.FromDate(new DateTime(int.Parse(name.Groups["y"].Value, CultureInfo.InvariantCulture),
                int.Parse(name.Groups["m"].Value, CultureInfo.InvariantCulture), 1));
            if (!Cells.InCalendar(fromName))
                throw new SourceFormatException(fileName,
                    $"the file name's month {name.Value} is outside the warehouse calendar ({Cells.CalendarRange})");
            return fromName;
        }
        throw new SourceFormatException(fileName,
            "the reporting month is not stated: put 'Reporting month: Mar-18' in a title row or yyyy-mm in the file name");
    }

    [GeneratedRegex(@"^\s*reporting (?:month|period)\s*[:\-]?\s*(?<p>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReportingMonthTitle();

    [GeneratedRegex(@"(?<![0-9])(?<y>20[0-9]{2})-(?<m>0[1-9]|1[0-2])(?![0-9])")]
    private static partial Regex FileMonth();

    public static List<ReturnRow> Read(string path, RowErrors errors, IReadOnlyDictionary<string, List<IndicatorVersion>> catalogue,
        out FiscalPeriod period, IProgress<long>? rowsRead = null)
    {
        using var rows = WorkbookReader.ReadRows(path).GetEnumerator();
        var header = HeaderLocator.Locate(rows, Columns, errors.File);
        period = ReportingPeriod(header.Preamble, errors.File);
        var reportingEnd = period.PeriodEnd;
        var result = new List<ReturnRow>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        string? outcome = null;
        var sortOrder = 0;
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.IsBlank)
                continue;
            string? Text(string key) => header.Has(key) ? row.Text(header[key]) : null;
            var id = Text("id")?.ToUpperInvariant();
            if (id is "OUTCOME")
            {
                // Outcome rows head each block (and repeat after page breaks).
                outcome = Text("measure") is { } name ? Cells.CleanText(name) : null;
                continue;
            }
            rowsRead?.Report(row.RowNumber);
            var before = errors.Count;
            if (id is null)
            {
                errors.Reject(row, header.HeaderText("id"), null, "is empty; each indicator row needs its catalogue id (or 'Outcome' for an outcome row)");
                continue;
            }
            if (!catalogue.TryGetValue(id, out var versions))
            {
                errors.Reject(row, header.HeaderText("id"), id, "is not an indicator of the catalogue (load the catalogue with it first)");
                continue;
            }
            if (firstRowOf.TryGetValue(id, out var first))
            {
                errors.Reject(row, header.HeaderText("id"), id, $"appears more than once in this return for {period.Label} (first at row {first})");
                continue;
            }
            firstRowOf[id] = row.RowNumber;
            sortOrder++;
            // The definition in effect at the reporting month; a set published ahead of its year uses its first definition.
            var end = reportingEnd.ToDateTime(TimeOnly.MinValue);
            var indicator = versions.FirstOrDefault(v => v.ValidFrom <= end && v.ValidTo >= end) ?? versions.MinBy(v => v.ValidFrom)!;

            IndicatorFigure Figure(string key, bool allowBand = false)
            {
                if (!header.Has(key))
                    return IndicatorFigure.Missing;
                var figure = IndicatorCells.Figure(row[header[key]], out var error, allowBand);
                if (figure is null)
                    errors.Reject(row, header.HeaderText(key), Text(key), error!);
                return figure ?? IndicatorFigure.Missing;
            }
            var previous = Figure("previous");
            var target = Figure("target", allowBand: indicator.Polarity == Polarity.TargetBand);
            var actual = Figure("actual");
            var numerator = Figure("numerator");
            var denominator = Figure("denominator");
            var statNeighbours = IndicatorCells.Figure(header.Has("stat_neighbours") ? row[header["stat_neighbours"]] : null, out _) ?? IndicatorFigure.Missing;
            var england = IndicatorCells.Figure(header.Has("england") ? row[header["england"]] : null, out _) ?? IndicatorFigure.Missing;

            // Percentages are stored in percentage points. `45%` and `45` are points; a row written wholly as
            // fractions (0.45, as Excel holds a cell formatted %) is scaled by 100; a fraction beside points is ambiguous.
            var scale = 1m;
            if (indicator.Unit == "percent")
            {
                var figures = new[] { ("previous", previous), ("target", target), ("actual", actual) };
                var small = figures.Where(f => f.Item2.IsBare && f.Item2.Value != 0m && Math.Abs(f.Item2.Value!.Value) <= 1m).ToList();
                var points = figures.Any(f => f.Item2.HadPercentSign || f.Item2.IsBare && Math.Abs(f.Item2.Value!.Value) > 1m);
                if (small.Count > 0 && points)
                    foreach (var (key, figure) in small)
                        errors.Reject(row, header.HeaderText(key), figure.Text,
                            string.Create(CultureInfo.InvariantCulture, $"is ambiguous for a percentage: {figure.Text} could be {figure.Value * 100m:0.####}% or {figure.Value:0.####}% beside figures of this row in percentage points; write it with a % sign"));
                else if (small.Count > 0)
                    scale = 100m;
            }
            decimal? Scaled(IndicatorFigure f) => f.Value is { } v && f.IsBare ? v * scale : f.Value;
            decimal? ScaledUpper(IndicatorFigure f) => f.Upper is { } v && f.IsBare ? v * scale : f.Upper;
            decimal? Benchmark(IndicatorFigure f) => f.Value is { } v && f.IsBare && scale != 1m && Math.Abs(v) <= 1m ? v * scale : f.Value;

            var ragText = Text("rag");
            var ragPublished = IndicatorCells.RagWord(ragText, out var ragError);
            if (ragError is not null)
                errors.Reject(row, header.HeaderText("rag"), ragText, ragError);
            var arrowText = Text("direction");
            var arrow = IndicatorCells.Arrow(arrowText, out var arrowError);
            if (arrowError is not null)
                errors.Reject(row, header.HeaderText("direction"), arrowText, arrowError);
            var dataPeriod = DataPeriod.Parse(Text("date"), reportingEnd, indicator.Frequency);
            if (dataPeriod is not null && dataPeriod.Label.Length > 60)
                errors.Reject(row, header.HeaderText("date"), dataPeriod.Label, "is longer than 60 characters");
            foreach (var (key, figure) in new[] { ("previous", previous), ("target", target), ("actual", actual) })
                if (figure.Text is { Length: > 60 })
                    errors.Reject(row, header.HeaderText(key), figure.Text, "is longer than 60 characters");
            var measure = Text("measure") is { } printed ? Cells.CleanText(printed) : indicator.IndicatorName;
            if (measure.Length > 400)
                errors.Reject(row, header.HeaderText("measure"), measure, "is longer than 400 characters");
            if (errors.Count != before)
                continue;

            var targetValue = Scaled(target);
            var targetUpper = ScaledUpper(target);
            var actualValue = Scaled(actual);
            var previousValue = Scaled(previous);
            var derived = IndicatorRules.Derive(indicator.Polarity, indicator.TargetType, targetValue, targetUpper, actualValue,
                target.IsProRata, dataPeriod?.FiscalMonth ?? period.Period);
            var direction = IndicatorRules.Direction(indicator.Polarity, previousValue, actualValue, derived.AppliedTarget, derived.AppliedUpper);
            result.Add(new ReturnRow(row.RowNumber, period.Key, indicator, sortOrder, outcome ?? indicator.Outcome, measure,
                Text("directorate") is { } directorate ? Cells.CleanText(directorate) : indicator.ResponsibleDirectorate,
                dataPeriod, previousValue, targetValue, targetUpper, target.IsProRata, derived.AppliedTarget, actualValue,
                numerator.Value, denominator.Value, previous.Text, target.Text, actual.Text, Truncate(arrowText, 20), arrow,
                direction, Truncate(ragText, 40), ragPublished, derived.Rag, Truncate(statNeighbours.Text, 80), Benchmark(statNeighbours),
                Truncate(england.Text, 80), Benchmark(england), IndicatorCells.StripHtml(Text("comment"))));
        }
        return result;
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
