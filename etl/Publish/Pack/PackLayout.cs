using System.Globalization;

namespace Warehouse.Etl.Publish.Pack;

/// <summary>One printed cell: the text as the paper prints it, and the value and style the workbook stores.</summary>
public sealed record PackCell(string Text, object? Value, CellStyle Style, bool Numeric)
{
    /// <summary>The RAG colour the cell is filled with (Red, Amber, Green, Blue, Black), or null.</summary>
    public string? Rag => Style == CellStyle.Rag ? Rags.Normalise(Text) : null;
}

/// <summary>A printed row: heading (a directorate), subheading (a service group), line, total (a total row of the
/// paper, in bold) or grand (the last total, ruled off).</summary>
public sealed record PackRow(string Kind, IReadOnlyList<PackCell> Cells);

/// <summary>One Appendix 2 entry: the numbered line or group with its figures, and the commentary text.</summary>
public sealed record PackCommentary(string Ref, string Title, IReadOnlyList<PackCell> Figures, string? Text);

/// <summary>A section as printed: the paper's headers, its rows in printed order with headings and totals, and footnotes.</summary>
public sealed record PackBlock(string Key, string Title, string? Note, IReadOnlyList<string> Headers, IReadOnlyList<CellStyle> Styles,
    IReadOnlyList<PackRow> Rows, IReadOnlyList<string> Footnotes, IReadOnlyList<PackCommentary> Commentary, string View)
{
    public bool IsEmpty => Rows.Count == 0 && Commentary.Count == 0;
}

