using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Core.Reading;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Jobs.Status;

/// <summary>Current: the next period is not due yet; Late: it is past due; Due: never loaded, not yet late; NotScored: reference data or not run.</summary>
public enum FreshnessFlag { Current, Due, Late, NotScored }

/// <summary>Whether a source is late against its cadence: when the next period is due, and the sentence the page shows.</summary>
public sealed record Freshness(FreshnessFlag Flag, DateOnly? Due, string Text)
{
    public bool Late => Flag == FreshnessFlag.Late;
}

/// <param name="Configured">False for an operational extract whose connection is not set: the nightly job does not run it.</param>
/// <param name="LastState">The stored state of the source's latest batch (rendered, never reinterpreted here).</param>
/// <param name="DataPeriod">The latest period the warehouse holds for the source (a loaded batch that recorded one).</param>
/// <param name="DataPeriodLoadedUtc">When the batch holding <paramref name="DataPeriod"/> finished.</param>
public sealed record SourceStatus(string Name, string Description, bool Configured, int? LastBatchId, string? LastState, string? LastFile,
    DateTime? LastAtUtc, long? LastRows, string? LastMessage, DateTime? LastLoadedUtc, FiscalPeriod? DataPeriod, DateTime? DataPeriodLoadedUtc,
    Freshness Freshness, int Waiting)
{
    /// <summary>What the page and `status --json` call the source's state.</summary>
    public string State => !Configured ? "not configured" : LastState ?? "never loaded";

    public bool LastRejected => LastState == BatchState.Rejected.Stored() || LastState == BatchState.Failed.Stored();

    public string? DataPeriodLabel => DataPeriod is { } p ? StatusReader.PeriodLabel(p) : null;
}

public sealed record RejectedBatch(int BatchId, string Source, string? File, string State, DateTime? AtUtc, string? Message,
    IReadOnlyList<RowError> Errors, int ErrorCount, string? ReportPath);

public sealed record ReconciliationRow(int BatchId, string Source, string? File, string Measure, string Scope,
    decimal SourceValue, decimal? LoadedValue, decimal? Difference, string Result)
{
    /// <summary>A row count is a whole number and is shown as one; money keeps its pence.</summary>
    public bool IsCount => Measure == ControlMeasures.Rows;
}

public sealed record FailedJob(DateTime? AtUtc, string Job, string? Source, string? HangfireJobId, int Attempt, bool WillRetry, string? Message);

/// <summary>The one line at the top of the page: how many sources are current, late, rejected, never loaded, not configured.</summary>
public sealed record StatusVerdict(int Sources, int Current, int Late, int Rejected, int NeverLoaded, int NotConfigured, int NotScored)
{
    public bool AllWell => Late == 0 && Rejected == 0 && NeverLoaded == 0;

    public string Text
    {
        get
        {
            var problems = new List<string>();
            if (Late > 0) problems.Add($"{Late} late");
            if (Rejected > 0) problems.Add($"{Rejected} rejected");
            if (NeverLoaded > 0) problems.Add($"{NeverLoaded} never loaded");
            var notes = new List<string>();
            if (NotScored > 0) notes.Add($"{NotScored} reference (not scored)");
            if (NotConfigured > 0) notes.Add($"{NotConfigured} not configured");
            var scored = Sources - NotScored - NotConfigured;
            var head = problems.Count == 0 ? $"all {scored} scored sources current" : $"{string.Join("; ", problems)} of {Sources} sources";
            return notes.Count == 0 ? head : $"{head}; {string.Join(", ", notes)}";
        }
    }

    public static StatusVerdict Of(IReadOnlyList<SourceStatus> sources) => new(
        sources.Count,
        sources.Count(s => s.Configured && s.Freshness.Flag == FreshnessFlag.Current && !s.LastRejected),
        sources.Count(s => s.Freshness.Late),
        sources.Count(s => s.Configured && s.LastRejected),
        sources.Count(s => s.Configured && s.LastState is null),
        sources.Count(s => !s.Configured),
        sources.Count(s => s.Configured && s.Freshness.Flag == FreshnessFlag.NotScored));
}

public sealed record StatusSnapshot(DateTime GeneratedUtc, IReadOnlyList<SourceStatus> Sources, IReadOnlyList<RejectedBatch> Rejections,
    IReadOnlyList<ReconciliationRow> Reconciliation, IReadOnlyList<FailedJob> FailedJobs)
{
    public StatusVerdict Verdict => StatusVerdict.Of(Sources);
}

/// <summary>Reads what the status page and the `status` verb show, in SQL common to both engines.</summary>
public sealed class StatusReader(IWarehouseEngine engine, SourceList sources, InboxFolders folders, JobsOptions options, TimeProvider? time = null)
{
    public const int ErrorsPerRejection = 20;

    private readonly BankHolidayCalendar _holidays = string.IsNullOrWhiteSpace(options.Freshness.BankHolidaysFile)
        ? BankHolidayCalendar.Default
        : BankHolidayCalendar.Load(options.Freshness.BankHolidaysFile);

