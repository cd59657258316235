using Hangfire;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Jobs.Inbox;

/// <summary>
/// Notices files dropped into the inbox folders (FileSystemWatcher events, plus a short re-check loop
/// because events can be missed on network shares and a file must be quiet before it is taken) and
/// enqueues one Hangfire job per complete file. The job claims the file by moving it, so a file the
/// nightly sweep took first is simply skipped.
/// </summary>
public sealed class InboxWatcher(SourceList sources, InboxFolders folders, JobsOptions options, IBackgroundJobClient client,
    ILogger<InboxWatcher> logger, TimeProvider time) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);
    // File (path, size, write time) → already enqueued, so a waiting job is not enqueued twice.
    private readonly HashSet<(string, long, DateTime)> _enqueued = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watchers = new List<FileSystemWatcher>();
        try
        {
            foreach (var source in sources.Files)
            {
                folders.Ensure(source.Name);
                var watcher = new FileSystemWatcher(folders.For(source.Name))
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
                };
                watcher.Created += (_, _) => Wake();
                watcher.Changed += (_, _) => Wake();
                watcher.Renamed += (_, _) => Wake();
                watcher.EnableRaisingEvents = true;
                watchers.Add(watcher);
                logger.LogInformation("inbox {Source}: watching {Folder}", source.Name, folders.For(source.Name));
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    Scan();
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "inbox: scan failed, trying again shortly");
                }
                try
                {
                    await _wake.WaitAsync(options.Inbox.WatchInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var watcher in watchers)
                watcher.Dispose();
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    private void Scan()
    {
        var present = new HashSet<(string, long, DateTime)>();
        foreach (var source in sources.Files)
        {
            foreach (var file in folders.Waiting(source.Name))
            {
                var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
                present.Add(key);
                if (_enqueued.Contains(key) || !FileReadiness.IsReady(file, options.Inbox.StableFor, time))
                    continue;
                var name = file.Name;
                var sourceName = source.Name;
                var jobId = client.Enqueue<WarehouseJobs>(j => j.LoadInboxFileAsync(sourceName, name, null));
                _enqueued.Add(key);
                logger.LogInformation("inbox {Source}: {File} arrived; job {JobId} enqueued", sourceName, name, jobId);
            }
        }
        _enqueued.IntersectWith(present);
    }
}
