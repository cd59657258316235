using System.Globalization;
using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Jobs.Status;

/// <summary>One nightly run as the history shows it: "02:00: 13 sources, 2 rejected".</summary>
public sealed record RunSummary(int Id, string Trigger, DateTime StartedUtc, DateTime? FinishedUtc, int Sources,
    int? FilesLoaded, int? Rejected, int? Failed, int? Late, string? Summary)
{
    public bool Finished => FinishedUtc is not null;

    public string Headline
    {
        get
        {
            if (!Finished)
                return $"{Sources} sources, still running";
            var parts = new List<string> { $"{Sources} sources" };
            parts.Add($"{FilesLoaded ?? 0} loaded");
            if (Rejected > 0) parts.Add($"{Rejected} rejected");
            if (Failed > 0) parts.Add($"{Failed} failed");
            return string.Join(", ", parts);
        }
    }

    public string Text => Summary ?? Headline;
}

/// <summary>etl.nightly_run: a row when a nightly run starts, finished with what its batches and jobs did.</summary>
public sealed class RunHistory(IWarehouseEngine engine, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<int> StartAsync(string trigger, int sources, CancellationToken cancellationToken = default)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return await engine.InsertReturningIdentityAsync(connection, null, "etl.nightly_run", "nightly_run_id", new Dictionary<string, object?>
        {
            ["trigger_name"] = trigger, ["started_utc"] = _time.GetUtcNow(), ["sources"] = sources,
        }, cancellationToken);
    }

    /// <summary>Counts what happened since the run started (batches by state, jobs that failed for good) and records it.</summary>
    public async Task<RunSummary> FinishAsync(int runId, int late, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync(new CommandDefinition("""
            SELECT r.started_utc, r.sources, r.trigger_name,
                   (SELECT COUNT(*) FROM etl.batch AS b WHERE b.batch_id > 0 AND b.started_utc >= r.started_utc AND b.state IN (@loaded, @superseded)) AS files_loaded,
                   (SELECT COUNT(*) FROM etl.batch AS b WHERE b.batch_id > 0 AND b.started_utc >= r.started_utc AND b.state IN (@rejected, @failed)) AS rejected,
                   (SELECT COUNT(*) FROM etl.job_run AS j WHERE j.started_utc >= r.started_utc AND j.outcome = @jobFailed AND j.will_retry = @no) AS failed
            FROM etl.nightly_run AS r WHERE r.nightly_run_id = @runId
            """, new
        {
            runId, loaded = BatchState.Loaded.Stored(), superseded = BatchState.Superseded.Stored(), rejected = BatchState.Rejected.Stored(),
            failed = BatchState.Failed.Stored(), jobFailed = JobOutcome.Failed.Stored(), no = false,
        }, cancellationToken: cancellationToken));
        var started = Utc((object)counts.started_utc);
        var run = new RunSummary(runId, (string)counts.trigger_name, started, _time.GetUtcNow().UtcDateTime, (int)counts.sources,
            Convert.ToInt32(counts.files_loaded), Convert.ToInt32(counts.rejected), Convert.ToInt32(counts.failed), late, null);
        var local = TimeZoneInfo.ConvertTimeFromUtc(started, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        run = run with { Summary = $"{local}: {run.Headline}{(late > 0 ? $", {late} late" : "")}" };
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE etl.nightly_run SET finished_utc = @finished, files_loaded = @filesLoaded, rejected = @rejected, failed = @failed, late = @late, summary = @summary
            WHERE nightly_run_id = @runId
            """, new { runId, finished = _time.GetUtcNow(), filesLoaded = run.FilesLoaded, rejected = run.Rejected, failed = run.Failed, late, summary = run.Summary },
            cancellationToken: cancellationToken));
        return run;
    }

    public async Task<IReadOnlyList<RunSummary>> ReadAsync(int limit = 14, CancellationToken cancellationToken = default)
    {
        await using var connection = engine.CreateConnection();
        return (await connection.QueryAsync(new CommandDefinition("""
            SELECT nightly_run_id, trigger_name, started_utc, finished_utc, sources, files_loaded, rejected, failed, late, summary FROM etl.nightly_run
            ORDER BY nightly_run_id DESC OFFSET 0 ROWS FETCH NEXT @limit ROWS ONLY
            """, new { limit }, cancellationToken: cancellationToken)))
            .Select(r => new RunSummary((int)r.nightly_run_id, (string)r.trigger_name, Utc((object)r.started_utc), r.finished_utc is null ? null : Utc((object)r.finished_utc),
                (int)r.sources, (int?)r.files_loaded, (int?)r.rejected, (int?)r.failed, (int?)r.late, (string?)r.summary)).ToList();
    }

    private static DateTime Utc(object value) => value switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime time => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime(),
        _ => throw new InvalidCastException($"Not a time: {value}"),
    };
}
