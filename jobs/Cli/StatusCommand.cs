using System.Globalization;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;
using Warehouse.Jobs.Status;

namespace Warehouse.Jobs.Cli;

/// <summary>`status`: what the status page shows, in the terminal.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        var limit = int.TryParse(context.Option("--limit") ?? "10", out var n) && n > 0
            ? n
            : throw new UsageException("--limit takes a positive whole number.");
        var configuration = context.Configuration();
        var engine = Commands.ResolveEngine(context);
        var pending = new Migrator(engine).PendingScripts();
        if (pending.Count > 0)
        {
            context.Output.WriteLine($"The warehouse has {pending.Count} migration(s) to apply: run `warehouse migrate`.");
            return ExitCodes.Ok;
        }
        var options = JobsOptions.From(configuration, context.WorkingDirectory);
        var sources = SourceList.FromCatalog(configuration);
        var status = await new StatusReader(engine, sources, new InboxFolders(options), options)
            .ReadAsync(rejections: limit, reconciliation: limit * 4, failedJobs: limit, cancellationToken: context.Cancellation);
        Write(context.Output, status, TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone),
            await LoadActivity.ProbeAsync(engine, context.Cancellation));
        return ExitCodes.Ok;
    }

    public static void Write(TextWriter output, StatusSnapshot status, TimeZoneInfo zone, IReadOnlyDictionary<int, BatchActivity>? activity = null)
    {
        // An unfinished batch is shown as what it is doing now: waiting, running or interrupted (its process died).
        string State(SourceStatus s) => s.LastBatchId is { } id && activity?.TryGetValue(id, out var now) == true
            ? now.Describe()
            : s.LastState?.Stored() ?? "never";

        string Local(DateTime? utc) => utc is { } at
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "";

        // Columns as wide as their longest entry, so long source names (indicator-catalogue) keep the table straight.
        var nameWidth = status.Sources.Select(s => s.Name.Length).Append("source".Length).Max();
        output.WriteLine($"Last load per source (times in {zone.Id})");
        output.WriteLine($"  {"source".PadRight(nameWidth)} {"batch",6} {"state",-11} {"when",-16} {"rows",8}  {"inbox",5}  freshness / file");
        foreach (var s in status.Sources)
        {
            output.WriteLine($"  {s.Name.PadRight(nameWidth)} {s.LastBatchId?.ToString(CultureInfo.InvariantCulture) ?? "-",6} {State(s),-11} {Local(s.LastAtUtc),-16} {s.LastRows?.ToString("N0", CultureInfo.InvariantCulture) ?? "",8}  {s.Waiting,5}  {s.FreshnessText}{(s.LastFile is null ? "" : "  — " + s.LastFile)}");
            if (s.LastState is { } state && state != BatchState.Loaded && s.LastLoadedUtc is not null)
                output.WriteLine($"  {"".PadRight(nameWidth)} last successful load {Local(s.LastLoadedUtc)}");
        }

        output.WriteLine();
        output.WriteLine("Rejections and failed loads");
        if (status.Rejections.Count == 0)
            output.WriteLine("  none");
        foreach (var r in status.Rejections)
        {
            output.WriteLine($"  batch {r.BatchId} {r.State.Stored()} {Local(r.AtUtc)}  {r.Source}: {r.File}");
            output.WriteLine($"    {r.Message}");
            foreach (var e in r.Errors.Take(5))
                output.WriteLine($"    - {e}");
            if (r.ErrorCount > 5)
                output.WriteLine($"    … {r.ErrorCount - 5} more{(r.ReportPath is null ? "" : $": {r.ReportPath}")}");
            else if (r.ReportPath is not null)
                output.WriteLine($"    report: {r.ReportPath}");
        }

        output.WriteLine();
        output.WriteLine("Reconciliation (source control totals against what landed)");
        if (status.Reconciliation.Count == 0)
            output.WriteLine("  no control totals yet");
        var sourceWidth = status.Reconciliation.Select(c => c.Source.Length).Append(1).Max();
        var measureWidth = status.Reconciliation.Select(c => c.Measure.Length).Append(1).Max();
        var scopeWidth = status.Reconciliation.Select(c => (c.Scope ?? "").Length).Append(1).Max();
        foreach (var c in status.Reconciliation)
            output.WriteLine($"  batch {c.BatchId,-5} {c.Source.PadRight(sourceWidth)} {c.Measure.PadRight(measureWidth)} {(c.Scope ?? "").PadRight(scopeWidth)} {c.SourceValue,14:N2} {c.LoadedValue?.ToString("N2", CultureInfo.InvariantCulture) ?? "missing",14}  {c.Result}");

        output.WriteLine();
        output.WriteLine("Failed jobs");
        if (status.FailedJobs.Count == 0)
            output.WriteLine("  none");
        foreach (var j in status.FailedJobs)
            output.WriteLine($"  {Local(j.AtUtc)} {j.Job} {j.Source} attempt {j.Attempt}{(j.WillRetry ? " (will retry)" : "")}: {j.Message}");
    }
}
