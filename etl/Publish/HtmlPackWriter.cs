using System.Globalization;
using System.Net;
using System.Text;

namespace Warehouse.Etl.Publish;

/// <summary>
/// The pack as one self-contained html file (no scripts, fonts or images from the network): the charts as inline
/// SVG, then the same tables as the workbook, numbers in the council style.
/// </summary>
public static class HtmlPackWriter
{
    private static readonly string[] Palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#843c0c", "#375623", "#595959"];
    private const string NoTargetColour = "#a6a6a6";

    public static void Write(ReportPack pack, string path) => File.WriteAllText(path, Render(pack), new UTF8Encoding(false));

    public static string Render(ReportPack pack)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        b.Append($"<title>{E(pack.Title)}</title>\n");
        b.Append("""
            <style>
            body { font-family: Arial, Helvetica, sans-serif; margin: 24px; color: #222; }
            h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 2px solid #1f4e79; }
            p.sub { color: #555; margin-top: 0; } p.note { color: #555; font-style: italic; font-size: 13px; }
            .charts { display: flex; flex-wrap: wrap; gap: 24px; }
            figure { margin: 0; border: 1px solid #ddd; padding: 8px; } figcaption { font-weight: bold; font-size: 14px; }
            table { border-collapse: collapse; font-size: 12px; margin-top: 6px; }
            th { background: #d9e1f2; text-align: left; padding: 4px 6px; border-bottom: 1px solid #808080; position: sticky; top: 0; }
            td { padding: 3px 6px; border-bottom: 1px solid #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
            tr:nth-child(even) td { background: #f7f9fc; }
            td.rag { font-weight: bold; }
            </style>
            </head>
            <body>

            """);
        b.Append($"<h1>{E(pack.Title)}</h1>\n");
        b.Append($"<p class=\"sub\">{E(pack.Period.FiscalYear)} period {pack.Period.Period} · committee: {E(pack.Committee)} · amounts in £000 unless stated</p>\n");
        b.Append("<div class=\"charts\">\n");
        foreach (var chart in pack.Charts)
            b.Append(Chart(chart));
        b.Append("</div>\n");
        foreach (var note in pack.Notes)
            b.Append($"<p class=\"note\">{E(note)}</p>\n");
        foreach (var table in pack.Tables)
        {
            b.Append($"<h2>{E(table.Title)}</h2>\n");
            b.Append($"<p class=\"note\">From {E(table.View)}{(table.Note is null ? "" : ". " + E(table.Note))}</p>\n");
            b.Append("<table>\n<thead><tr>");
            foreach (var column in table.Columns)
                b.Append($"<th>{E(column.Header)}</th>");
            b.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in table.Rows)
            {
                b.Append("<tr>");
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var (text, numeric) = Format(row[i], table.Columns[i].Style);
                    if (table.Columns[i].Style == CellStyle.Rag && RagFills.Word(text) is { } rag)
                        b.Append($"<td class=\"rag\" style=\"background:#{RagFills.Colours[rag].Fill};color:#{RagFills.Colours[rag].Text}\">{E(text)}</td>");
                    else
                        b.Append(numeric ? $"<td class=\"n\">{E(text)}</td>" : $"<td>{E(text)}</td>");
                }
                b.Append("</tr>\n");
            }
            if (table.Rows.Count == 0)
                b.Append($"<tr><td colspan=\"{Math.Max(1, table.Columns.Count)}\">No rows for this period.</td></tr>\n");
            b.Append("</tbody>\n</table>\n");
        }
        b.Append("</body>\n</html>\n");
        return b.ToString();
    }

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
                    var colour = RagFills.Word(chart.Categories[i]) is { } rag ? "#" + RagFills.Colours[rag].Fill
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
