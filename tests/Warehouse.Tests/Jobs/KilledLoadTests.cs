using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;

namespace Warehouse.Tests.Jobs;

/// <summary>
/// A load whose process dies half-way: its database session ends (here terminated by the server, as when
/// the process is killed), the transaction rolls back, the file stays in processing/; the next nightly
/// run resumes the same batch and completes it.
/// </summary>
public sealed class KilledLoadTests : DatabaseTest<PostgresProvider>
{
    [SkippableFact]
    public async Task KilledLoad_LeavesNoPartialBatch_AndTheNextRunCompletesIt()
    {
        var root = Directory.CreateTempSubdirectory("wh-killed-").FullName;
        var options = JobsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(
            JobsTestHost.FastSettings(root)).Build(), root);
        var folders = new InboxFolders(options);
        folders.Ensure("organisation");
        var dropped = Path.Combine(folders.For("organisation"), "organisation-reference.csv");
        File.Copy(Samples.Organisation, dropped);
        File.SetLastWriteTimeUtc(dropped, DateTime.UtcNow.AddMinutes(-1));
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var dying = new DiesMidLoad();
        var load = new InboxProcessor(Provider.Engine, folders, options, NullLogger.Instance).SweepAsync(dying, CancellationToken.None);
        var backend = await dying.DataMoved.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // Mid-load the rows are in dw inside the open transaction; now the session dies.
        await using (var admin = await Provider.OpenAsync())
            await admin.ExecuteAsync("SELECT pg_terminate_backend(@backend)", new { backend });
        dying.Resume.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(() => load);

        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0 AND state IN ('loaded', 'superseded')"));
        var interrupted = await Provider.ScalarAsync<int>("SELECT MAX(batch_id) FROM etl.batch WHERE source = 'organisation'");
        Assert.True(File.Exists(Path.Combine(folders.ProcessingFor("organisation"), "organisation-reference.csv")));

        // The next nightly run, on a real Hangfire server, finds the file in processing/ and completes the batch.
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, root: root);
        host.App.Services.GetRequiredService<IRecurringJobManager>().Trigger(JobsOptions.NightlyJobId);
        var succeeded = await Eventually.WaitAsync(() =>
            Provider.ScalarAsync<bool>("SELECT COUNT(*) > 0 FROM etl.job_run WHERE job = 'refresh' AND outcome = 'succeeded'"), TimeSpan.FromSeconds(60));
        Assert.True(succeeded, await RunsAndBatchesAsync());

        Assert.Equal(BatchState.Loaded, BatchStates.Parse(await Provider.ScalarAsync<string>("SELECT state FROM etl.batch WHERE batch_id = @interrupted", new { interrupted })));
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
        Assert.Equal(await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_cost_centre WHERE batch_id > 0"),
            await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_cost_centre WHERE batch_id = @interrupted", new { interrupted }));
        Assert.True(File.Exists(Path.Combine(folders.ArchiveFor("organisation"), "organisation-reference.csv")));
        Assert.Empty(Directory.GetFiles(folders.ProcessingFor("organisation")));
    }

    // What the nightly run did instead, for a failure message: its runs, and the batches' states.
    private async Task<string> RunsAndBatchesAsync()
    {
        await using var connection = await Provider.OpenAsync();
        var runs = await connection.QueryAsync<string>(
            "SELECT CONCAT(job, ' ', source, ' attempt ', attempt, ': ', outcome, ' ', message) FROM etl.job_run ORDER BY job_run_id");
        var batches = await connection.QueryAsync<string>("SELECT CONCAT(batch_id, ' ', source, ' ', state, ' ', message) FROM etl.batch ORDER BY batch_id");
        return $"No refresh succeeded. Runs: [{string.Join("; ", runs)}]. Batches: [{string.Join("; ", batches)}].";
    }

    /// <summary>Loads the organisation file, says which server session holds the transaction, then waits to be killed.</summary>
    private sealed class DiesMidLoad : ISource
    {
        public TaskCompletionSource<int> DataMoved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Resume { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Name => "organisation";
        public string Description => "test: dies mid-load";

        public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
        {
            await new OrganisationSource().LoadAsync(context, cancellationToken);
            DataMoved.SetResult(await context.ScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken: cancellationToken));
            await Resume.Task;
            await context.ScalarAsync<int>("SELECT 1", cancellationToken: cancellationToken);
        }
    }
}
