using System.Globalization;

namespace Warehouse.Jobs.Status;

/// <summary>
/// England and Wales bank holidays: the years a data file lists are taken from it (one-off and moved holidays such
/// as 8 May 2020, 3 June 2022, 19 September 2022 and 8 May 2023 are only knowable so); a year it does not list falls
/// back to the rule (New Year, Easter, early May, spring, summer, Christmas, Boxing Day, with substitute days).
/// </summary>
public sealed class BankHolidayCalendar
{
    /// <summary>The file shipped beside the binary; replace or extend it when the government announces a new year.</summary>
    public const string DefaultFileName = "bank-holidays-england-and-wales.csv";

    private readonly Dictionary<int, HashSet<DateOnly>> _listed;

    public BankHolidayCalendar(IEnumerable<DateOnly> listed) =>
        _listed = listed.GroupBy(d => d.Year).ToDictionary(g => g.Key, g => g.ToHashSet());

    /// <summary>The calendar of the default file beside the binary; the rule alone when the file is missing.</summary>
    public static BankHolidayCalendar Default { get; } = Load(Path.Combine(AppContext.BaseDirectory, DefaultFileName));

    public IReadOnlyCollection<int> ListedYears => _listed.Keys;

    /// <summary>Reads a `date,name` csv (ISO dates, header first); a missing file gives the rule for every year.</summary>
    public static BankHolidayCalendar Load(string path)
    {
        if (!File.Exists(path))
            return new BankHolidayCalendar([]);
        var days = new List<DateOnly>();
        foreach (var (line, index) in File.ReadLines(path).Select((l, i) => (l, i)).Skip(1))
        {
            var cell = line.Split(',', 2)[0].Trim();
            if (cell.Length == 0)
                continue;
            if (!DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new Warehouse.Database.Engines.WarehouseConfigurationException(
                    $"{path}, line {index + 1}: '{cell}' is not a date (yyyy-MM-dd).");
            days.Add(day);
        }
        return new BankHolidayCalendar(days);
    }

    public IReadOnlySet<DateOnly> For(int year) => _listed.TryGetValue(year, out var days) ? days : WorkingDays.RuleHolidays(year);
}

/// <summary>England and Wales working days: Monday to Friday, less bank holidays.</summary>
public static class WorkingDays
{
    /// <summary>The <paramref name="n"/>th working day of a month (1 = the first).</summary>
    public static DateOnly Nth(int year, int month, int n, BankHolidayCalendar? calendar = null)
    {
        var day = new DateOnly(year, month, 1);
        var count = 0;
        while (true)
        {
            if (IsWorkingDay(day, calendar) && ++count == n)
                return day;
            day = day.AddDays(1);
        }
    }

    public static bool IsWorkingDay(DateOnly day, BankHolidayCalendar? calendar = null) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays(day.Year, calendar).Contains(day);

    public static IReadOnlySet<DateOnly> BankHolidays(int year, BankHolidayCalendar? calendar = null) =>
        (calendar ?? BankHolidayCalendar.Default).For(year);

    /// <summary>The regular pattern only: the fallback for a year the data file does not list.</summary>
    public static IReadOnlySet<DateOnly> RuleHolidays(int year)
    {
        var easter = EasterSunday(year);
        var days = new HashSet<DateOnly>
        {
            NextWeekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2), // Good Friday
            easter.AddDays(1),  // Easter Monday
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };
        // Christmas and Boxing Day move to the next free weekdays when they fall at a weekend.
        var christmas = NextWeekday(new DateOnly(year, 12, 25));
        days.Add(christmas);
        days.Add(NextWeekday(christmas.AddDays(1)));
        return days;
    }

    private static DateOnly NextWeekday(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            day = day.AddDays(1);
        return day;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Monday)
            day = day.AddDays(1);
        return day;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        while (day.DayOfWeek != DayOfWeek.Monday)
            day = day.AddDays(-1);
        return day;
    }

    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
