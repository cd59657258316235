using System.Globalization;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Core.Reading;

/// <summary>A value parsed from a cell, or the reason it could not be.</summary>
public readonly record struct Parsed<T>(T? Value, string? Error) where T : struct
{
    public bool Ok => Error is null;
    public static Parsed<T> Missing => new(null, null);
    public static Parsed<T> Of(T value) => new(value, null);
    public static Parsed<T> Fail(string reason) => new(null, reason);
}

/// <summary>
/// What a format forbids in its figures beyond what every figure must be. The reader of a format that states
/// its number layout chooses it; the default (<see cref="Lenient"/>) takes what councils type.
/// </summary>
/// <param name="Format">The format's name as a rejection says it ("the GL extract format").</param>
public sealed record NumberRules(string Format)
{
    public static NumberRules Lenient { get; } = new("");

    /// <summary>False: a comma in a figure is refused even as an English thousands separator (`1,234.56`).</summary>
    public bool ThousandsSeparators { get; init; } = true;

    /// <summary>The most decimal places a cell may hold in its own unit (pounds, or £000); null for any.</summary>
    public int? MaxDecimals { get; init; }

    /// <summary>What the decimal places mean, for the rejection ("pounds and pence").</summary>
    public string? DecimalsMeaning { get; init; }

    /// <summary>What a figure looks like in the format, for the rejection ("1234.56").</summary>
    public string Example { get; init; } = "1234.56";
}

/// <summary>
/// Turns what people type in council workbooks into numbers, names and periods. Every parser says why
/// it refused a value, so the row error can tell the person what to fix.
/// </summary>
public static partial class Cells
{
    private static readonly string[] FormulaErrors = ["#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"];

    /// <summary>
    /// The largest magnitude any figure may have (a trillion): far above any council's budget, well inside what
    /// the warehouse's numeric(19,2) and numeric(19,4) columns hold, so a typo such as `1E+308` or a 20-digit
    /// amount is refused at its cell instead of overflowing in the database.
    /// </summary>
    public const decimal MaxMagnitude = 1_000_000_000_000m;

    public const string TooLargeReason = "is too large: no figure in a return may exceed 1,000,000,000,000 (a typing slip?)";

