using Microsoft.Extensions.Logging.Abstractions;
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
        using var loggers = context.Interactive
            ? LoggerFactory.Create(b => JobsHost.ConfigureLogging(b, options))
            : null;
        ILogger logger = loggers?.CreateLogger("Warehouse.Jobs.Run") ?? NullLogger.Instance;
        var progress = new ConsoleProgress(context.Output, context.Interactive);
        var log = new JobRunLog(engine);
        var worst = ExitCodes.Ok;

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
                    context.Output.WriteLine($"  extract: {extract.Status.ToString().ToLowerInvariant()} (batch {extract.BatchId}): {extract.Message}");
                if (result.Rejected > 0)
                    worst = Math.Max(worst, ExitCodes.RejectedInput);
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
                worst = Math.Max(worst, ExitCodes.For(kind));
            }
        }
        context.Output.WriteLine("Refresh: nothing materialised to refresh (report and powerbi are views).");
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
            $"  {file.FileName}: {o.Status.ToString().ToLowerInvariant()} (batch {o.BatchId}): {o.Message} → archive/",
        { Status: LoadStatus.Busy } o => $"  {file.FileName}: {o.Message}",
        var o => $"  {file.FileName}: {o.Status.ToString().ToLowerInvariant()} (batch {o.BatchId}): {o.Message}\n    → rejected/, report: {file.ReportPath}",
    };
}
