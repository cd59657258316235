using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;
using Warehouse.Jobs.Status;

namespace Warehouse.Jobs.Cli;

/// <summary>`status`: what the status page shows, in the terminal, or as JSON for a script (`--json`).</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        var limit = int.TryParse(context.Option("--limit") ?? "10", out var n) && n > 0
            ? n
            : throw new UsageException("--limit takes a positive whole number.");
        var json = context.Args.Contains("--json");
        var configuration = context.Configuration();
        var engine = Commands.ResolveEngine(context);
        var pending = new Migrator(engine).PendingScripts();
        if (pending.Count > 0)
        {
            context.Error.WriteLine($"The warehouse has {pending.Count} migration(s) to apply: run `warehouse migrate`.");
            return ExitCodes.Infrastructure;
        }
        var options = JobsOptions.From(configuration, context.WorkingDirectory);
        var sources = SourceList.FromCatalog(configuration);
        var status = await new StatusReader(engine, sources, new InboxFolders(options), options)
            .ReadAsync(rejections: limit, failedJobs: limit, cancellationToken: context.Cancellation);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone);
        if (json)
            context.Output.WriteLine(StatusJson.Write(status, zone));
        else
            Write(context.Output, status, zone, await LoadActivity.ProbeAsync(engine, context.Cancellation));
        return ExitCodes.Ok;
    }

    public static void Write(TextWriter output, StatusSnapshot status, TimeZoneInfo zone, IReadOnlyDictionary<int, BatchActivity>? activity = null)
    {
        // An unfinished batch is shown as what it is doing now: waiting, running or interrupted (its process died).
        string State(SourceStatus s) => s.LastBatchId is { } id && activity?.TryGetValue(id, out var now) == true
            ? now.Describe()
            : s.State;

        string Local(DateTime? utc) => utc is { } at
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)
            : "";

        output.WriteLine(status.Verdict.Text);
        output.WriteLine();
        // Columns as wide as their longest entry, so long source names (indicator-catalogue) keep the table straight.
        var nameWidth = status.Sources.Select(s => s.Name.Length).Append("source".Length).Max();
        var stateWidth = status.Sources.Select(s => State(s).Length).Append("state".Length).Max();
        var periodWidth = status.Sources.Select(s => (s.DataPeriodLabel ?? "-").Length).Append("data period".Length).Max();
        output.WriteLine($"Data period per source (times in {zone.Id})");
        output.WriteLine($"  {"source".PadRight(nameWidth)} {"batch",6} {"state".PadRight(stateWidth)} {"data period".PadRight(periodWidth)} {"arrived",-16} {"rows",8}  {"inbox",5}  freshness / file");
        foreach (var s in status.Sources)
        {
            output.WriteLine($"  {s.Name.PadRight(nameWidth)} {s.LastBatchId?.ToString(CultureInfo.InvariantCulture) ?? "-",6} {State(s).PadRight(stateWidth)} {(s.DataPeriodLabel ?? "-").PadRight(periodWidth)} {Local(s.DataPeriodLoadedUtc ?? s.LastLoadedUtc),-16} {s.LastRows?.ToString("N0", CultureInfo.InvariantCulture) ?? "",8}  {s.Waiting,5}  {s.Freshness.Text}{(s.LastFile is null ? "" : "  — " + s.LastFile)}");
            if (s.LastRejected && s.LastLoadedUtc is not null)
                output.WriteLine($"  {"".PadRight(nameWidth)} last successful load {Local(s.LastLoadedUtc)}");
        }

        output.WriteLine();
        output.WriteLine("Rejections and failed loads");
        if (status.Rejections.Count == 0)
            output.WriteLine("  none");
        foreach (var r in status.Rejections)
        {
            output.WriteLine($"  batch {r.BatchId} {r.State} {Local(r.AtUtc)}  {r.Source}: {r.File}");
            output.WriteLine($"    {r.Message}");
            foreach (var e in r.Errors.Take(5))
                output.WriteLine($"    - {e}");
            if (r.ErrorCount > 5)
                output.WriteLine($"    … {r.ErrorCount - 5} more{(r.ReportPath is null ? "" : $": {r.ReportPath}")}");
            else if (r.ReportPath is not null)
                output.WriteLine($"    report: {r.ReportPath}");
        }

        output.WriteLine();
        output.WriteLine("Reconciliation (each source's latest control totals against what landed)");
        if (status.Reconciliation.Count == 0)
            output.WriteLine("  no control totals yet");
        var sourceWidth = status.Reconciliation.Select(c => c.Source.Length).Append(1).Max();
        var measureWidth = status.Reconciliation.Select(c => c.Measure.Length).Append(1).Max();
        var scopeWidth = status.Reconciliation.Select(c => (c.Scope ?? "").Length).Append(1).Max();
        foreach (var c in status.Reconciliation)
            output.WriteLine($"  batch {c.BatchId,-5} {c.Source.PadRight(sourceWidth)} {c.Measure.PadRight(measureWidth)} {(c.Scope ?? "").PadRight(scopeWidth)} {StatusPage.N(c.SourceValue, c.IsCount),14} {(c.LoadedValue is null ? "missing" : StatusPage.N(c.LoadedValue, c.IsCount)),14}  {c.Result}");

        output.WriteLine();
        output.WriteLine("Failed jobs");
        if (status.FailedJobs.Count == 0)
            output.WriteLine("  none");
        foreach (var j in status.FailedJobs)
            output.WriteLine($"  {Local(j.AtUtc)} {j.Job} {j.Source} attempt {j.Attempt}{(j.WillRetry ? " (will retry)" : "")}: {j.Message}");
    }
}

/// <summary>`status --json`: one object for scripts and monitoring; names are snake_case, times ISO 8601 UTC, dates ISO.</summary>
public static class StatusJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(StatusSnapshot status, TimeZoneInfo zone) => JsonSerializer.Serialize(new
    {
        GeneratedUtc = status.GeneratedUtc,
        TimeZone = zone.Id,
        Verdict = status.Verdict.Text,
        Counts = status.Verdict,
        Sources = status.Sources.Select(s => new
        {
            Source = s.Name,
            s.State,
            DataPeriod = s.DataPeriodLabel,
            FiscalYear = s.DataPeriod?.FiscalYear,
            Period = s.DataPeriod?.Period,
            LoadedAt = s.DataPeriodLoadedUtc ?? s.LastLoadedUtc,
            Due = s.Freshness.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            s.Freshness.Late,
            Freshness = s.Freshness.Text,
            Scored = s.Freshness.Flag != FreshnessFlag.NotScored,
            s.Configured,
            LastBatchId = s.LastBatchId,
            LastBatchState = s.LastState,
            LastFile = s.LastFile,
            LastRows = s.LastRows,
            WaitingInInbox = s.Waiting,
        }),
        Rejections = status.Rejections.Select(r => new { r.BatchId, r.Source, r.File, r.State, At = r.AtUtc, r.Message, r.ErrorCount, r.ReportPath }),
        Reconciliation = status.Reconciliation.Select(c => new
        {
            c.BatchId, c.Source, c.File, c.Measure, c.Scope,
            // Counts are integers in the JSON too: 197, not 197.00.
            SourceValue = c.IsCount ? (object)(long)c.SourceValue : c.SourceValue,
            LoadedValue = c.LoadedValue is { } l ? c.IsCount ? (object)(long)l : l : null,
            c.Result,
        }),
        FailedJobs = status.FailedJobs.Select(j => new { At = j.AtUtc, j.Job, j.Source, j.Attempt, j.WillRetry, j.Message }),
    }, Options);
}
