using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Alerts;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Status;

namespace Warehouse.Jobs.Scheduling;

/// <summary>
/// The Hangfire jobs. The nightly job only enqueues: one job per source, chained in catalogue order
/// (reference data before figures), each continuing whatever the previous one's end, then the refresh.
/// Every job is at-least-once safe: inbox claims, the file registry and batch states make a second run
/// of the same work a no-op, and the pipeline's per-source lock keeps two loads of a source apart.
/// </summary>
public sealed class WarehouseJobs(IWarehouseEngine engine, SourceList sources, InboxFolders folders, JobsOptions options,
    IBackgroundJobClient client, ILogger<WarehouseJobs> logger, IEnumerable<IRefreshStep> refreshSteps, TransientRetryFilter retry, TimeProvider time,
    Alerter alerter, StatusReader status)
{
    private readonly JobRunLog _log = new(engine, time);
    private readonly RunHistory _history = new(engine, time);

    [DisplayName("Nightly run: enqueue each source, then refresh")]
    [AutomaticRetry(Attempts = 0)]
    public async Task NightlyAsync(PerformContext? context)
    {
        await RecordAsync("nightly", null, context, async () =>
        {
            // The run's row in the history; the refresh at the end of the chain finishes it and sends the summary.
            var runId = await _history.StartAsync("nightly", sources.All.Count());
            string? previous = null;
            foreach (var source in sources.All)
            {
                previous = previous is null
                    ? client.Enqueue<WarehouseJobs>(j => j.LoadSourceAsync(source.Name, null))
                    : client.ContinueJobWith<WarehouseJobs>(previous, j => j.LoadSourceAsync(source.Name, null), options: JobContinuationOptions.OnAnyFinishedState);
            }
            if (previous is null)
                client.Enqueue<WarehouseJobs>(j => j.RefreshAsync(runId, null));
            else
                client.ContinueJobWith<WarehouseJobs>(previous, j => j.RefreshAsync(runId, null), options: JobContinuationOptions.OnAnyFinishedState);
            return $"run {runId}: enqueued {sources.All.Count()} source job(s) and the refresh";
        });
    }

    [DisplayName("Load source {0}")]
    [AutomaticRetry(Attempts = 0)]
    [TransientRetry]
    public async Task LoadSourceAsync(string source, PerformContext? context)
    {
        var found = sources.Find(source) ?? throw new InvalidOperationException($"Source '{source}' is no longer in the catalogue.");
        SourceRunResult? result = null;
        await RecordAsync("source", found.Name, context, async () =>
        {
            result = await new SourceRunner(engine, folders, options, logger, time: time).RunAsync(found, sources.IsExtract(found),
                context?.CancellationToken.ShutdownToken ?? CancellationToken.None);
            if (result.Busy > 0)
                throw new SourceBusyException(found.Name, result.Busy);
            return result.Summary;
        });
        await alerter.RejectedAsync(result!);
        if (result!.Rejected > 0)
            throw new InputRejectedException(result.Summary);
    }

    [DisplayName("Inbox {0}: {1}")]
    [AutomaticRetry(Attempts = 0)]
    [TransientRetry]
    public async Task LoadInboxFileAsync(string source, string fileName, PerformContext? context)
    {
        var found = sources.Find(source) ?? throw new InvalidOperationException($"Source '{source}' is no longer in the catalogue.");
        InboxResult? result = null;
        await RecordAsync("inbox-file", found.Name, context, async () =>
        {
            result = await new InboxProcessor(engine, folders, options, logger, time: time)
                .ProcessAsync(found, fileName, context?.CancellationToken.ShutdownToken ?? CancellationToken.None);
            if (result?.Busy == true)
                throw new SourceBusyException(found.Name, 1);
            return result is null ? $"{fileName}: already taken by another pass" : $"{fileName}: {result.Note}";
        });
        if (result is { Rejected: true })
        {
            await alerter.SendAsync(Alerter.RejectedFile(result));
            throw new InputRejectedException($"{fileName}: {result.Outcome!.Status.Words()} (batch {result.Outcome.BatchId}): {result.Note}");
        }
    }

    [DisplayName("Refresh what depends on the loads")]
    [AutomaticRetry(Attempts = 0)]
    [TransientRetry]
    public async Task RefreshAsync(int? nightlyRunId, PerformContext? context)
    {
        await RecordAsync("refresh", null, context, async () =>
        {
            var done = new List<string>();
            foreach (var step in refreshSteps)
                done.Add($"{step.Name}: {await step.RunAsync(context?.CancellationToken.ShutdownToken ?? CancellationToken.None)}");
            // The report and powerbi schemas are views over dw, current as soon as a batch commits.
            var message = done.Count == 0 ? "nothing materialised to refresh (report and powerbi are views)" : string.Join("; ", done);
            if (nightlyRunId is not { } runId)
                return message;
            // The end of the nightly chain: the run's counts into the history, and the once-a-night alert.
            var snapshot = await status.ReadAsync();
            var run = await _history.FinishAsync(runId, snapshot.Sources.Count(s => s.Freshness.Late), TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone));
            await alerter.NightlyAsync(run, snapshot);
            return $"{message}; {run.Text}";
        });
    }

    private async Task RecordAsync(string job, string? source, PerformContext? context, Func<Task<string>> work)
    {
        var attempt = (context?.GetJobParameter<int>("RetryCount") ?? 0) + 1;
        var shutdown = context?.CancellationToken.ShutdownToken ?? CancellationToken.None;
        var runId = await _log.StartAsync(job, source, context?.BackgroundJob.Id, attempt, shutdown);
        try
        {
            var message = await work();
            await _log.FinishAsync(runId, JobOutcome.Succeeded, message, willRetry: false, shutdown);
        }
        catch (Exception ex)
        {
            var willRetry = retry.WillRetry(ex, attempt);
            // Hangfire keeps the exception too, but the log is what an operator reads first: with its stack.
            logger.LogError(ex, "job {Job} {Source} attempt {Attempt} failed ({Kind}){Retry}", job, source, attempt,
                Failures.Classify(ex), willRetry ? ", will retry" : "");
            await _log.FinishAsync(runId, JobOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}", willRetry, CancellationToken.None);
            if (!willRetry)
                await alerter.FailedAsync(job, source, ex);
            throw;
        }
    }
}
