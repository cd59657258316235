using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;

namespace Warehouse.Jobs.Scheduling;

/// <summary>What one source's run did.</summary>
public sealed record SourceRunResult(string Source, IReadOnlyList<InboxResult> Files, LoadOutcome? Extract)
{
    public int Loaded => Files.Count(f => f.Outcome?.Status == LoadStatus.Loaded) + (Extract?.Status == LoadStatus.Loaded ? 1 : 0);
    public int Rejected => Files.Count(f => f.Rejected) + (Extract is { Succeeded: false, Status: not LoadStatus.Busy } ? 1 : 0);
    public int Busy => Files.Count(f => f.Busy) + (Extract?.Status == LoadStatus.Busy ? 1 : 0);

    public string Summary =>
        Files.Count == 0 && Extract is null
            ? $"{Source}: nothing waiting"
            : $"{Source}: {Loaded} loaded, {Files.Count(f => f.Outcome?.Status == LoadStatus.Duplicate)} already loaded, {Rejected} rejected, {Busy} waiting for the lock, {Files.Count(f => f.Outcome is null)} still being written";
}

/// <summary>One source's share of the nightly run: its inbox (interrupted files first), then its operational extract.</summary>
public sealed class SourceRunner(IWarehouseEngine engine, InboxFolders folders, JobsOptions options, ILogger logger,
    IProgress<LoadProgress>? progress = null, TimeProvider? time = null)
{
    public async Task<SourceRunResult> RunAsync(ISource source, bool isExtract, CancellationToken cancellationToken)
    {
        var files = await new InboxProcessor(engine, folders, options, logger, progress, time).SweepAsync(source, cancellationToken);
        LoadOutcome? extract = null;
        if (isExtract)
            extract = await new IngestionPipeline(engine, logger, progress, time).RunExtractAsync(source, cancellationToken);
        var result = new SourceRunResult(source.Name, files, extract);
        logger.LogInformation("source {Source}: {Summary}", source.Name, result.Summary);
        return result;
    }
}
