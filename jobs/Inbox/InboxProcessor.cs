using Warehouse.Jobs.Status;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Inbox;

/// <summary>What happened to one inbox file.</summary>
public sealed record InboxResult(string Source, string FileName, LoadOutcome? Outcome, string? MovedTo, string? ReportPath, string Note)
{
    public bool Busy => Outcome?.Status == LoadStatus.Busy;
    public bool Rejected => Outcome is { Succeeded: false, Status: not LoadStatus.Busy };
}

/// <summary>Another load of the source held its lock; the file waits in processing/ for the retry.</summary>
public sealed class SourceBusyException(string source, int count)
    : Exception($"Another load of {source} is running; {count} file(s) wait in its processing/ folder for the retry.")
{
    public string SourceName { get; } = source;
}

/// <summary>
/// Takes inbox files through the pipeline. A file is claimed by an atomic move into processing/, so the
/// watcher and the nightly sweep (or two servers) never both load it; after the load it moves to archive/
/// or to rejected/ with a report. A crash leaves it in processing/, where the next sweep resumes it
/// (the file registry and batch states make that converge).
/// </summary>
public sealed class InboxProcessor(IWarehouseEngine engine, InboxFolders folders, JobsOptions options, ILogger logger,
    IProgress<LoadProgress>? progress = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Resumes interrupted files, then loads every complete waiting file of the source, oldest name first.</summary>
    public async Task<IReadOnlyList<InboxResult>> SweepAsync(ISource source, CancellationToken cancellationToken)
    {
        folders.Ensure(source.Name);
        var results = new List<InboxResult>();
        foreach (var file in folders.Interrupted(source.Name))
            results.Add(await LoadClaimedAsync(source, file.FullName, cancellationToken));
        foreach (var file in folders.Waiting(source.Name))
        {
            if (!FileReadiness.IsReady(file, options.Inbox.StableFor, _time))
            {
                logger.LogInformation("inbox {Source}: {File} is still being written; left for the next pass", source.Name, file.Name);
                results.Add(new InboxResult(source.Name, file.Name, null, null, null, "still being written; left for the next pass"));
                continue;
            }
            if (Claim(source, file) is { } claimed)
                results.Add(await LoadClaimedAsync(source, claimed, cancellationToken));
        }
        return results;
    }

    /// <summary>Loads one named file (the watcher's job): nothing happens if another pass took it first.</summary>
    public async Task<InboxResult?> ProcessAsync(ISource source, string fileName, CancellationToken cancellationToken)
    {
        folders.Ensure(source.Name);
        var file = new FileInfo(Path.Combine(folders.For(source.Name), Path.GetFileName(fileName)));
        if (file.Exists)
        {
            if (!FileReadiness.IsReady(file, options.Inbox.StableFor, _time))
                return new InboxResult(source.Name, file.Name, null, null, null, "still being written; left for the next pass");
            return Claim(source, file) is { } claimed ? await LoadClaimedAsync(source, claimed, cancellationToken) : null;
        }
        // A retry after a failure or a Busy answer: the file waits in processing/.
        var interrupted = Path.Combine(folders.ProcessingFor(source.Name), file.Name);
        return File.Exists(interrupted) ? await LoadClaimedAsync(source, interrupted, cancellationToken) : null;
    }

    private string? Claim(ISource source, FileInfo file)
    {
        var target = Path.Combine(folders.ProcessingFor(source.Name), file.Name);
        try
        {
            // Atomic on one volume and refuses an existing target: exactly one claimant wins.
            File.Move(file.FullName, target, overwrite: false);
            logger.LogInformation("inbox {Source}: claimed {File}", source.Name, file.Name);
            return target;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogInformation("inbox {Source}: {File} was taken by another pass", source.Name, file.Name);
            return null;
        }
    }

    private async Task<InboxResult> LoadClaimedAsync(ISource source, string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var outcome = await new IngestionPipeline(engine, logger, progress, _time).LoadFileAsync(source, path, cancellationToken);
        switch (outcome.Status)
        {
            case LoadStatus.Busy:
                logger.LogInformation("batch {BatchId}: {File} waits in processing/: another load of {Source} holds the lock",
                    outcome.BatchId, name, source.Name);
                return new InboxResult(source.Name, name, outcome, null, null, "waiting: another load of the source is running");
            case LoadStatus.Loaded or LoadStatus.Duplicate:
            {
                var moved = MoveOut(path, folders.ArchiveFor(source.Name));
                logger.LogInformation("batch {BatchId}: {File} {Status}; archived as {Archived}",
                    outcome.BatchId, name, outcome.Status.Words(), moved is null ? "(already moved)" : Path.GetFileName(moved));
                return new InboxResult(source.Name, name, outcome, moved, null, outcome.Message);
            }
            default:
            {
                var moved = MoveOut(path, folders.RejectedFor(source.Name));
                string? report = null;
                if (moved is not null)
                {
                    report = moved + ".report.txt";
                    await File.WriteAllTextAsync(report, await RejectionReport.WriteAsync(engine, outcome, _time.GetUtcNow(), cancellationToken), cancellationToken);
                }
                logger.LogWarning("batch {BatchId}: {File} {Status}; moved to rejected/ with its report: {Message}",
                    outcome.BatchId, name, outcome.Status.Words(), outcome.Message);
                return new InboxResult(source.Name, name, outcome, moved, report, outcome.Message);
            }
        }
    }

    // Never overwrites: a second file of the same name gets " (2)". Null when another worker moved it already.
    private static string? MoveOut(string path, string folder)
    {
        Directory.CreateDirectory(folder);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (!File.Exists(path))
                return null;
            var target = InboxFolders.FreeName(folder, Path.GetFileName(path));
            try
            {
                File.Move(path, target, overwrite: false);
                return target;
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (IOException) when (attempt < 4)
            {
                // The free name was taken between the check and the move: pick another.
            }
        }
        return null;
    }
}
