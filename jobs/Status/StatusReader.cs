using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Core.Reading;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Jobs.Status;

public enum FreshnessFlag { Delivered, Due, Late, NotMonthly }

public sealed record SourceStatus(string Name, string Description, int? LastBatchId, BatchState? LastState, string? LastFile,
    DateTime? LastAtUtc, long? LastRows, string? LastMessage, DateTime? LastLoadedUtc, FreshnessFlag Freshness, string FreshnessText,
    int Waiting);

public sealed record RejectedBatch(int BatchId, string Source, string? File, BatchState State, DateTime? AtUtc, string? Message,
    IReadOnlyList<RowError> Errors, int ErrorCount, string? ReportPath);

public sealed record ReconciliationRow(int BatchId, string Source, string? File, string Measure, string Scope,
    decimal SourceValue, decimal? LoadedValue, decimal? Difference, string Result);

public sealed record FailedJob(DateTime? AtUtc, string Job, string? Source, string? HangfireJobId, int Attempt, bool WillRetry, string? Message);

public sealed record StatusSnapshot(DateTime GeneratedUtc, IReadOnlyList<SourceStatus> Sources, IReadOnlyList<RejectedBatch> Rejections,
    IReadOnlyList<ReconciliationRow> Reconciliation, IReadOnlyList<FailedJob> FailedJobs);

/// <summary>Reads what the status page and the `status` verb show, in SQL common to both engines.</summary>
public sealed class StatusReader(IWarehouseEngine engine, SourceList sources, InboxFolders folders, JobsOptions options, TimeProvider? time = null)
{
    public const int ErrorsPerRejection = 20;

