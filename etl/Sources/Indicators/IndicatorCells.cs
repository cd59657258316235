using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Sources.Indicators;

/// <summary>A figure of an indicator return as printed, and what it says once the decorations are removed.</summary>
public sealed record IndicatorFigure(string? Text, decimal? Value, bool HadPercentSign, bool IsProRata, decimal? Upper = null)
{
    public static readonly IndicatorFigure Missing = new(null, null, false, false);
    public bool IsBare => Value is not null && !HadPercentSign;
}

/// <summary>The normalised RAG of a return row: Green, Amber, Red, No target, or null (not rated).</summary>
public static class Rag
{
    public const string Green = "Green", Amber = "Amber", Red = "Red", NoTarget = "No target", NoData = "No data";
}

/// <summary>
/// Reads the cells of indicator and portfolio returns as the council prints them: figures with `%`,
/// `(Pro-rata)`, bracketed years and `Provisional`; the missing forms (blank, `n/a`, `-`, "New measure in
/// development"); RAG words in the 2017, 2018 and 2019 schemes; and the direction-of-travel arrows,
/// including the OCR forms of the seeds. Each parser returns null plus a reason when it refuses a value.
/// </summary>
public static partial class IndicatorCells
{
    /// <summary>True for the ways a return says "no value": blank, n/a (and its truncations), dashes, "in development".</summary>
    public static bool IsMissing(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var t = text.Trim().ToLowerInvariant();
        return t is "-" or "–" or "—" or "n/a" or "na" or "n.a." or "not available" or "tbc"
               || t.StartsWith("n/", StringComparison.Ordinal)
               || t.Contains("in development", StringComparison.Ordinal)
               || t.Contains("not available", StringComparison.Ordinal)
               || t.Contains("not released", StringComparison.Ordinal);
    }

    /// <summary>
    /// A previous, target or actual figure: a number, or text such as `76.2%`, `282.0 (Pro-rata)`, `19.9% (2016)`,
    /// `9.0% (2015-16) Provisional`, `40.0%%`, `1,758`, or a band `45%-55%`. Missing forms give <see cref="IndicatorFigure.Missing"/>.
    /// </summary>
    public static IndicatorFigure? Figure(object? cell, out string? error, bool allowBand = false)
    {
        error = null;
        switch (cell)
        {
            case null:
                return IndicatorFigure.Missing;
            case MergedCell merged:
                error = merged.Reason;
                return null;
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                error = "is not a finite number";
                return null;
            case double d when Math.Abs(d) > (double)Cells.MaxMagnitude:
                error = Cells.TooLargeReason;
                return null;
            case double d:
                var value = decimal.Round(Convert.ToDecimal(d), 10);
                return new IndicatorFigure(value.ToString(CultureInfo.InvariantCulture), value, false, false);
            case DateTime:
                error = "is a date where a figure is expected";
                return null;
            case bool:
                error = "is TRUE/FALSE where a figure is expected";
                return null;
        }
        var text = Convert.ToString(cell, CultureInfo.InvariantCulture)!.Trim();
        if (IsMissing(text))
            return text.Length == 0 ? IndicatorFigure.Missing : IndicatorFigure.Missing with { Text = text };
        var t = text;
        var proRata = ProRataPattern().IsMatch(t);
        t = ProRataPattern().Replace(t, " ");
        t = BracketPattern().Replace(t, " ");                    // (2016), (2014-15), (2018 academic year)
        t = ProvisionalPattern().Replace(t, " ");
        t = t.Replace("\u00a0", " ").Replace(",", "").Replace('\u2212', '-').Replace('\u2013', '-').Trim().TrimEnd('*').Trim();
        var percent = t.Contains('%');
        t = t.Replace("%", "").Trim();

        var band = BandPattern().Match(t);
        if (band.Success)
        {
            if (!allowBand)
            {
                error = "is a range where a single figure is expected";
                return null;
            }
            if (!decimal.TryParse(band.Groups["a"].Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var low)
                || !decimal.TryParse(band.Groups["b"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var high)
                || Math.Abs(low) > Cells.MaxMagnitude || high > Cells.MaxMagnitude)
            {
                error = Cells.TooLargeReason;
                return null;
            }
            if (low > high)
            {
                error = "is a range whose lower end is above its upper end";
                return null;
            }
            return new IndicatorFigure(text, low, percent, proRata, high);
        }
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            error = t.Length > 28 && t.TrimStart('-').All(c => char.IsAsciiDigit(c) || c == '.') ? Cells.TooLargeReason
                : "is not a figure (a number such as 45, 45% or 0.45, or blank, n/a or - when there is none)";
            return null;
        }
        if (Math.Abs(number) > Cells.MaxMagnitude)
        {
            error = Cells.TooLargeReason;
            return null;
        }
        return new IndicatorFigure(text, number, percent, proRata);
    }

