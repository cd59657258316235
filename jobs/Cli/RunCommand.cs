using Warehouse.Jobs.Alerts;
using Warehouse.Jobs.Status;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Jobs.Cli;

/// <summary>
/// `run`: the nightly job once, in the foreground, for a scheduler without the Hangfire server (cron,
/// Task Scheduler) or by hand. Same work as the Hangfire jobs: each source's inbox, then its extract,
/// source by source in catalogue order; one failing source does not stop the others.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        var configuration = context.Configuration();
        var sources = SourceList.FromCatalog(configuration);
        var only = context.Option("--source");
        var selected = sources.All.Where(s => only is null || s.Name.Equals(only, StringComparison.OrdinalIgnoreCase)).ToList();
        if (selected.Count == 0)
            throw new UsageException($"Unknown source '{only}'. Sources: {string.Join(", ", sources.All.Select(s => s.Name))}.");

        var engine = Commands.ResolveEngine(context);
        JobsMigrator.For(engine).MigrateIfPending();
        var options = JobsOptions.From(configuration, context.WorkingDirectory);
        var folders = new InboxFolders(options);
        // The log files always (cron and Task Scheduler have no terminal); the console log only on a terminal.
        using var loggers = LoggerFactory.Create(b => JobsHost.ConfigureLogging(b, options, console: context.Interactive));
        ILogger logger = loggers.CreateLogger("Warehouse.Jobs.Run");
        var alerter = new Alerter(options.Alerts, loggers.CreateLogger("Warehouse.Jobs.Alerts"));
        var progress = new ConsoleProgress(context.Output, context.Interactive);
        var log = new JobRunLog(engine);
        var history = new RunHistory(engine);
        // A whole run is a nightly run (history, summary alert); `--source` is one source by hand.
        int? nightlyRunId = only is null ? await history.StartAsync("run", selected.Count, CancellationToken.None) : null;
        var worst = ExitCodes.Ok;
        foreach (var missing in sources.NotConfigured)
            context.Output.WriteLine($"{missing.Name}: not configured (its operational connection string is not set); not run.");

        context.Output.WriteLine($"Nightly run over {selected.Count} source(s); inbox: {options.Inbox.RootPath}");
        foreach (var source in selected)
        {
            var runId = await log.StartAsync("run", source.Name, null, 1, CancellationToken.None);
            try
            {
                var result = await new SourceRunner(engine, folders, options, logger, progress).RunAsync(source, sources.IsExtract(source), context.Cancellation);
                progress.Finish();
                context.Output.WriteLine(result.Summary);
                foreach (var file in result.Files)
                    context.Output.WriteLine(Describe(file));
                if (result.Extract is { } extract)
                    context.Output.WriteLine($"  extract: {extract.Status.Words()} (batch {extract.BatchId}): {extract.Message}");
                if (result.Rejected > 0)
                    worst = Math.Max(worst, ExitCodes.RejectedInput);
                await alerter.RejectedAsync(result, CancellationToken.None);
                if (result.Busy > 0)
                    worst = Math.Max(worst, ExitCodes.Infrastructure);
                await log.FinishAsync(runId, result.Busy > 0 ? JobOutcome.Failed : JobOutcome.Succeeded, result.Summary, willRetry: false, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not UsageException and not OperationCanceledException)
            {
                progress.Finish();
                // One source's failure (database gone, file unreadable, a bug) is reported and the run goes on.
                var kind = Failures.Classify(ex);
                context.Error.WriteLine($"{source.Name}: failed: {WarehouseCli.Describe(ex, kind)} The file stays in processing/ and is resumed by the next run.");
                if (kind == FailureKind.Internal)
                    context.Error.WriteLine(ex.ToString());
                logger.LogError(ex, "source {Source}: failed ({Kind})", source.Name, kind);
                await log.FinishAsync(runId, JobOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}", willRetry: false, CancellationToken.None);
                await alerter.FailedAsync("run", source.Name, ex, CancellationToken.None);
                worst = Math.Max(worst, ExitCodes.For(kind));
            }
        }
        context.Output.WriteLine("Refresh: nothing materialised to refresh (report and powerbi are views).");
        if (nightlyRunId is { } nightly)
        {
            try
            {
                var status = await new StatusReader(engine, sources, folders, options).ReadAsync(cancellationToken: CancellationToken.None);
                var run = await history.FinishAsync(nightly, status.Sources.Count(s => s.Freshness.Late), TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone));
                context.Output.WriteLine($"Run {run.Text}. Status: {status.Verdict.Text}.");
                await alerter.NightlyAsync(run, status, CancellationToken.None);
            }
            catch (Exception ex) when (Failures.IsInfrastructure(ex))
            {
                // The loads stand; only the summary is missing (the database went away after the last source).
                context.Error.WriteLine($"The run's summary could not be recorded: {ex.Message.Split('\n')[0].Trim()}");
                worst = Math.Max(worst, ExitCodes.Infrastructure);
            }
        }
        context.Output.WriteLine(worst switch
        {
            ExitCodes.Ok => "Run finished. `warehouse status` shows the loads.",
            ExitCodes.RejectedInput => "Run finished with rejected files: see the reports in each source's rejected/ folder, or `warehouse status`.",
            _ => "Run finished with failures: see the messages above; the next run resumes what was left.",
        });
        return worst;
    }

    private static string Describe(InboxResult file) => file.Outcome switch
    {
        null => $"  {file.FileName}: {file.Note}",
        { Status: LoadStatus.Loaded or LoadStatus.Duplicate } o =>
            $"  {file.FileName}: {o.Status.Words()} (batch {o.BatchId}): {o.Message} → archive/",
        { Status: LoadStatus.Busy } o => $"  {file.FileName}: {o.Message}",
        var o => $"  {file.FileName}: {o.Status.Words()} (batch {o.BatchId}): {o.Message}\n    → rejected/, report: {file.ReportPath}",
    };
}
