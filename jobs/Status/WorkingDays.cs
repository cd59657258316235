namespace Warehouse.Jobs.Status;

/// <summary>England and Wales working days: Monday to Friday, less bank holidays (with substitute days).</summary>
public static class WorkingDays
{
    /// <summary>The <paramref name="n"/>th working day of a month (1 = the first).</summary>
    public static DateOnly Nth(int year, int month, int n)
    {
        var day = new DateOnly(year, month, 1);
        var count = 0;
        while (true)
        {
            if (IsWorkingDay(day) && ++count == n)
                return day;
            day = day.AddDays(1);
        }
    }

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays(day.Year).Contains(day);

    public static IReadOnlySet<DateOnly> BankHolidays(int year)
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
