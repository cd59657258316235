using System.Globalization;

namespace Warehouse.Database.Migrations;

/// <summary>
/// The calendar's reference rows, generated here rather than by each engine's SQL, so both engines get the
/// same rows by construction: financial years 2015/16 to 2030/31 (April to March), periods 1–12 and 13
/// (closedown, 1–31 March), and every day from 1 April 2015 to 31 March 2031 pointing at its monthly period.
/// Month names are spelled out, never taken from a culture or a database's language setting (a German login
/// once stored <c>Mai-18</c>).
/// </summary>
public static class CalendarReference
{
    public const int FirstFiscalYear = 2015;
    public const int LastFiscalYear = 2030;

    public static readonly IReadOnlyList<string> MonthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    public static IReadOnlyList<ReferenceTable> Tables() => [Periods(), Dates()];

    public static ReferenceTable Periods()
    {
        var rows = new List<IReadOnlyList<string?>>();
        for (var fy = FirstFiscalYear; fy <= LastFiscalYear; fy++)
            for (var p = 1; p <= 13; p++)
            {
                var monthStart = new DateOnly(fy, 4, 1).AddMonths(Math.Min(p, 12) - 1);
                var closedown = p == 13;
                var start = closedown ? new DateOnly(fy + 1, 3, 1) : monthStart;
                var end = closedown ? new DateOnly(fy + 1, 3, 31) : monthStart.AddMonths(1).AddDays(-1);
                rows.Add([
                    Int(fy * 100 + p), FiscalYear(fy), Int(fy), Int(p),
                    closedown ? "Closedown " + FiscalYear(fy) : MonthLabel(monthStart),
                    Date(start), Date(end), closedown ? "true" : "false",
                ]);
            }
        return new ReferenceTable("0004_calendar_periods", "dw.dim_period", ["period_key"], ReferenceMode.Upsert, null,
        [
            new("period_key", ReferenceType.Int), new("fiscal_year", ReferenceType.Text), new("fiscal_year_start", ReferenceType.Int),
            new("period", ReferenceType.Int), new("period_label", ReferenceType.Text), new("period_start", ReferenceType.Date),
            new("period_end", ReferenceType.Date), new("is_closedown", ReferenceType.Bool),
        ], rows);
    }

    public static ReferenceTable Dates()
    {
        var rows = new List<IReadOnlyList<string?>>();
        var last = new DateOnly(LastFiscalYear + 1, 3, 31);
        for (var d = new DateOnly(FirstFiscalYear, 4, 1); d <= last; d = d.AddDays(1))
        {
            var fy = d.Month >= 4 ? d.Year : d.Year - 1;
            var fp = (d.Month + 8) % 12 + 1;
            rows.Add([
                Int(d.Year * 10000 + d.Month * 100 + d.Day), Date(d), Int(d.Year), Int(d.Month),
                MonthNames[d.Month - 1], MonthLabel(d), Int(d.Day), FiscalYear(fy), Int(fy), Int(fp), Int((fp - 1) / 3 + 1),
                d.AddDays(1).Month != d.Month ? "true" : "false", Int(fy * 100 + fp),
            ]);
        }
        return new ReferenceTable("0005_calendar_dates", "dw.dim_date", ["date_key"], ReferenceMode.Upsert, null,
        [
            new("date_key", ReferenceType.Int), new("calendar_date", ReferenceType.Date), new("calendar_year", ReferenceType.Int),
            new("calendar_month", ReferenceType.Int), new("month_name", ReferenceType.Text), new("month_label", ReferenceType.Text),
            new("day_of_month", ReferenceType.Int), new("fiscal_year", ReferenceType.Text), new("fiscal_year_start", ReferenceType.Int),
            new("fiscal_period", ReferenceType.Int), new("fiscal_quarter", ReferenceType.Int), new("is_month_end", ReferenceType.Bool),
            new("period_key", ReferenceType.Int),
        ], rows);
    }

    /// <summary><c>May-18</c>: the month's first three letters and the two-digit year.</summary>
    public static string MonthLabel(DateOnly day) => $"{MonthNames[day.Month - 1][..3]}-{(day.Year % 100).ToString("00", CultureInfo.InvariantCulture)}";

    private static string FiscalYear(int fy) => $"{Int(fy)}/{((fy + 1) % 100).ToString("00", CultureInfo.InvariantCulture)}";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