    [GeneratedRegex(@"\(\s*pro[\s-]*rata\s*\)|\bpro[\s-]*rata\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProRataPattern();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex BracketPattern();

    [GeneratedRegex(@"\bprovisional\b|\bprov\.?(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ProvisionalPattern();

    [GeneratedRegex(@"^(?<a>-?[0-9]+(?:\.[0-9]+)?)\s*%?\s*(?:-|to)\s*(?<b>[0-9]+(?:\.[0-9]+)?)\s*%?$", RegexOptions.IgnoreCase)]
    private static partial Regex BandPattern();

    /// <summary>
    /// The published RAG: `G`/`A`/`R` (2017, with the Cyrillic and Greek capital A of the OCR folded to A),
    /// `On Target`, `Within 10%`, `Off Target`, `On Target (Green)`…, `Green`/`Amber`/`Red`, `No target`,
    /// and `Improving` (counted Green, as the 2018 front page does). Blank is "not rated" (null, no error).
    /// </summary>
    public static string? RagWord(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = string.Join(' ', text.Trim().Replace('\u0410', 'A').Replace('\u0391', 'A').Replace('\u0430', 'a').Replace('\u03b1', 'a')
            .ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var bracket = BracketWord().Match(t);
        string? outer = bracket.Success ? Single(bracket.Groups["outer"].Value) : Single(t);
        string? inner = bracket.Success ? Single(bracket.Groups["inner"].Value) : outer;
        if (outer is not null && inner is not null && outer == inner)
            return outer;
        error = outer is not null && inner is not null
            ? "says two different RAG statuses"
            : "is not a RAG status (G, A, R, Green, Amber, Red, On Target, Within 10%, Off Target, Improving or No target)";
        return null;

        static string? Single(string w) => w.Trim() switch
        {
            "g" or "green" or "on target" or "on-target" or "met" or "improving" => Rag.Green,
            "a" or "amber" or "within 10%" or "within 10 %" or "within target range" => Rag.Amber,
            "r" or "red" or "off target" or "off-target" or "not met" => Rag.Red,
            "no target" or "no-target" or "not rated" => Rag.NoTarget,
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?<outer>[^()]+)\((?<inner>[^()]+)\)$")]
    private static partial Regex BracketWord();

    /// <summary>A portfolio RAG: GREEN, AMBER or RED (any case, HTML stripped), or the single letters.</summary>
    public static string? PortfolioRag(string? text, out string? error)
    {
        error = null;
        var word = RagWord(StripHtml(text), out var ragError);
        if (word is Rag.Green or Rag.Amber or Rag.Red)
            return word;
        error = ragError is not null || word is not null || string.IsNullOrWhiteSpace(text)
            ? "is not a programme RAG (GREEN, AMBER or RED)"
            : null;
        return null;
    }

    public const string Up = "↑", Down = "↓", Same = "→", Unknown = "?";

    /// <summary>
    /// The published direction of travel, normalised to ↑ (better), ↓ (worse), → (unchanged) or ? (an arrow the
    /// OCR lost: `•`, `*`). Accepts ↑ ↓ → ↔ ➡ ⬆ ⬇, `^`, the LaTeX forms `\uparrow` `\downarrow` `\rightarrow`
    /// `\leftrightarrow` and the words up/down/same/unchanged. Blank is null with no error.
    /// </summary>
    public static string? Arrow(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim().Trim('$').Trim().Replace("{", "").Replace("}", "").ToLowerInvariant();
        switch (t)
        {
            case "↑" or "⬆" or "🡑" or "^" or "\\uparrow" or "up" or "improving" or "improved":
                return Up;
            case "↓" or "⬇" or "🡓" or "\\downarrow" or "down" or "worsening" or "worse":
                return Down;
            case "→" or "↔" or "➡" or "⇔" or "\\rightarrow" or "\\leftrightarrow" or "same" or "unchanged" or "no change" or "=":
                return Same;
            case "•" or "*" or "·":
                return Unknown;
            default:
                error = "is not a direction of travel (↑, ↓, →, ↔, ➡, ^, \\uparrow, \\downarrow, or • / * for an arrow lost in print)";
                return null;
        }
    }

    /// <summary>Comments and descriptions: HTML tags removed, entities decoded, whitespace collapsed.</summary>
    public static string? StripHtml(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = WebUtility.HtmlDecode(HtmlTag().Replace(text, " "));
        var collapsed = string.Join(' ', t.Split((char[])[' ', '\t', '\r', '\n', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed;
    }

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();
}