    /// <summary>
    /// Every source of the catalogue (extracts that are not configured too), the latest rejections, the control totals
    /// of each source's latest reconciled batch (whole, never cut), and the latest failed jobs.
    /// </summary>
    public async Task<StatusSnapshot> ReadAsync(int rejections = 10, int failedJobs = 20, CancellationToken cancellationToken = default)
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
        // The latest period each source holds: a restatement supersedes the older batch of a period, so the loaded ones suffice.
        var periods = (await connection.QueryAsync(new CommandDefinition("""
            SELECT b.source, b.fiscal_year_start, b.period, b.finished_utc FROM etl.batch AS b
            WHERE b.batch_id > 0 AND b.state = @loaded AND b.period IS NOT NULL AND b.fiscal_year_start IS NOT NULL
              AND b.fiscal_year_start * 100 + b.period = (SELECT MAX(x.fiscal_year_start * 100 + x.period) FROM etl.batch AS x
                  WHERE x.source = b.source AND x.batch_id > 0 AND x.state = @loaded AND x.period IS NOT NULL AND x.fiscal_year_start IS NOT NULL)
            """, new { loaded = BatchState.Loaded.Stored() }, cancellationToken: cancellationToken)))
            .GroupBy(r => (string)r.source, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (Period: new FiscalPeriod((int)(short)g.First().fiscal_year_start, (int)(short)g.First().period),
                At: g.Max(r => Utc((object?)r.finished_utc))), StringComparer.OrdinalIgnoreCase);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone);
        var statuses = new List<SourceStatus>();
        foreach (var (source, configured) in sources.All.Select(s => (s, true)).Concat(sources.NotConfigured.Select(s => (s, false))))
        {
            last.TryGetValue(source.Name, out var row);
            loaded.TryGetValue(source.Name, out DateTime? lastLoaded);
            var held = periods.TryGetValue(source.Name, out var p) ? p : ((FiscalPeriod Period, DateTime? At)?)null;
            var freshness = configured
                ? Assess(options.Freshness.DueWorkingDayOf(source.Name), options.Freshness.EveryMonthsOf(source.Name), held?.Period,
                    lastLoaded is not null, now, zone, _holidays)
                : new Freshness(FreshnessFlag.NotScored, null, "not configured: the nightly job does not run it (set its operational connection string)");
            statuses.Add(new SourceStatus(source.Name, source.Description, configured, (int?)row?.batch_id, (string?)row?.state, (string?)row?.file_name,
                row is null ? null : (DateTime?)(Utc((object?)row.finished_utc) ?? Utc((object?)row.started_utc)), (long?)row?.rows_loaded, (string?)row?.message,
                lastLoaded, held?.Period, held?.At, freshness, sources.IsExtract(source) || !configured ? 0 : folders.Waiting(source.Name).Count));
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
            return new RejectedBatch((int)r.batch_id, (string)r.source, (string?)r.file_name, (string)r.state, Utc((object?)r.started_utc), (string?)r.message,
                mine.Take(ErrorsPerRejection).ToList(), Math.Max(mine.Count, (int?)r.rows_rejected ?? 0),
                FindReport((string)r.source, (string?)r.file_name, (int)r.batch_id));
        }).ToList();

        var checks = (await connection.QueryAsync(new CommandDefinition("""
            SELECT r.batch_id, r.source, r.file_name, r.measure, r.scope, r.source_value, r.loaded_value, r.difference, r.result FROM report.reconciliation AS r
            WHERE r.batch_id IN (SELECT MAX(c.batch_id) FROM etl.control_total AS c JOIN etl.batch AS b ON b.batch_id = c.batch_id GROUP BY b.source)
            ORDER BY r.source, r.measure, r.scope
            """, cancellationToken: cancellationToken)))
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

    /// <summary>`Mar-19 (2018/19 P12)`, or `2018/19 P13 closedown`.</summary>
    public static string PeriodLabel(FiscalPeriod period) => period.IsClosedown
        ? $"{period.FiscalYear} P13 closedown"
        : $"{period.Label} ({period.FiscalYear} P{period.Period})";

    /// <summary>
    /// Late against the source's cadence, judged by the data period it holds, not by when a file arrived: the period
    /// after the one held (<paramref name="everyMonths"/> later) is due by working day <paramref name="dueWorkingDay"/>
    /// of the month after it ends (England and Wales working days, dates in <paramref name="zone"/>). A due day of 0,
    /// or a source whose loads record no period (reference data), is not scored.
    /// </summary>
    public static Freshness Assess(int dueWorkingDay, int everyMonths, FiscalPeriod? held, bool everLoaded, DateTime utcNow, TimeZoneInfo zone,
        BankHolidayCalendar? calendar = null)
    {
        if (dueWorkingDay <= 0)
            return new Freshness(FreshnessFlag.NotScored, null, "reference data: not scored");
        if (held is null && everLoaded)
            return new Freshness(FreshnessFlag.NotScored, null, "no data period recorded: not scored");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone));
        if (held is not { } period)
        {
            var firstDue = WorkingDays.Nth(today.Year, today.Month, dueWorkingDay, calendar);
            return today > firstDue
                ? new Freshness(FreshnessFlag.Late, firstDue, $"LATE: never loaded; due by working day {dueWorkingDay} ({firstDue:ddd d MMM yyyy})")
                : new Freshness(FreshnessFlag.Due, firstDue, $"never loaded; due by working day {dueWorkingDay} ({firstDue:ddd d MMM yyyy})");
        }
        var heldMonth = new DateOnly(period.PeriodEnd.Year, period.PeriodEnd.Month, 1);
        var nextMonth = heldMonth.AddMonths(everyMonths);
        var next = FiscalPeriod.FromDate(nextMonth.ToDateTime(TimeOnly.MinValue)).Label;
        var dueMonth = nextMonth.AddMonths(1);
        var due = WorkingDays.Nth(dueMonth.Year, dueMonth.Month, dueWorkingDay, calendar);
        return today > due
            ? new Freshness(FreshnessFlag.Late, due, $"LATE: {next} was due by {due:ddd d MMM yyyy}")
            : new Freshness(FreshnessFlag.Current, due, $"current; {next} due by {due:ddd d MMM yyyy}");
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
