using System.Globalization;
using System.Net;
using System.Text;
using Warehouse.Etl.Publish.Pack;

namespace Warehouse.Etl.Publish;

/// <summary>
/// The pack as one self-contained html file (no scripts, fonts or images from the network), laid out as the paper:
/// the front page, then each section through its Liquid template (Pack/Templates), charts as inline SVG, with print
/// CSS for A4 (page header and footer with the committee, meeting, report month, page n of m and "data as at").
/// </summary>
public static class HtmlPackWriter
{
    private static readonly string[] Palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#843c0c", "#375623", "#595959"];
    private const string NoTargetColour = "#a6a6a6";

    public static void Write(ReportPack pack, string path) => File.WriteAllText(path, Render(pack), new UTF8Encoding(false));

    public static string Render(ReportPack pack)
    {
        var context = pack.Context;
        var blocks = pack.Tables.Select(t => PackLayout.Lay(t, pack.Period, context.PreviousMonth)).ToList();
        var front = FrontPage.From(pack);
        var page = new Dictionary<string, object?>
        {
            ["committee"] = Css(context.CommitteeName),
            ["meeting"] = Css(string.Join(" · ", new[] { context.Meeting, context.ReportMonth }.Where(x => !string.IsNullOrEmpty(x)))),
            ["data_as_at"] = Css("Data as at " + DataAsAt(context)),
        };
        var frontHtml = PackTemplates.Render("front", new Dictionary<string, object?>
        {
            ["title"] = pack.Title, ["committee"] = context.CommitteeName, ["meeting"] = context.Meeting, ["report_month"] = context.ReportMonth,
            ["status"] = front.Status.Select(s => Map(("previous", s.Previous ?? "–"), ("category", s.Category), ("target", s.Target),
                ("current", s.Current ?? "–"), ("ref", s.SectionRef), ("previous_fill", Fill(s.Previous)), ("previous_ink", Ink(s.Previous)),
                ("current_fill", Fill(s.Current)), ("current_ink", Ink(s.Current)))).ToList(),
            ["narrative"] = front.Narrative.ToList(),
            ["key_figures"] = front.KeyFigures.Select(k => Map(("label", k.Label), ("value", Format(k.Value, CellStyle.Money).Text))).ToList(),
            ["rag"] = front.Rag.Select(r => Map(("label", r.Label), ("red", Whole(r.Red)), ("amber", Whole(r.Amber)), ("green", Whole(r.Green)),
                ("no_target", r.NoTarget is { } n ? Whole(n) : "–"), ("total", Whole(r.Total)))).ToList(),
            ["charts"] = pack.Charts.Select(Chart).ToList(),
            ["reconciliation"] = context.Reconciliation,
            ["notes"] = pack.Notes.ToList(),
            ["contact"] = context.Contact.ToList(),
            ["data_as_at"] = DataAsAt(context),
        });
        var sections = blocks.Select(b => PackTemplates.Render(PackTemplates.For(b.Key), Model(b))).ToList();
        return PackTemplates.Render("layout", new Dictionary<string, object?>
        {
            ["title"] = pack.Title, ["page"] = page, ["front"] = frontHtml, ["sections"] = sections,
        });
    }