    public async Task<StatusSnapshot> ReadAsync(int rejections = 10, int reconciliation = 40, int failedJobs = 20,
        CancellationToken cancellationToken = default)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        var last = (await connection.QueryAsync(new CommandDefinition("""
            SELECT batch_id, source, file_name, state, started_utc, finished_utc, rows_loaded, message FROM report.load_status
            WHERE batch_id IN (SELECT MAX(batch_id) FROM etl.batch WHERE batch_id > 0 GROUP BY source)
            """, cancellationToken: cancellationToken))).ToDictionary(r => (string)r.source, StringComparer.OrdinalIgnoreCase);
        var loaded = (await connection.QueryAsync(new CommandDefinition(
            "SELECT source, MAX(finished_utc) AS last_loaded FROM etl.batch WHERE batch_id > 0 AND state IN (@loaded, @superseded) GROUP BY source",
            new { loaded = BatchState.Loaded.Stored(), superseded = BatchState.Superseded.Stored() }, cancellationToken: cancellationToken)))
            .ToDictionary(r => (string)r.source, r => Utc((object?)r.last_loaded), StringComparer.OrdinalIgnoreCase);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone);
        var statuses = new List<SourceStatus>();
        foreach (var source in sources.All)
        {
            last.TryGetValue(source.Name, out var row);
            loaded.TryGetValue(source.Name, out DateTime? lastLoaded);
            var (flag, text) = Freshness(options.Freshness.DueWorkingDayOf(source.Name), lastLoaded, now, zone);
            statuses.Add(new SourceStatus(source.Name, source.Description, (int?)row?.batch_id, row is null ? (BatchState?)null : BatchStates.Parse((string)row.state), (string?)row?.file_name,
                row is null ? null : (DateTime?)(Utc((object?)row.finished_utc) ?? Utc((object?)row.started_utc)), (long?)row?.rows_loaded, (string?)row?.message,
                lastLoaded, flag, text, sources.IsExtract(source) ? 0 : folders.Waiting(source.Name).Count));
        }

        var rejected = (await connection.QueryAsync(new CommandDefinition("""
            SELECT batch_id, source, file_name, state, started_utc, rows_rejected, message FROM report.load_status
            WHERE state IN (@rejected, @failed) ORDER BY batch_id DESC OFFSET 0 ROWS FETCH NEXT @rejections ROWS ONLY
            """, new { rejections, rejected = BatchState.Rejected.Stored(), failed = BatchState.Failed.Stored() }, cancellationToken: cancellationToken))).ToList();
        var ids = rejected.Select(r => (int)r.batch_id).ToList();
        // A range rather than `IN @ids`: Dapper sends a list as an array to Npgsql, which only `= ANY` accepts.
        var errors = ids.Count == 0 ? [] : (await connection.QueryAsync(new CommandDefinition(
            "SELECT batch_id, file_name, sheet, row_number, column_name, value, reason FROM report.rejections WHERE batch_id >= @low AND batch_id <= @high",
            new { low = ids.Min(), high = ids.Max() }, cancellationToken: cancellationToken))).Where(e => ids.Contains((int)e.batch_id)).ToList();
        var rejectedBatches = rejected.Select(r =>
        {
            var mine = errors.Where(e => (int)e.batch_id == (int)r.batch_id)
                .OrderBy(e => (int?)e.row_number ?? 0)
                .Select(e => new RowError((string)e.file_name, (string?)e.sheet, (int?)e.row_number, (string?)e.column_name, (string?)e.value, (string)e.reason))
                .ToList();
            return new RejectedBatch((int)r.batch_id, (string)r.source, (string?)r.file_name, BatchStates.Parse((string)r.state), Utc((object?)r.started_utc), (string?)r.message,
                mine.Take(ErrorsPerRejection).ToList(), Math.Max(mine.Count, (int?)r.rows_rejected ?? 0),
                FindReport((string)r.source, (string?)r.file_name, (int)r.batch_id));
        }).ToList();

        var checks = (await connection.QueryAsync(new CommandDefinition("""
            SELECT batch_id, source, file_name, measure, scope, source_value, loaded_value, difference, result FROM report.reconciliation
            ORDER BY batch_id DESC, measure, scope OFFSET 0 ROWS FETCH NEXT @reconciliation ROWS ONLY
            """, new { reconciliation }, cancellationToken: cancellationToken)))
            .Select(c => new ReconciliationRow((int)c.batch_id, (string)c.source, (string?)c.file_name, (string)c.measure, (string)c.scope,
                (decimal)c.source_value, (decimal?)c.loaded_value, (decimal?)c.difference, (string)c.result)).ToList();

        var failed = (await connection.QueryAsync(new CommandDefinition(
            "SELECT job, source, hangfire_job_id, attempt, started_utc, will_retry, message FROM etl.job_run WHERE outcome = @failed " +
            "ORDER BY job_run_id DESC OFFSET 0 ROWS FETCH NEXT @failedJobs ROWS ONLY", new { failedJobs, failed = JobOutcome.Failed.Stored() },
            cancellationToken: cancellationToken)))
            .Select(j => new FailedJob(Utc((object?)j.started_utc), (string)j.job, (string?)j.source, (string?)j.hangfire_job_id, (int)j.attempt,
                Convert.ToBoolean(j.will_retry), (string?)j.message)).ToList();

        return new StatusSnapshot(now, statuses, rejectedBatches, checks, failed);
    }

    /// <summary>A monthly source must deliver by its working day of the month (UK calendar, in the configured time zone).</summary>
    public static (FreshnessFlag Flag, string Text) Freshness(int dueWorkingDay, DateTime? lastLoadedUtc, DateTime utcNow, TimeZoneInfo zone)
    {
        if (dueWorkingDay <= 0)
            return (FreshnessFlag.NotMonthly, lastLoadedUtc is null ? "not monthly; never loaded" : "not monthly");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone));
        var due = WorkingDays.Nth(today.Year, today.Month, dueWorkingDay);
        if (lastLoadedUtc is { } loaded && DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(loaded, zone)) is var day
            && day.Year == today.Year && day.Month == today.Month)
            return (FreshnessFlag.Delivered, $"delivered {day:d MMM yyyy}");
        return today > due
            ? (FreshnessFlag.Late, $"LATE: not delivered by working day {dueWorkingDay} ({due:ddd d MMM})")
            : (FreshnessFlag.Due, $"due by working day {dueWorkingDay} ({due:ddd d MMM})");
    }

    // The report the inbox left beside a rejected file names the batch: find it among the rejected/ reports.
    private string? FindReport(string source, string? fileName, int batchId)
    {
        if (fileName is null || sources.Find(source) is null)
            return null;
        var folder = folders.RejectedFor(source);
        if (!Directory.Exists(folder))
            return null;
        var stem = Path.GetFileNameWithoutExtension(fileName);
        foreach (var report in Directory.EnumerateFiles(folder, "*.report.txt").Where(f => Path.GetFileName(f).StartsWith(stem, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(report);
            reader.ReadLine();
            if (reader.ReadLine()?.Contains($"Batch: {batchId} ", StringComparison.Ordinal) == true)
                return report;
        }
        return null;
    }

    private static DateTime? Utc(object? value) => value switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime time => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime(),
        _ => null,
    };
}