    /// <summary>True when the text is one of Excel's formula errors (`#VALUE!`, `#REF!`…), which is never a value.</summary>
    public static bool IsFormulaError(string text) => FormulaErrors.Any(e => text.Trim().Equals(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Money in pounds. Accepts numbers, `£1,234`, `(1,234)` and `-£52k` negatives, `k`/`m` markers, and
    /// `£k`, `-`, `-0` meaning zero. <paramref name="inThousands"/> is what the header says (£000).
    /// </summary>
    public static Parsed<decimal> Money(object? cell, bool inThousands) => Money(cell, inThousands, NumberRules.Lenient);

    /// <summary>
    /// Money as <see cref="Money(object?, bool)"/>, refusing what <paramref name="rules"/> forbid: a separator, or
    /// more decimals than the format gives (checked as typed, before any £000 scaling), which would otherwise be
    /// rounded away silently.
    /// </summary>
    public static Parsed<decimal> Money(object? cell, bool inThousands, NumberRules rules)
    {
        var number = Number(cell, allowMarkers: true, out var multiplier, out var error, rules.ThousandsSeparators ? null : rules);
        if (error is not null)
            return Parsed<decimal>.Fail(error);
        if (number is null)
            return Parsed<decimal>.Missing;
        if (rules.MaxDecimals is { } places && decimal.Round(number.Value, places) != number.Value)
            return Parsed<decimal>.Fail($"has more than {places} decimal places; {rules.Format} gives {rules.DecimalsMeaning ?? $"{places} at most"} (e.g. {rules.Example})");
        var scale = multiplier ?? (inThousands ? 1000m : 1m);
        if (Math.Abs(number.Value) > MaxMagnitude / scale)
            return Parsed<decimal>.Fail(TooLargeReason);
        return Parsed<decimal>.Of(decimal.Round(number.Value * scale, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// <see cref="Money(object?, bool, NumberRules)"/> of the text of a csv cell, for the commonest case only: a plain
    /// figure (an optional minus, digits, at most two decimals) that the rules accept as it is. True with the same
    /// value (and scale) as <see cref="Money(object?, bool, NumberRules)"/> gives; false for anything else (empty, a
    /// separator, a marker, too many decimals, too large, not a number), which the caller reads the general way, so
    /// every refusal is still worded there.
    /// </summary>
    public static bool TryPlainMoney(ReadOnlySpan<char> text, bool inThousands, NumberRules rules, out decimal value)
    {
        value = 0m;
        text = text.Trim();
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var negative = i == 1;
        var integral = i;
        ulong mantissa = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            mantissa = mantissa * 10 + (ulong)(text[i++] - '0');
        var digits = i - integral;
        if (digits == 0)
            return false;
        var places = 0;
        if (i < text.Length)
        {
            if (text[i++] != '.')
                return false;
            var fraction = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                mantissa = mantissa * 10 + (ulong)(text[i++] - '0');
            places = i - fraction;
            if (places == 0 || i < text.Length)
                return false;
        }
        // Eighteen digits cannot overflow the mantissa; within two places no rule's rounding can change the figure.
        if (digits + places > 18 || places > Math.Min(2, rules.MaxDecimals ?? 2))
            return false;
        // Money's magnitude check in whole numbers: |mantissa / 10^places| > MaxMagnitude / scale, without a division.
        var tenToPlaces = places switch { 0 => 1UL, 1 => 10UL, _ => 100UL };
        if (mantissa > (inThousands ? PlainMaxThousands : PlainMaxPounds) * tenToPlaces)
            return false;
        // A zero, however written (`-0.00`), is the plain 0 the general parse gives; a figure in £000 is the figure
        // times 1000 at the same scale, as decimal multiplication gives it.
        if (mantissa == 0)
            return true;
        if (inThousands)
            mantissa *= 1000;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)places);
        return true;
    }

    private const ulong PlainMaxPounds = (ulong)MaxMagnitude, PlainMaxThousands = PlainMaxPounds / 1000;

    /// <summary>A plain number (counts, unit costs, rates); `-` and blank are missing.</summary>
    public static Parsed<decimal> Decimal(object? cell)
    {
        if (cell is string s && IsDash(s))
            return Parsed<decimal>.Missing;
        var number = Number(cell, allowMarkers: false, out _, out var error);
        return error is not null ? Parsed<decimal>.Fail(error) : number is null ? Parsed<decimal>.Missing : Parsed<decimal>.Of(number.Value);
    }

    public static Parsed<int> WholeNumber(object? cell)
    {
        var parsed = Decimal(cell);
        if (!parsed.Ok || parsed.Value is null)
            return new Parsed<int>(null, parsed.Error);
        return parsed.Value.Value == decimal.Truncate(parsed.Value.Value) && Math.Abs(parsed.Value.Value) < int.MaxValue
            ? Parsed<int>.Of((int)parsed.Value.Value)
            : Parsed<int>.Fail("is not a whole number");
    }

    // noSeparators: the rules of a format that forbids thousands separators (null when they are allowed).
    private static decimal? Number(object? cell, bool allowMarkers, out decimal? multiplier, out string? error, NumberRules? noSeparators = null)
    {
        multiplier = null;
        error = null;
        switch (cell)
        {
            case null:
                return null;
            case MergedCell merged:
                error = merged.Reason;
                return null;
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                error = "is not a finite number";
                return null;
            case double d when Math.Abs(d) > (double)MaxMagnitude:
                error = TooLargeReason;
                return null;
            case double d:
                // Excel stores doubles; 15 significant digits is what Excel itself shows.
                return decimal.Round(Convert.ToDecimal(d), 10);
            case decimal m when Math.Abs(m) > MaxMagnitude:
                error = TooLargeReason;
                return null;
            case decimal m:
                return m;
            case int or long when Math.Abs(Convert.ToDecimal(cell, CultureInfo.InvariantCulture)) > MaxMagnitude:
                error = TooLargeReason;
                return null;
            case int i:
                return i;
            case long l:
                return l;
            case DateTime:
                error = "is a date where a number is expected";
                return null;
            case bool:
                error = "is TRUE/FALSE where a number is expected";
                return null;
        }

        var text = Convert.ToString(cell, CultureInfo.InvariantCulture)!.Trim();
        if (text.Length == 0)
            return null;
        // Most cells of a big extract are plain (`1234.56`, `-52.1`): parse those without the clean-up below.
        if (IsPlainNumber(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain))
        {
            if (Math.Abs(plain) > MaxMagnitude)
            {
                error = TooLargeReason;
                return null;
            }
            return plain == 0m ? 0m : plain;
        }
        if (FormulaErrors.Any(e => text.Equals(e, StringComparison.OrdinalIgnoreCase)))
        {
            error = $"holds the formula error {text}; fix the formula in the workbook";
            return null;
        }
        var t = text.Replace('\u2212', '-').Replace('\u2013', '-').Replace('\u2014', '-')
            .Replace("\u00a0", "").Replace(" ", "");
        if (t.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '(' or ')' or '-' or '£' or 'k' or 'K' or 'm' or 'M') && !ThousandsSeparatorsAreEnglish(t))
        {
            error = "has a comma that is not a thousands separator (a decimal comma such as 1.234,56?); write 1234.56";
            return null;
        }
        if (noSeparators is not null && t.Contains(','))
        {
            error = $"has a thousands separator; {noSeparators.Format} writes figures without one (e.g. {noSeparators.Example})";
            return null;
        }
        t = t.Replace(",", "");
        var negative = false;
        if (t.StartsWith('(') && t.EndsWith(')'))
        {
            negative = true;
            t = t[1..^1];
        }
        if (t.StartsWith('-'))
        {
            negative = !negative;
            t = t[1..];
        }
        t = t.Replace("£", "");
        if (t.StartsWith('-'))
        {
            negative = !negative;
            t = t[1..];
        }
        if (allowMarkers && t.Length > 0 && (t[^1] is 'k' or 'K' or 'm' or 'M'))
        {
            multiplier = t[^1] is 'k' or 'K' ? 1000m : 1_000_000m;
            t = t[..^1];
        }
        if (t.Length == 0 || t == "-" || t == "0")
            return t.Length == 0 && !allowMarkers ? null : 0m; // `£k`, `-`, `-0` are how zero is printed
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            error = t.Contains('%') ? "is a percentage where an amount is expected"
                : t.Length > 28 && t.All(c => char.IsAsciiDigit(c) || c == '.') ? TooLargeReason : "is not a number";
            return null;
        }
        if (value > MaxMagnitude)
        {
            error = TooLargeReason;
            return null;
        }
        return negative ? -value : value;
    }

    /// <summary>
    /// Commas are read as thousands separators only in the English pattern (`1,234,567.89`: groups of three
    /// digits before any decimal point). Anything else (`1.234,56`, `12,5`, `1,23`) is a decimal comma or a slip,
    /// and dropping the comma would load a figure a thousand times too small or large: it is refused.
    /// </summary>
    public static bool ThousandsSeparatorsAreEnglish(string text)
    {
        var comma = text.IndexOf(',');
        if (comma < 0)
            return true;
        var point = text.IndexOf('.');
        if (point >= 0 && point < text.LastIndexOf(','))
            return false;
        var integral = point >= 0 ? text[..point] : text;
        var groups = integral.Split(',');
        var first = groups[0].TrimStart('(', '-', '£');
        if (first.Length is 0 or > 3 || !first.All(char.IsAsciiDigit))
            return false;
        for (var i = 1; i < groups.Length; i++)
        {
            var group = i == groups.Length - 1 ? groups[i].TrimEnd(')', 'k', 'K', 'm', 'M') : groups[i];
            if (group.Length != 3 || !group.All(char.IsAsciiDigit))
                return false;
        }
        return true;
    }

    // An optional leading minus, digits, at most one decimal point with digits on both sides: nothing to clean.
    private static bool IsPlainNumber(string text)
    {
        var i = text[0] == '-' ? 1 : 0;
        var digitsBefore = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digitsBefore++; }
        if (digitsBefore == 0)
            return false;
        if (i == text.Length)
            return true;
        if (text[i] != '.')
            return false;
        i++;
        var digitsAfter = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digitsAfter++; }
        return digitsAfter > 0 && i == text.Length;
    }

    public static bool IsDash(string text) => text.Trim() is "-" or "–" or "—";

    /// <summary>
    /// Splits a commentary or footnote marker glued to a name: `² Adoption Allowances`,
    /// `4 Looked After Children Placements`, `1) Looked After…`. Names that begin with a number
    /// (`0-19 Organisation & Planning`, `16+`) are left alone.
    /// </summary>
    public static (string Name, string? Footnote) SplitFootnote(string text)
    {
        var t = CleanText(text);
        var match = LeadingMarker().Match(t);
        if (match.Success)
            return (match.Groups["name"].Value.Trim(), FromSuperscript(match.Groups["marker"].Value));
        var trailing = TrailingMarker().Match(t);
        if (trailing.Success)
            return (trailing.Groups["name"].Value.Trim(), FromSuperscript(trailing.Groups["marker"].Value));
        return (t, null);
    }

    [GeneratedRegex(@"^(?<marker>[0-9]{1,2}\)?|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})\s*\)?\s+(?<name>[A-Za-z£].*)$|^(?<marker>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})(?<name>[A-Za-z].*)$")]
    private static partial Regex LeadingMarker();

    [GeneratedRegex(@"^(?<name>.*[A-Za-z\)])\s*(?<marker>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})$")]
    private static partial Regex TrailingMarker();

    private static string FromSuperscript(string marker) => new(marker.TrimEnd(')').Select(c => c switch
    {
        '¹' => '1', '²' => '2', '³' => '3', '⁴' => '4', '⁵' => '5', '⁶' => '6', '⁷' => '7', '⁸' => '8', '⁹' => '9', '⁰' => '0',
        _ => c,
    }).ToArray());

    /// <summary>Straight quotes, single spaces, no stray whitespace: the form names are stored in.</summary>
    public static string CleanText(string text) =>
        string.Join(' ', text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u00a0', ' ')
            .Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A matching key for names typed slightly differently: case, dashes and punctuation ignored.</summary>
    public static string NameKey(string text)
    {
        var chars = CleanText(text).ToLowerInvariant().Replace("&", " and ")
            .Select(c => char.IsLetterOrDigit(c) || c == '+' ? c : ' ').ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A financial year: `2018/19`, `2018-19`, `18/19`, `2018/2019`.</summary>
    public static int? FiscalYear(string text)
    {
        var match = FiscalYearPattern().Match(text);
        if (!match.Success)
            return null;
        var first = int.Parse(match.Groups["a"].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(match.Groups["b"].Value, CultureInfo.InvariantCulture);
        if (first < 100)
            first += 2000;
        return (second % 100) == (first + 1) % 100 ? first : null;
    }

    [GeneratedRegex(@"(?<![0-9])(?<a>20[0-9]{2}|[0-9]{2})\s*[/-]\s*(?<b>20[0-9]{2}|[0-9]{2})(?![0-9])")]
    private static partial Regex FiscalYearPattern();

    /// <summary>
    /// A reporting period: a date or Excel serial, `May-18`, `May 2018`, `2018-05`, `Period 2 2018/19`,
    /// `P13 2018/19`, `Closedown 2018/19` / `Closedown-19` / `Outturn 2018/19` (period 13).
    /// </summary>
    public static FiscalPeriod? Period(object? cell)
    {
        // A year the warehouse calendar does not hold (`May-45`, a date typed 1918) is not a period the warehouse
        // can load: refused at its cell, never left to fail on the database's calendar key.
        try
        {
            return ParsePeriod(cell) is { } period && InCalendar(period) ? period : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The financial years dw.dim_period holds (2015/16 to 2030/31).</summary>
    public static bool InCalendar(FiscalPeriod period) =>
        period.FiscalYearStart is >= Warehouse.Database.Migrations.CalendarReference.FirstFiscalYear
            and <= Warehouse.Database.Migrations.CalendarReference.LastFiscalYear;

    public static string CalendarRange =>
        $"{FiscalPeriod.FiscalYearLabel(Warehouse.Database.Migrations.CalendarReference.FirstFiscalYear)} to " +
        FiscalPeriod.FiscalYearLabel(Warehouse.Database.Migrations.CalendarReference.LastFiscalYear);

    private static FiscalPeriod? ParsePeriod(object? cell)
    {
        switch (cell)
        {
            case null:
                return null;
            case DateTime date:
                return FiscalPeriod.FromDate(date);
            case double serial when serial is > 20000 and < 80000:
                return FiscalPeriod.FromDate(DateTime.FromOADate(serial));
        }
        var text = CleanText(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "");
        if (text.Length == 0)
            return null;

        var closedown = ClosedownPattern().Match(text);
        if (closedown.Success)
        {
            var fy = FiscalYear(text);
            if (fy is not null)
                return new FiscalPeriod(fy.Value, 13);
            var yearEnd = closedown.Groups["yy"].Value;
            if (yearEnd.Length > 0)
            {
                var end = int.Parse(yearEnd, CultureInfo.InvariantCulture);
                return new FiscalPeriod((end < 100 ? 2000 + end : end) - 1, 13);
            }
            return null;
        }

        var numbered = NumberedPeriodPattern().Match(text);
        if (numbered.Success && FiscalYear(text) is { } year)
        {
            var p = int.Parse(numbered.Groups["p"].Value, CultureInfo.InvariantCulture);
            return p is >= 1 and <= 13 ? new FiscalPeriod(year, p) : null;
        }

        var month = MonthPattern().Match(text);
        if (month.Success)
        {
            var monthNumber = DateTime.ParseExact(month.Groups["m"].Value[..3], "MMM", CultureInfo.InvariantCulture).Month;
            var y = int.Parse(month.Groups["y"].Value, CultureInfo.InvariantCulture);
            return FiscalPeriod.FromDate(new DateTime(y < 100 ? 2000 + y : y, monthNumber, 1));
        }

        var iso = IsoMonthPattern().Match(text);
        if (iso.Success)
            return FiscalPeriod.FromDate(new DateTime(int.Parse(iso.Groups["y"].Value, CultureInfo.InvariantCulture),
                int.Parse(iso.Groups["m"].Value, CultureInfo.InvariantCulture), 1));

        if (DateTime.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return FiscalPeriod.FromDate(parsed);
        return null;
    }

    [GeneratedRegex(@"\b(closedown|close down|outturn|year[- ]end)\b(?:\s*[- ]?\s*(?<yy>[0-9]{2,4})\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex ClosedownPattern();

    [GeneratedRegex(@"\b(?:period|p)\s*(?<p>[0-9]{1,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberedPeriodPattern();

    [GeneratedRegex(@"\b(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s'-]*(?<y>20[0-9]{2}|[0-9]{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(?<y>20[0-9]{2})-(?<m>0[1-9]|1[0-2])$")]
    private static partial Regex IsoMonthPattern();
}
