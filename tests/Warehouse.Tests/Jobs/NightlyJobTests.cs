using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Tests.Jobs;

/// <summary>A real Hangfire server on the test PostgreSQL runs the nightly chain, the watcher's jobs and the retries.</summary>
public sealed class NightlyJobTests : DatabaseTest<PostgresProvider>
{
    private Task<int> CountAsync(string sql, object? args = null) => Provider.ScalarAsync<int>(sql, args);

    private Task<bool> RefreshDoneAsync() =>
        Provider.ScalarAsync<bool>("SELECT COUNT(*) > 0 FROM etl.job_run WHERE job = 'refresh' AND outcome = 'succeeded'");

    [SkippableFact]
    public async Task Nightly_LoadsEverySourcesInbox_ThenRefreshes()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);
        host.Drop("organisation", Samples.Organisation);
        host.Drop("line-mapping", Samples.LineMapping);

        host.App.Services.GetRequiredService<IRecurringJobManager>().Trigger(JobsOptions.NightlyJobId);

        Assert.True(await Eventually.WaitAsync(RefreshDoneAsync), "the nightly chain did not reach its refresh step");
        Assert.Equal(["line-mapping", "organisation"], await Provider.OpenAsync().ContinueWith(async c =>
        {
            await using var connection = c.Result;
            return (await connection.QueryAsync<string>("SELECT source FROM etl.batch WHERE state = 'loaded' AND batch_id > 0 ORDER BY source")).ToList();
        }).Unwrap());
        Assert.True(await CountAsync("SELECT COUNT(*) FROM dw.dim_organisation WHERE batch_id > 0") > 0);
        Assert.True(await CountAsync("SELECT COUNT(*) FROM dw.budget_line_mapping WHERE batch_id > 0") > 0);
        Assert.Single(Directory.GetFiles(host.Folders.ArchiveFor("organisation")));
        Assert.Single(Directory.GetFiles(host.Folders.ArchiveFor("line-mapping")));
        // Source by source in catalogue order: reference data before what uses it.
        var catalogueOrder = Warehouse.Jobs.Scheduling.SourceList.FromCatalog(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .All.Select(s => "source:" + s.Name).ToList();
        Assert.True(catalogueOrder.IndexOf("source:organisation") < catalogueOrder.IndexOf("source:line-mapping"));
        Assert.Equal(["nightly", .. catalogueOrder, "refresh"], await JobOrderAsync());
    }

    [SkippableFact]
    public async Task Nightly_TriggeredTwiceAtOnce_LoadsTheFileOnce()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, new Dictionary<string, string?> { ["Warehouse:Jobs:WorkerCount"] = "4" });
        host.Drop("organisation", Samples.Organisation);
        var manager = host.App.Services.GetRequiredService<IRecurringJobManager>();

        await Task.WhenAll(Task.Run(() => manager.Trigger(JobsOptions.NightlyJobId)), Task.Run(() => manager.Trigger(JobsOptions.NightlyJobId)));

        Assert.True(await Eventually.WaitAsync(async () =>
            await CountAsync("SELECT COUNT(*) FROM etl.job_run WHERE job = 'refresh' AND outcome = 'succeeded'") == 2));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE state = 'loaded' AND batch_id > 0"));
        Assert.Single(Directory.GetFiles(host.Folders.ArchiveFor("organisation")));
        Assert.Empty(Directory.GetFiles(host.Folders.RejectedFor("organisation")));
    }

    [SkippableFact]
    public async Task Nightly_GoesOnToTheNextSource_WhenOneSourceFails()
    {
        var sources = new SourceList([new ExplodingSource(), new OrganisationSource()], []);
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, sources: sources);
        host.DropText("exploding", "anything.csv", "a,b\n1,2\n");
        host.Drop("organisation", Samples.Organisation);

        host.App.Services.GetRequiredService<IRecurringJobManager>().Trigger(JobsOptions.NightlyJobId);

        Assert.True(await Eventually.WaitAsync(RefreshDoneAsync));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE source = 'organisation' AND state = 'loaded'"));
        // A bug is not transient: one attempt, recorded as failed, not retried.
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.job_run WHERE source = 'exploding'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.job_run WHERE source = 'exploding' AND outcome = 'failed' AND will_retry = @no", new { no = false }));
    }

    [SkippableFact]
    public async Task SourceJob_RetriesTransientFailures_WithBackOff_ThenSucceeds()
    {
        var flaky = new FlakySource(failures: 2);
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, sources: new SourceList([flaky], []));
        host.Drop("organisation", Samples.Organisation);

        host.App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<WarehouseJobs>(j => j.LoadSourceAsync("organisation", null));

        Assert.True(await Eventually.WaitAsync(async () =>
            await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE source = 'organisation' AND state = 'loaded'") == 1, TimeSpan.FromSeconds(40)));
        Assert.Equal([1, 2, 3], (await QueryAsync<int>("SELECT attempt FROM etl.job_run WHERE source = 'organisation' ORDER BY job_run_id")));
        Assert.Equal(["failed", "failed", "succeeded"], await QueryAsync<string>("SELECT outcome FROM etl.job_run WHERE source = 'organisation' ORDER BY job_run_id"));
        Assert.Single(Directory.GetFiles(host.Folders.ArchiveFor("organisation")));
    }

    [SkippableFact]
    public async Task SourceJob_WaitsAndRetries_WhileAnotherServerLoadsTheSameSource()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);
        host.Drop("organisation", Samples.Organisation);
        // Another server's load of the same source holds the per-source lock.
        await using var other = await Provider.OpenAsync();
        var held = await other.BeginTransactionAsync();
        Assert.True(await Provider.Engine.TryAcquireLoadLockAsync(other, held, "warehouse-load:organisation"));

        host.App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<WarehouseJobs>(j => j.LoadSourceAsync("organisation", null));

        Assert.True(await Eventually.WaitAsync(async () =>
            await CountAsync("SELECT COUNT(*) FROM etl.job_run WHERE source = 'organisation' AND outcome = 'failed' AND will_retry = @yes", new { yes = true }) > 0));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE state = 'loaded' AND batch_id > 0"));
        Assert.Single(Directory.GetFiles(host.Folders.ProcessingFor("organisation")));
        await held.RollbackAsync();

        Assert.True(await Eventually.WaitAsync(async () =>
            await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE state = 'loaded' AND batch_id > 0") == 1));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
        Assert.Single(Directory.GetFiles(host.Folders.ArchiveFor("organisation")));
    }

    [SkippableFact]
    public async Task SourceJob_NeverRetriesInvalidData()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);
        host.DropText("organisation", "broken.csv", Samples.BrokenOrganisation());

        host.App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<WarehouseJobs>(j => j.LoadSourceAsync("organisation", null));

        Assert.True(await Eventually.WaitAsync(async () =>
            await CountAsync("SELECT COUNT(*) FROM etl.job_run WHERE source = 'organisation' AND outcome <> 'running'") == 1));
        await Task.Delay(2500); // longer than the 1 s back-off: a retry would show by now
        Assert.Equal(["succeeded"], await QueryAsync<string>("SELECT outcome FROM etl.job_run WHERE source = 'organisation'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE state = 'rejected'"));
        Assert.True(File.Exists(Path.Combine(host.Folders.RejectedFor("organisation"), "broken.csv.report.txt")));
    }

    [SkippableFact]
    public async Task Watcher_LoadsADroppedFileWithinSeconds()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, new Dictionary<string, string?> { ["Warehouse:Inbox:Watch"] = "true" });
        host.Folders.Ensure("organisation");
        var started = DateTime.UtcNow;

        // Written the ordinary way (fresh timestamp): the watcher must wait for it to go quiet, then take it.
        File.Copy(Samples.Organisation, Path.Combine(host.Folders.For("organisation"), "dropped.csv"));

        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(File.Exists(Path.Combine(host.Folders.ArchiveFor("organisation"), "dropped.csv"))),
            TimeSpan.FromSeconds(15)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.batch WHERE source = 'organisation' AND state = 'loaded'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM etl.job_run WHERE job = 'inbox-file' AND outcome = 'succeeded'"));
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    private async Task<List<string>> JobOrderAsync() =>
        (await QueryAsync<(string job, string? source)>("SELECT job, source FROM etl.job_run ORDER BY started_utc, job_run_id"))
        .Select(r => r.source is null ? r.job : $"{r.job}:{r.source}").ToList();

    /// <summary>A source with a bug: throws on every file.</summary>
    private sealed class ExplodingSource : ISource
    {
        public string Name => "exploding";
        public string Description => "test: always throws";
        public Task LoadAsync(LoadContext context, CancellationToken cancellationToken) =>
            throw new NotSupportedException("simulated bug in a source");
    }

    /// <summary>The organisation source behind a flaky network: the first loads time out.</summary>
    private sealed class FlakySource(int failures) : ISource
    {
        private int _failures = failures;
        public string Name => "organisation";
        public string Description => "test: times out at first";
        public Task LoadAsync(LoadContext context, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _failures) >= 0
                ? throw new TimeoutException("simulated network timeout")
                : new OrganisationSource().LoadAsync(context, cancellationToken);
    }
}
