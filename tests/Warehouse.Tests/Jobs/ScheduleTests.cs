using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Tests.Jobs;

/// <summary>
/// The nightly schedule as Hangfire itself computes it (its cron and time-zone logic, through the recurring
/// job the host registers), across both UK clock changes, and what happens after a week of downtime.
/// </summary>
public sealed class ScheduleTests : DatabaseTest<PostgresProvider>
{
    private static JobsOptions Options(string? cron = null) => JobsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(
        new Dictionary<string, string?> { ["Warehouse:Jobs:NightlyCron"] = cron }).Build(), Path.GetTempPath());

    private async Task<DateTime?> NextRunAfterAsync(JobsOptions options, DateTime nowUtc)
    {
        await JobsTestHost.ClearHangfireAsync(Provider.Engine);
        var storage = HangfireStorage.Create(Provider.Engine);
        var manager = new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => nowUtc);
        JobsHost.RegisterNightly(manager, options);
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([JobsOptions.NightlyJobId]).Single().NextExecution;
    }

    [SkippableTheory]
    // Default 02:00 Europe/London. Spring forward, Sunday 28 March 2027: 02:00 BST is 01:00 UTC from that day.
    [InlineData(null, "2027-03-26T12:00:00Z", "2027-03-27T02:00:00Z")]
    [InlineData(null, "2027-03-27T12:00:00Z", "2027-03-28T01:00:00Z")]
    [InlineData(null, "2027-03-28T12:00:00Z", "2027-03-29T01:00:00Z")]
    // Fall back, Sunday 31 October 2027: 02:00 GMT is 02:00 UTC from that day.
    [InlineData(null, "2027-10-29T12:00:00Z", "2027-10-30T01:00:00Z")]
    [InlineData(null, "2027-10-30T12:00:00Z", "2027-10-31T02:00:00Z")]
    [InlineData(null, "2027-10-31T12:00:00Z", "2027-11-01T02:00:00Z")]
    // 01:30 does not exist on 28 March (01:00 → 02:00): the run moves to the end of the gap, 02:00 BST.
    [InlineData("30 1 * * *", "2027-03-27T12:00:00Z", "2027-03-28T01:00:00Z")]
    // 01:30 happens twice on 31 October: the run happens once, at the first (BST) one.
    [InlineData("30 1 * * *", "2027-10-30T12:00:00Z", "2027-10-31T00:30:00Z")]
    [InlineData("30 1 * * *", "2027-10-31T00:45:00Z", "2027-11-01T01:30:00Z")]
    public async Task Nightly_RunsAtTheLocalTime_AcrossUkClockChanges(string? cron, string nowUtc, string expectedUtc)
    {
        var next = await NextRunAfterAsync(Options(cron), DateTime.Parse(nowUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal));

        Assert.Equal(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), next);
    }

    [SkippableFact]
    public async Task Nightly_AfterAWeekOfDowntime_RunsOnceToCatchUp_NotSevenTimes()
    {
        await JobsTestHost.ClearHangfireAsync(Provider.Engine);
        var storage = HangfireStorage.Create(Provider.Engine);
        // Registered a week and a bit ago; the server has been down since, so seven 02:00 runs were missed.
        var weekAgo = DateTime.UtcNow.AddDays(-7.5);
        JobsHost.RegisterNightly(new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => weekAgo), Options());

        // A server that schedules but works no queue, so the test sees what was enqueued and nothing runs.
        using (new BackgroundJobServer(new BackgroundJobServerOptions
               {
                   Queues = ["misfire-test-none"], SchedulePollingInterval = TimeSpan.FromMilliseconds(200), WorkerCount = 1,
               }, storage))
        {
            Assert.True(await Eventually.WaitAsync(async () => await CountNightlyJobsAsync() > 0, TimeSpan.FromSeconds(20)));
            await Task.Delay(1500); // several more scheduler passes: Strict handling would keep enqueuing here
        }

        Assert.Equal(1, await CountNightlyJobsAsync());
        using var connection = storage.GetConnection();
        Assert.True(connection.GetRecurringJobs([JobsOptions.NightlyJobId]).Single().NextExecution > DateTime.UtcNow);
    }

    private async Task<int> CountNightlyJobsAsync()
    {
        await using var connection = Provider.Engine.CreateConnection();
        return await connection.ExecuteScalarAsync<int>(
            $"SELECT COUNT(*) FROM {HangfireStorage.Schema}.jobparameter WHERE name = 'RecurringJobId' AND value = @id",
            new { id = $"\"{JobsOptions.NightlyJobId}\"" });
    }
}
