using System.Globalization;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Sources.Payments;

/// <summary>
/// A quarter of the UK financial year, written `2018-Q1`: the financial year that starts in April 2018, and its
/// first quarter (April–June 2018); Q4 is January–March of the next calendar year. Transparency files are
/// published by the financial quarter, so this is the quarter the warehouse stores and restates by.
/// </summary>
public readonly partial record struct FiscalQuarter
{
    public FiscalQuarter(int fiscalYearStart, int quarter)
    {
        if (fiscalYearStart is < 1990 or > 2099)
            throw new ArgumentOutOfRangeException(nameof(fiscalYearStart), fiscalYearStart, "Financial year out of range.");
        if (quarter is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "Quarter must be 1 to 4.");
        FiscalYearStart = fiscalYearStart;
        Quarter = quarter;
    }

    public int FiscalYearStart { get; }
    public int Quarter { get; }

    public DateOnly FirstDay => new DateOnly(FiscalYearStart, 4, 1).AddMonths(3 * (Quarter - 1));
    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);
    public string Label => $"{FiscalYearStart}-Q{Quarter}";

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public static FiscalQuarter Of(DateOnly date)
    {
        var start = date.Month >= 4 ? date.Year : date.Year - 1;
        var monthOfYear = (date.Month + 8) % 12; // April 0 … March 11
        return new FiscalQuarter(start, monthOfYear / 3 + 1);
    }

    /// <summary>`2018-Q1` (also `2018 Q1`, `2018/19 Q1`); a <see cref="FormatException"/> says what is expected.</summary>
    public static FiscalQuarter Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            throw new FormatException($"'{text}' is not a financial quarter: write 2018-Q1 for April to June 2018 (Q4 is January to March 2019).");
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1990 or > 2099)
            throw new FormatException($"'{text}': the financial year {year} is out of range.");
        return new FiscalQuarter(year, match.Groups["q"].Value[0] - '0');
    }

    public override string ToString() => Label;

    [GeneratedRegex(@"^(?<year>\d{4})(/\d{2})?[-\s]?[Qq](?<q>[1-4])$")]
    private static partial Regex Pattern();
}
