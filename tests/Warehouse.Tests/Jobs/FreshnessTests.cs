using System.Net.Sockets;
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
    public void Freshness_FlagsASourceLate_OnlyAfterItsWorkingDayPasses()
    {
        // Working day 5 of December 2026 is Monday 7 December.
        var (dueFlag, dueText) = StatusReader.Freshness(5, new DateTime(2026, 11, 9, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 16, 0, 0, DateTimeKind.Utc), London);
        var (lateFlag, lateText) = StatusReader.Freshness(5, new DateTime(2026, 11, 9, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc), London);
        var (okFlag, _) = StatusReader.Freshness(5, new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc), London);
        var (notMonthly, _) = StatusReader.Freshness(0, null, new DateTime(2026, 12, 28, 9, 0, 0, DateTimeKind.Utc), London);

        Assert.Equal(FreshnessFlag.Due, dueFlag);
        Assert.Contains("Mon 7 Dec", dueText);
        Assert.Equal(FreshnessFlag.Late, lateFlag);
        Assert.StartsWith("LATE", lateText);
        Assert.Equal(FreshnessFlag.Delivered, okFlag);
        Assert.Equal(FreshnessFlag.NotMonthly, notMonthly);
    }

    [Fact]
    public void Freshness_UsesLondonDates_NotUtc()
    {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July: a July delivery.
        var (flag, _) = StatusReader.Freshness(5, new DateTime(2026, 6, 30, 23, 30, 0, DateTimeKind.Utc), new DateTime(2026, 7, 2, 12, 0, 0, DateTimeKind.Utc), London);

        Assert.Equal(FreshnessFlag.Delivered, flag);
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
