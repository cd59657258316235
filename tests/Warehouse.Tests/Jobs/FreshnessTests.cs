using System.Net.Sockets;
using Warehouse.Etl.Core;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;
using Warehouse.Jobs.Status;

namespace Warehouse.Tests.Jobs;

/// <summary>Freshness against the UK working-day calendar, and which failures count as transient.</summary>
public sealed class FreshnessTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    [InlineData(2026, 12, 1, "2026-12-01")]   // Tuesday 1 December
    [InlineData(2026, 12, 20, "2026-12-30")]  // Christmas Day and Boxing Day (Saturday → Monday 28th) are not working days
    [InlineData(2027, 1, 1, "2027-01-04")]    // New Year's Day is a Friday; then the weekend
    [InlineData(2027, 3, 20, "2027-03-30")]   // Good Friday 26 March, Easter Monday 29 March 2027
    [InlineData(2026, 5, 1, "2026-05-01")]
    [InlineData(2026, 5, 3, "2026-05-06")]    // Early May bank holiday, Monday 4 May
    [InlineData(2026, 8, 21, "2026-09-01")]   // Summer bank holiday, Monday 31 August (August has only 20)
    public void WorkingDays_CountsWeekdays_LessEnglandAndWalesBankHolidays(int year, int month, int n, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), WorkingDays.Nth(year, month, n));
    }

    [Fact]
    public void Freshness_FlagsASourceLate_OnlyAfterTheNextPeriodsWorkingDayPasses()
    {
        // Holding Oct-26, Nov-26 is due by working day 5 of December 2026: Monday 7 December.
        var october = new FiscalPeriod(2026, 7);
        var due = StatusReader.Assess(5, 1, october, true, new DateTime(2026, 12, 7, 16, 0, 0, DateTimeKind.Utc), London);
        var late = StatusReader.Assess(5, 1, october, true, new DateTime(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc), London);
        var current = StatusReader.Assess(5, 1, new FiscalPeriod(2026, 8), true, new DateTime(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc), London);

        Assert.Equal(FreshnessFlag.Current, due.Flag);
        Assert.Equal(new DateOnly(2026, 12, 7), due.Due);
        Assert.Contains("Nov-26 due by Mon 7 Dec 2026", due.Text);
        Assert.Equal(FreshnessFlag.Late, late.Flag);
        Assert.True(late.Late);
        Assert.StartsWith("LATE: Nov-26 was due by Mon 7 Dec 2026", late.Text);
        Assert.Equal(FreshnessFlag.Current, current.Flag);
        Assert.Equal(new DateOnly(2027, 1, 8), current.Due); // Dec-26 is due by working day 5 of January 2027
    }

    [Fact]
    public void Freshness_JudgesTheDataPeriodHeld_NotWhenTheFileArrived()
    {
        // 2018/19 closedown data loaded today is years late: Apr-19 was due by working day 8 of May 2019.
        var freshness = StatusReader.Assess(8, 1, new FiscalPeriod(2018, 13), true, new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc), London);

        Assert.Equal(FreshnessFlag.Late, freshness.Flag);
        Assert.Equal(new DateOnly(2019, 5, 13), freshness.Due); // 1 (Wed) … 3, 7 (after the 6 May bank holiday) … 13 May
        Assert.Contains("Apr-19", freshness.Text);
    }

    [Fact]
    public void Freshness_QuarterlyReturn_IsDueAQuarterAfterThePeriodHeld()
    {
        // A quarterly return holding Jun-26 (Q1) next owes Sep-26, due by working day 10 of October 2026 (Wed 14 Oct).
        var freshness = StatusReader.Assess(10, 3, new FiscalPeriod(2026, 3), true, new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc), London);

        Assert.Equal(FreshnessFlag.Current, freshness.Flag);
        Assert.Equal(new DateOnly(2026, 10, 14), freshness.Due);
        Assert.Contains("Sep-26", freshness.Text);
    }

    [Fact]
    public void Freshness_DoesNotScoreReferenceData()
    {
        var configuredOff = StatusReader.Assess(0, 1, null, false, new DateTime(2026, 12, 28, 9, 0, 0, DateTimeKind.Utc), London);
        var noPeriod = StatusReader.Assess(8, 1, null, true, new DateTime(2026, 12, 28, 9, 0, 0, DateTimeKind.Utc), London);

        Assert.Equal(FreshnessFlag.NotScored, configuredOff.Flag);
        Assert.False(configuredOff.Late);
        Assert.Equal(FreshnessFlag.NotScored, noPeriod.Flag);
        Assert.Null(noPeriod.Due);
    }

    [Fact]
    public void Freshness_UsesLondonDates_NotUtc()
    {
        // Holding May-26, Jun-26 is due by working day 5 of July (Tue 7 July). 23:30 UTC on 7 July is already
        // 00:30 BST on 8 July: late in London, though still the 7th in UTC.
        var freshness = StatusReader.Assess(5, 1, new FiscalPeriod(2026, 2), true, new DateTime(2026, 7, 7, 23, 30, 0, DateTimeKind.Utc), London);

        Assert.Equal(FreshnessFlag.Late, freshness.Flag);
    }

    [Theory]
    [InlineData("2020-05-08")] // VE Day: the early May bank holiday moved from Monday 4 May
    [InlineData("2022-06-03")] // Platinum Jubilee
    [InlineData("2022-06-02")] // the spring bank holiday moved from Monday 30 May
    [InlineData("2022-09-19")] // State funeral of Queen Elizabeth II
    [InlineData("2023-05-08")] // Coronation of King Charles III
    public void BankHolidays_FromTheDataFile_IncludeOneOffAndMovedHolidays(string date)
    {
        var day = DateOnly.Parse(date);

        Assert.Contains(day, WorkingDays.BankHolidays(day.Year));
        Assert.False(WorkingDays.IsWorkingDay(day));
        Assert.DoesNotContain(day, WorkingDays.RuleHolidays(day.Year)); // the rule alone would have missed it
    }

    [Fact]
    public void BankHolidays_TheRuleIsOnlyAFallback_ForYearsTheFileDoesNotList()
    {
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2020, 5, 4)));  // the file moved it to the 8th
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2022, 5, 30))); // the file moved it to 2 June
        Assert.Contains(2027, BankHolidayCalendar.Default.ListedYears);
        Assert.DoesNotContain(2040, BankHolidayCalendar.Default.ListedYears);
        // 2040: Easter Sunday 1 April, so Good Friday 30 March and Easter Monday 2 April, from the rule.
        Assert.Contains(new DateOnly(2040, 3, 30), WorkingDays.BankHolidays(2040));
        Assert.Contains(new DateOnly(2040, 4, 2), WorkingDays.BankHolidays(2040));
    }

    [Fact]
    public void BankHolidays_AnUpdatedFile_ReplacesTheYearsItLists()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("wh-holidays-").FullName, "holidays.csv");
        File.WriteAllText(path, "date,name\n2041-06-07,A one-off holiday\n");
        var calendar = BankHolidayCalendar.Load(path);

        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2041, 6, 7), calendar));
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2041, 12, 25), calendar)); // 2041 is listed: only its listed days count
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2042, 12, 25), calendar)); // 2042 is not: the rule
        File.WriteAllText(path, "date,name\n2041-13-40,broken\n");
        Assert.Throws<Warehouse.Database.Engines.WarehouseConfigurationException>(() => BankHolidayCalendar.Load(path));
    }

    [Fact]
    public void TransientRetry_RetriesInfrastructureFailuresOnly()
    {
        Assert.True(Failures.IsTransient(new TimeoutException()));
        Assert.True(Failures.IsTransient(new SocketException()));
        Assert.True(Failures.IsTransient(new IOException("file in use")));
        Assert.True(Failures.IsTransient(new SourceBusyException("organisation", 1)));
        Assert.True(Failures.IsTransient(new Npgsql.NpgsqlException("connection lost", new SocketException())));
        Assert.False(Failures.IsTransient(new NotSupportedException("a bug")));
        Assert.False(Failures.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(Failures.IsTransient(new Warehouse.Etl.Core.Reading.SourceRejectedException(new("f.csv", null, 3, "x", "y", "bad"))));
    }
}