    public static string DataAsAt(PackContext context) =>
        context.DataAsAt is { } t ? t.UtcDateTime.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) : "no load of this period";

    private static Dictionary<string, object?> Model(PackBlock block) => new()
    {
        ["key"] = block.Key, ["title"] = block.Title, ["note"] = block.Note,
        // The summaries follow on the page before them; appendices start a page, as in the paper.
        ["keep"] = block.Key is "summary" or "committee" or "rag" or "portfolio-rag" or "dsg" or "pooled",
        ["headers"] = block.Headers.Select((h, i) => Map(("text", h), ("numeric", IsNumeric(block.Styles[i])))).ToList(),
        ["rows"] = block.Rows.Select(r => Map(("kind", r.Kind), ("cells", r.Cells.Select(CellModel).ToList()))).ToList(),
        ["footnotes"] = block.Footnotes.ToList(),
        ["commentary"] = block.Commentary.Select(c => Map(("ref", c.Ref), ("title", c.Title), ("text", c.Text),
            ("figures", c.Figures.Select(CellModel).ToList()))).ToList(),
    };

    private static Dictionary<string, object?> CellModel(PackCell cell) =>
        Map(("text", cell.Text), ("class", cell.Rag is not null ? "rag" : cell.Numeric ? "n" : null), ("fill", Fill(cell.Rag)), ("ink", Ink(cell.Rag)));

    private static bool IsNumeric(CellStyle style) => style is not (CellStyle.Text or CellStyle.Date or CellStyle.Rag);

    private static string? Fill(string? rag) => Rags.Normalise(rag) is { } r ? Rags.Colours[r].Fill : null;
    private static string? Ink(string? rag) => Rags.Normalise(rag) is { } r ? Rags.Colours[r].Ink : null;
    private static string Whole(decimal value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    // Text for a CSS string in the @page rules, written raw (html-encoding would print "&amp;" literally in CSS):
    // quotes and backslashes escaped, and no "<" so the text cannot end the style element.
    private static string Css(string text) =>
        new string(text.Where(c => c is not ('<' or '>') && !char.IsControl(c)).ToArray()).Replace("\\", "\\\\").Replace("\"", "\\\"");

    /// <summary>The same council style as the workbook: -1,234 for £000, 0.0% for percentages.</summary>
    public static (string Text, bool Numeric) Format(object? value, CellStyle style)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null: return ("", false);
            case string s: return (s, false);
            case bool flag: return (flag ? "Yes" : "No", false);
            case DateTime d: return (d.ToString("dd/MM/yyyy", culture), false);
            case DateOnly d: return (d.ToString("dd/MM/yyyy", culture), false);
            case DateTimeOffset d: return (d.UtcDateTime.ToString("yyyy-MM-dd HH:mm", culture), false);
        }
        if (value is not (decimal or double or float or int or long or short or byte))
            return (Convert.ToString(value, culture) ?? "", false);
        var number = Convert.ToDecimal(value, culture);
        return style switch
        {
            CellStyle.Money => (Signed(Math.Round(number, 0, MidpointRounding.AwayFromZero), "#,##0"), true),
            CellStyle.Percent => (Signed(Math.Round(number * 100, 1, MidpointRounding.AwayFromZero), "0.0") + "%", true),
            CellStyle.PercentPoints => (Signed(Math.Round(number, 1, MidpointRounding.AwayFromZero), "0.0") + "%", true),
            CellStyle.Decimal2 => (Signed(Math.Round(number, 2, MidpointRounding.AwayFromZero), "#,##0.00"), true),
            CellStyle.Decimal1 => (Signed(Math.Round(number, 1, MidpointRounding.AwayFromZero), "#,##0.0"), true),
            CellStyle.Text => (number.ToString(culture), false),
            _ => (Signed(number, "#,##0"), true),
        };
    }

    // "-0" prints as 0, as the council papers mean it.
    private static string Signed(decimal value, string format) =>
        value == 0 ? 0m.ToString(format, CultureInfo.InvariantCulture) : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Chart(PackChart chart)
    {
        var b = new StringBuilder("<figure>\n");
        b.Append($"<figcaption>{E(chart.Title)}</figcaption>\n");
        if (chart.Series.Count == 0 || chart.Categories.Count == 0)
        {
            b.Append($"<p class=\"note\">{E(chart.Note ?? "No data.")}</p>\n</figure>\n");
            return b.ToString();
        }
        const double width = 580, height = 300, left = 60, right = 170, top = 16, bottom = 40;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var values = chart.Series.SelectMany(s => s.Values).Where(v => v.HasValue).Select(v => v!.Value).ToList();
        var max = Math.Max(0, values.DefaultIfEmpty(0).Max());
        var min = Math.Min(0, values.DefaultIfEmpty(0).Min());
        if (max == min)
            max = min + 1;
        var step = NiceStep((max - min) / 5);
        max = Math.Ceiling(max / step) * step;
        min = Math.Floor(min / step) * step;
        double Y(double v) => top + plotH * (max - v) / (max - min);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        b.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\" role=\"img\" aria-label=\"{E(chart.Title)}\" font-family=\"Arial\" font-size=\"11\">\n");
        for (var v = min; v <= max + step / 2; v += step)
        {
            b.Append($"<line x1=\"{F(left)}\" x2=\"{F(left + plotW)}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\" stroke=\"{(Math.Abs(v) < step / 2 ? "#333" : "#ddd")}\"/>\n");
            b.Append($"<text x=\"{F(left - 6)}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{E(v.ToString("#,##0", CultureInfo.InvariantCulture))}</text>\n");
        }
        var n = chart.Categories.Count;
        var slot = plotW / n;
        for (var i = 0; i < n; i++)
            b.Append($"<text x=\"{F(left + slot * (i + 0.5))}\" y=\"{F(top + plotH + 16)}\" text-anchor=\"middle\"{(n > 12 ? " font-size=\"9\"" : "")}>{E(chart.Categories[i])}</text>\n");
        b.Append($"<text x=\"12\" y=\"{F(top + plotH / 2)}\" transform=\"rotate(-90 12 {F(top + plotH / 2)})\" text-anchor=\"middle\">{E(chart.ValueLabel)}</text>\n");

        for (var s = 0; s < chart.Series.Count; s++)
        {
            var (name, series) = chart.Series[s];
            if (chart.Kind == ChartKind.Bar)
            {
                for (var i = 0; i < n; i++)
                {
                    if (series[i] is not { } v)
                        continue;
                    var colour = Rags.Normalise(chart.Categories[i]) is { } rag ? Rags.Colours[rag].Fill
                        : chart.Categories[i].Equals("No target", StringComparison.OrdinalIgnoreCase) ? NoTargetColour : Palette[i % Palette.Length];
                    var y = Math.Min(Y(v), Y(0));
                    b.Append($"<rect x=\"{F(left + slot * i + slot * 0.2)}\" y=\"{F(y)}\" width=\"{F(slot * 0.6)}\" height=\"{F(Math.Abs(Y(v) - Y(0)))}\" fill=\"{colour}\"><title>{E(chart.Categories[i])}: {F(v)}</title></rect>\n");
                    b.Append($"<text x=\"{F(left + slot * (i + 0.5))}\" y=\"{F(y - 4)}\" text-anchor=\"middle\" font-weight=\"bold\">{F(v)}</text>\n");
                }
                continue;
            }
            var colourLine = Palette[s % Palette.Length];
            var points = Enumerable.Range(0, n).Where(i => series[i].HasValue)
                .Select(i => $"{F(left + slot * (i + 0.5))},{F(Y(series[i]!.Value))}").ToList();
            if (points.Count > 1)
                b.Append($"<polyline fill=\"none\" stroke=\"{colourLine}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>\n");
            foreach (var i in Enumerable.Range(0, n).Where(i => series[i].HasValue))
                b.Append($"<circle cx=\"{F(left + slot * (i + 0.5))}\" cy=\"{F(Y(series[i]!.Value))}\" r=\"3\" fill=\"{colourLine}\"><title>{E(name)} {E(chart.Categories[i])}: {F(series[i]!.Value)}</title></circle>\n");
            var legendY = top + 10 + s * 16;
            b.Append($"<rect x=\"{F(width - right + 10)}\" y=\"{F(legendY - 8)}\" width=\"10\" height=\"10\" fill=\"{colourLine}\"/>\n");
            b.Append($"<text x=\"{F(width - right + 24)}\" y=\"{F(legendY + 1)}\">{E(name.Length > 24 ? name[..23] + "…" : name)}</text>\n");
        }
        b.Append("</svg>\n</figure>\n");
        return b.ToString();
    }

    private static double NiceStep(double raw)
    {
        if (raw <= 0)
            return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
