using System.Globalization;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Sources.Indicators;

/// <summary>
/// The period of the latest data of an indicator row ("Date of latest data"), as printed and as resolved:
/// its kind (month, quarter, term, academic_year, financial_year, year, other) and its last day when known.
/// </summary>
public sealed partial record DataPeriod(string Label, string Kind, DateOnly? End)
{
    /// <summary>The financial-year month number (April = 1) of the data, when the data is monthly; else null.</summary>
    public int? FiscalMonth => Kind == "month" && End is { } end ? (end.Month + 8) % 12 + 1 : null;

    /// <summary>
    /// Resolves the printed text against the reporting month. Forms without a year (`Mar`, `Q3`, `Summer Term`)
    /// are the latest such period ending on or before the reporting month's end. `2016/17` is an academic year
    /// (ending 31 August) for academic and termly measures, otherwise a financial year (ending 31 March).
    /// Text that is none of these is kept as printed with kind "other".
    /// </summary>
    public static DataPeriod? Parse(string? text, DateOnly reportingEnd, string frequency)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var label = string.Join(' ', text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var t = label.TrimEnd('*').Trim().ToLowerInvariant();

        var month = MonthPattern().Match(t);
        if (month.Success)
        {
            var m = DateTime.ParseExact(month.Groups["m"].Value[..3], "MMM", CultureInfo.InvariantCulture).Month;
            int year;
            if (month.Groups["y"].Success)
                year = ToYear(month.Groups["y"].Value);
            else
                year = m <= reportingEnd.Month ? reportingEnd.Year : reportingEnd.Year - 1;
            return new DataPeriod(label, "month", new DateOnly(year, m, 1).AddMonths(1).AddDays(-1));
        }

        var quarter = QuarterPattern().Match(t);
        if (quarter.Success)
        {
            var q = int.Parse(quarter.Groups["q"].Value, CultureInfo.InvariantCulture);
            // Financial quarters: Q1 Apr-Jun ... Q4 Jan-Mar. The end month of quarter q in fiscal year starting y.
            var endMonth = q == 4 ? 3 : 3 * q + 3;
            DateOnly End(int fiscalStart) => new DateOnly(q == 4 ? fiscalStart + 1 : fiscalStart, endMonth, 1).AddMonths(1).AddDays(-1);
            if (quarter.Groups["y"].Success)
            {
                // `Q1 (Apr to Jun 16)`: the year printed is the calendar year of the quarter's months.
                var calendarYear = ToYear(quarter.Groups["y"].Value);
                return new DataPeriod(label, "quarter", End(q == 4 ? calendarYear - 1 : calendarYear));
            }
            var start = reportingEnd.Month >= 4 ? reportingEnd.Year : reportingEnd.Year - 1;
            var end = End(start);
            if (end > reportingEnd)
                end = End(start - 1);
            return new DataPeriod(label, "quarter", end);
        }

        var term = TermPattern().Match(t);
        if (term.Success)
        {
            var endMonth = term.Groups["t"].Value switch { "autumn" => 12, "spring" => 3, _ => 7 };
            int year;
            if (term.Groups["y"].Success)
                year = ToYear(term.Groups["y"].Value);
            else
                year = endMonth <= reportingEnd.Month ? reportingEnd.Year : reportingEnd.Year - 1;
            return new DataPeriod(label, "term", new DateOnly(year, endMonth, 1).AddMonths(1).AddDays(-1));
        }

        if (TwoYearPattern().IsMatch(t) && Cells.FiscalYear(t) is { } firstYear)
        {
            var academic = frequency is "academic_year" or "termly";
            return academic
                ? new DataPeriod(label, "academic_year", new DateOnly(firstYear + 1, 8, 31))
                : new DataPeriod(label, "financial_year", new DateOnly(firstYear + 1, 3, 31));
        }

        if (YearPattern().Match(t) is { Success: true } y)
            return new DataPeriod(label, "year", new DateOnly(int.Parse(y.Value, CultureInfo.InvariantCulture), 12, 31));

        return new DataPeriod(label, "other", null);
    }

    private static int ToYear(string digits)
    {
        var y = int.Parse(digits, CultureInfo.InvariantCulture);
        return y < 100 ? 2000 + y : y;
    }

    [GeneratedRegex(@"^(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:[\s'-]*(?<y>20[0-9]{2}|[0-9]{2}))?$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^q(?<q>[1-4])\b(?:.*?(?<y>20[0-9]{2}|[0-9]{2})\)?\s*$)?")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^(?<t>autumn|spring|summer)\s+term(?:\s+(?<y>20[0-9]{2}))?$")]
    private static partial Regex TermPattern();

    [GeneratedRegex(@"^20[0-9]{2}\s*[/-]\s*(20)?[0-9]{2}$")]
    private static partial Regex TwoYearPattern();

    [GeneratedRegex(@"^20[0-9]{2}$")]
    private static partial Regex YearPattern();
}