/// <summary>
/// Lays a pack table out as the paper prints it. Sections with a shape of their own (the summaries, Appendix 1 and 2,
/// the indicators) get their headings, totals and computed percentages here; any other section keeps its view's
/// columns and rows, so a section added to <see cref="ReportPackBuilder.Sections"/> prints without code here.
/// </summary>
public static class PackLayout
{
    private static readonly HashSet<string> LineKinds = new(["line", "directorate", "expenditure"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Header placeholders: {budget_year} "2018/19", {month} "May 2018", {previous} "Apr", {variance} the
    /// variance's name ("Forecast Outturn Variance", or "Outturn Variance" at closedown).</summary>
    public static string Header(string template, FiscalPeriod period, string previous) => template
        .Replace("{budget_year}", period.FiscalYear, StringComparison.Ordinal)
        .Replace("{month}", period.IsClosedown ? "Close (P13)" : PackContext.ReportMonthLabel(period), StringComparison.Ordinal)
        .Replace("{previous}", previous, StringComparison.Ordinal)
        .Replace("{variance}", period.IsClosedown ? "Outturn Variance" : "Forecast Outturn Variance", StringComparison.Ordinal);

    public static PackBlock Lay(PackTable table, FiscalPeriod period, string previous)
    {
        var section = table.Section;
        var hidden = new HashSet<string>(section?.Hidden ?? [], StringComparer.OrdinalIgnoreCase) { "line_type" };
        if (table.Key is "indicators")
            hidden.UnionWith(["unit"]);
        var shown = table.Columns.Select((c, i) => (Column: c, Index: i)).Where(c => !hidden.Contains(c.Column.Source)).ToList();
        var headers = shown.Select(c => section?.Headers?.GetValueOrDefault(c.Column.Source) is { } h
            ? Header(h, period, previous) : c.Column.Header).ToList();
        var styles = shown.Select(c => c.Column.Style).ToList();
        var footnotes = new List<string>();
        // The paper's shapes need the view's figures; a table without them prints as it comes.
        var shaped = table.Index("budget_k") >= 0 && table.Index("forecast_variance_k") >= 0;
        var rows = table.Key switch
        {
            "appendix1" when shaped => Appendix1(table, shown, footnotes),
            "summary" or "committee" when shaped => Summary(table, shown, footnotes),
            "appendix2" when shaped => [],
            "indicators" => Indicators(table, shown),
            _ => table.Rows.Select(r => new PackRow(Kind(table, r), shown.Select(c => Cell(r[c.Index], c.Column.Style)).ToList())).ToList(),
        };
        var commentary = shaped && table.Key == "appendix2" ? Appendix2(table, shown) : [];
        return new PackBlock(table.Key, table.Title, table.Note, headers, styles, rows, footnotes, commentary, table.View);
    }

    private static string Kind(PackTable table, object?[] row)
    {
        var typeIndex = table.Index("row_type") >= 0 ? table.Index("row_type") : table.Index("line_type");
        if (typeIndex < 0 || row[typeIndex] is not string type || LineKinds.Contains(type))
            return "line";
        return type is "net_total" or "total" ? "grand" : "total";
    }

    public static PackCell Cell(object? value, CellStyle style)
    {
        var (text, numeric) = HtmlPackWriter.Format(value, style);
        return new PackCell(text, value, style, numeric);
    }

    private static decimal? Number(object? value) => value is null or string ? null : Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    /// <summary>Variance as a percentage of budget to one decimal, from the printed £000 figures: lines divide by
    /// |budget|, total rows by budget (so Grant Funding −809 / −81,550 is +1.0%, as printed).</summary>
    public static decimal? Percent(decimal? variance, decimal? budget, bool isLine) =>
        variance is { } v && budget is { } b && b != 0 ? Math.Round(100m * v / (isLine ? Math.Abs(b) : b), 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>Each row's cells, with the % column computed from the row's printed variance and budget.</summary>
    private static List<PackCell> Figures(PackTable table, IReadOnlyList<(PackColumn Column, int Index)> shown, object?[] row, bool isLine)
    {
        var budget = Number(row[table.Index("budget_k")]);
        var variance = Number(row[table.Index("forecast_variance_k")]);
        return shown.Select(c => c.Column.Source == "forecast_variance_pct"
            ? Cell(Percent(variance, budget, isLine), CellStyle.PercentPoints)
            : Cell(row[c.Index], c.Column.Style)).ToList();
    }

    private static List<PackRow> Summary(PackTable table, IReadOnlyList<(PackColumn Column, int Index)> shown, List<string> footnotes)
    {
        var rows = table.Rows.Select(r => new PackRow(Kind(table, r), Figures(table, shown, r, isLine: false))).ToList();
        // The paper's totals are rounded from pounds: say so where the printed rows do not add to the printed total.
        var type = table.Index("line_type");
        if (type < 0)
            return rows;
        var committeeIndex = table.Index("committee");
        foreach (var group in table.Rows.GroupBy(r => committeeIndex >= 0 ? r[committeeIndex] as string : null))
        {
            var byType = group.GroupBy(r => r[type] as string ?? "").ToDictionary(g => g.Key, g => g.ToList());
            if (table.Key == "committee" && byType.ContainsKey("total") && !byType.ContainsKey("grant_funding"))
                footnotes.Add($"No grant funding is assigned to {group.Key ?? "the committee"} in the organisation reference, so its Total is its Total Expenditure; the paper's committee Total is net of the committee's grants.");
            foreach (var (column, label) in new[] { ("budget_k", "budget"), ("actual_k", "actual"), ("forecast_variance_k", "variance"),
                         ("previous_forecast_variance_k", "previous variance") })
            {
                var index = table.Index(column);
                if (index < 0)
                    continue;
                decimal Sum(string t) => byType.GetValueOrDefault(t)?.Sum(r => Number(r[index]) ?? 0m) ?? 0m;
                if (!byType.ContainsKey("total_expenditure"))
                    continue;
                var expenditure = Sum("total_expenditure");
                if (Sum("directorate") != expenditure)
                    footnotes.Add(Invariant($"Total Expenditure {label} {expenditure:#,##0} is rounded from pounds; the directorate rows as printed sum to {Sum("directorate"):#,##0}."));
                if (byType.ContainsKey("total") && byType.ContainsKey("grant_funding") && expenditure + Sum("grant_funding") != Sum("total"))
                    footnotes.Add(Invariant($"Total {label} {Sum("total"):#,##0} is rounded from pounds; Total Expenditure {expenditure:#,##0} plus Grant Funding {Sum("grant_funding"):#,##0} as printed gives {expenditure + Sum("grant_funding"):#,##0}."));
            }
        }
        return rows;
    }

    /// <summary>Appendix 1: a heading per directorate and service group, the lines, and the paper's total rows.</summary>
    private static List<PackRow> Appendix1(PackTable table, IReadOnlyList<(PackColumn Column, int Index)> shown, List<string> footnotes)
    {
        var rows = new List<PackRow>();
        int directorateIndex = table.Index("directorate"), groupIndex = table.Index("service_group"), typeIndex = table.Index("row_type"),
            lineIndex = table.Index("line"), budgetIndex = table.Index("budget_k"), actualIndex = table.Index("actual_k");
        string? directorate = null, group = null;
        var lineSums = new Dictionary<string, (decimal Budget, decimal Actual)>();
        PackRow Heading(string kind, string text) =>
            new(kind, shown.Select(c => c.Column.Source == "line" ? new PackCell(text, text, CellStyle.Text, false) : new PackCell("", null, c.Column.Style, false)).ToList());
        foreach (var row in table.Rows)
        {
            var type = row[typeIndex] as string ?? "line";
            var rowDirectorate = row[directorateIndex] as string;
            if (type == "line")
            {
                if (rowDirectorate != directorate)
                {
                    directorate = rowDirectorate;
                    group = null;
                    rows.Add(Heading("heading", DirectorateHeading(directorate ?? "")));
                }
                var rowGroup = groupIndex >= 0 ? row[groupIndex] as string : null;
                if (rowGroup != group && rowGroup is not null)
                    rows.Add(Heading("subheading", rowGroup));
                group = rowGroup;
                var sums = lineSums.GetValueOrDefault(directorate ?? "");
                lineSums[directorate ?? ""] = (sums.Budget + (Number(row[budgetIndex]) ?? 0), sums.Actual + (Number(row[actualIndex]) ?? 0));
                rows.Add(new PackRow("line", Figures(table, shown, row, isLine: true)));
                continue;
            }
            var cells = Figures(table, shown, row, isLine: false);
            if (type == "directorate_total")
            {
                var label = DirectorateHeading(row[lineIndex] as string ?? "") + " Total";
                cells = cells.Select((c, i) => shown[i].Column.Source == "line" ? new PackCell(label, label, CellStyle.Text, false) : c).ToList();
                var sums = lineSums.GetValueOrDefault(row[lineIndex] as string ?? "");
                var (budget, actual) = (Number(row[budgetIndex]) ?? 0, Number(row[actualIndex]) ?? 0);
                if (sums.Budget != budget || sums.Actual != actual)
                    footnotes.Add(Invariant($"{label}: {budget:#,##0} / {actual:#,##0} are rounded from the ledger's pounds; the lines as printed sum to {sums.Budget:#,##0} / {sums.Actual:#,##0}."));
            }
            rows.Add(new PackRow(type == "net_total" ? "grand" : "total", cells));
        }
        return rows;
    }

    // The papers print "Commissioning Directorate", but "Executive Director" and "Grant Funding" without the word.
    private static string DirectorateHeading(string directorate) =>
        directorate is "Executive Director" or "Grant Funding" || directorate.EndsWith("Directorate", StringComparison.Ordinal) ? directorate : directorate + " Directorate";

    /// <summary>Appendix 2: each commentary number with its line (or group) figures and the commentary text whole.</summary>
    private static List<PackCommentary> Appendix2(PackTable table, IReadOnlyList<(PackColumn Column, int Index)> shown)
    {
        int refIndex = table.Index("commentary_ref"), titleIndex = table.Index("line"), textIndex = table.Index("commentary");
        return table.Rows.Select(r => new PackCommentary(r[refIndex]?.ToString() ?? "", r[titleIndex] as string ?? "",
            Figures(table, shown, r, isLine: true), textIndex >= 0 ? r[textIndex] as string : null)).ToList();
    }

    /// <summary>Indicator values in their units as printed (37.1%, 35.5 per 10,000, 1,234), RAG as a colour.</summary>
    private static List<PackRow> Indicators(PackTable table, IReadOnlyList<(PackColumn Column, int Index)> shown)
    {
        var unitIndex = table.Index("unit");
        return table.Rows.Select(r =>
        {
            var unit = unitIndex >= 0 ? r[unitIndex] as string : null;
            return new PackRow("line", shown.Select(c => c.Column.Source is "previous" or "target" or "actual"
                ? IndicatorValue(r[c.Index], unit)
                : Cell(r[c.Index], c.Column.Style)).ToList());
        }).ToList();
    }

    public static PackCell IndicatorValue(object? value, string? unit)
    {
        if (Number(value) is not { } number)
            return Cell(value, CellStyle.Text);
        return unit switch
        {
            // Stored as the fraction so the workbook holds a real percentage; printed 37.1%.
            "percent" => Cell(number / 100m, CellStyle.Percent),
            "count" or "number" => Cell(number, CellStyle.Whole),
            "rate_per_10000" or "rate_per_100000" or "ratio" or "score" or "days" or "weeks" => Cell(number, CellStyle.Decimal1),
            _ => Cell(number, CellStyle.Decimal1),
        };
    }

    public static string UnitLabel(string? unit) => unit switch
    {
        "percent" => "%",
        "rate_per_10000" => "per 10,000",
        "rate_per_100000" => "per 100,000",
        "count" or "number" => "number",
        _ => unit ?? "",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
