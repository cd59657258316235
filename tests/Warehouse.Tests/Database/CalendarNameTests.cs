using System.Globalization;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Database;

/// <summary>
/// The calendar's month names as the reference data stores them. The rows are generated once in C#
/// (CalendarReference, names spelled out) and rendered for each engine, so both engines store the same names
/// whatever the login's language, and a database seeded under another language is corrected by the next migrate.
/// </summary>
public abstract class CalendarNameTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly IReadOnlyDictionary<int, string> SpelledMonths =
        Enumerable.Range(1, 12).ToDictionary(m => m, m => CalendarReference.MonthNames[m - 1]);

    private static string Label(int month, int year) => $"{SpelledMonths[month][..3]}-{year % 100:00}";

    [SkippableFact]
    public async Task DateDimension_StoresTheSpelledOutMonthNames()
    {
        await using var connection = await Provider.OpenAsync();
        var months = (await connection.QueryAsync<(short calendar_year, short calendar_month, string month_name, string month_label)>(
            "SELECT DISTINCT calendar_year, calendar_month, month_name, month_label FROM dw.dim_date")).ToList();

        Assert.Equal(16 * 12, months.Count); // one spelling per month
        Assert.All(months, m => Assert.Equal((SpelledMonths[m.calendar_month], Label(m.calendar_month, m.calendar_year)), (m.month_name, m.month_label)));
        Assert.Equal("May-18", months.Single(m => (m.calendar_year, m.calendar_month) == (2018, 5)).month_label);
    }

    [SkippableFact]
    public async Task PeriodDimension_LabelsMonthsWithTheirThreeLetterNames()
    {
        await using var connection = await Provider.OpenAsync();
        var periods = (await connection.QueryAsync<(DateTime period_start, string period_label)>(
            "SELECT period_start, period_label FROM dw.dim_period WHERE period <> 13")).ToList();

        Assert.Equal(16 * 12, periods.Count);
        Assert.All(periods, p => Assert.Equal(Label(p.period_start.Month, p.period_start.Year), p.period_label));
        Assert.Equal(
            CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames.Take(12),
            periods.Where(p => p.period_start >= new DateTime(2018, 4, 1) && p.period_start < new DateTime(2019, 4, 1))
                .OrderBy(p => p.period_start.Month).Select(p => p.period_label[..3]));
    }

    [SkippableFact]
    public async Task ReferenceData_CorrectsMonthNames_StoredUnderAnotherLanguage()
    {
        // As an earlier script left them under a German login (and one only in letter case).
        await Provider.ExecuteAsync("UPDATE dw.dim_period SET period_label = 'Mai-18' WHERE period_key = 201802");
        await Provider.ExecuteAsync("UPDATE dw.dim_period SET period_label = 'JUN-18' WHERE period_key = 201803");
        await Provider.ExecuteAsync("UPDATE dw.dim_date SET month_name = 'Mai', month_label = 'Mai-18' WHERE calendar_year = 2018 AND calendar_month = 5");

        new Migrator(Provider.Engine).ApplyReferenceData();

        Assert.Equal("May-18", await Provider.ScalarAsync<string>("SELECT period_label FROM dw.dim_period WHERE period_key = 201802"));
        Assert.Equal("Jun-18", await Provider.ScalarAsync<string>("SELECT period_label FROM dw.dim_period WHERE period_key = 201803"));
        Assert.Equal(0, await Provider.ScalarAsync<int>(
            "SELECT COUNT(*) FROM dw.dim_date WHERE calendar_year = 2018 AND calendar_month = 5 AND (month_name <> 'May' OR month_label <> 'May-18')"));
        Assert.Equal(31, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_date WHERE calendar_year = 2018 AND calendar_month = 5"));
    }
}

public sealed class PostgresCalendarNameTests : CalendarNameTests<PostgresProvider>;

public sealed class SqlServerCalendarNameTests : CalendarNameTests<SqlServerProvider>;
