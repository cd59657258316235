using System.Globalization;
using System.Net;
using System.Text;

namespace Warehouse.Jobs.Status;

/// <summary>The status page: plain server-rendered HTML, no script, readable on a phone and in a screenshot.</summary>
public static class StatusPage
{
    public static string Render(StatusSnapshot status, TimeZoneInfo zone, IReadOnlyList<RunSummary>? runs = null)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Warehouse status</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
            table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#eee}.late,.rejected,.failed,.mismatch,.missing,.never-loaded{background:#fbe3e3;font-weight:600}.due{background:#fff4d6}
            .current,.loaded,.match{background:#e3f4e3}.not-configured,.notscored{color:#555}.muted{color:#666}pre{background:#f6f6f6;padding:.5rem;white-space:pre-wrap}
            </style></head><body>
            """);
        html.Append("<h1>Warehouse status</h1>");
        html.Append($"<p class=\"muted\">As at {Local(status.GeneratedUtc, zone)} ({E(zone.Id)}). Dashboard: <a href=\"/hangfire\">/hangfire</a> · health: <a href=\"/health\">/health</a></p>");

        var verdict = status.Verdict;
        html.Append($"<p id=\"verdict\" class=\"{(verdict.AllWell ? "current" : "late")}\"><strong>{E(verdict.Text)}</strong></p>");
        html.Append("<h2 id=\"sources\">Data period per source</h2><table><thead><tr><th>Source</th><th>State</th><th>Data period held</th><th>Arrived</th><th>Next due</th><th>Last batch</th><th>File</th><th>When</th><th>Rows</th><th>Waiting in inbox</th></tr></thead><tbody>");
        foreach (var s in status.Sources)
        {
            html.Append($"<tr data-source=\"{E(s.Name)}\"><td><strong>{E(s.Name)}</strong><br><span class=\"muted\">{E(s.Description)}</span></td>");
            html.Append($"<td class=\"{E(s.State.Replace(' ', '-'))}\">{E(s.State)}</td>");
            html.Append($"<td>{E(s.DataPeriodLabel ?? "—")}</td><td>{(s.DataPeriodLoadedUtc is { } arrived ? Local(arrived, zone) : s.LastLoadedUtc is { } ok ? Local(ok, zone) : "never")}</td>");
            html.Append($"<td class=\"{s.Freshness.Flag.ToString().ToLowerInvariant()}\">{E(s.Freshness.Text)}</td>");
            html.Append($"<td>{s.LastBatchId?.ToString(CultureInfo.InvariantCulture) ?? "—"}</td><td>{E(s.LastFile ?? "")}</td><td>{(s.LastAtUtc is { } at ? Local(at, zone) : "")}</td>");
            html.Append($"<td>{s.LastRows?.ToString("N0", CultureInfo.InvariantCulture) ?? ""}</td><td>{s.Waiting}</td></tr>");
        }
        html.Append("</tbody></table>");
        html.Append("<p class=\"muted\">Next due: the period after the one held, by the source's working day of the month after it ends (England and Wales working days). Reference data is not scored.</p>");

        html.Append("<h2 id=\"runs\">Nightly runs</h2>");
        html.Append(RunTable(runs ?? [], zone));
        html.Append("<p class=\"muted\"><a href=\"/runs\">Full run history</a></p>");

        html.Append("<h2 id=\"rejections\">Rejections and failed loads</h2>");
        if (status.Rejections.Count == 0)
            html.Append("<p>None.</p>");
        foreach (var r in status.Rejections)
        {
            html.Append($"<section class=\"rejection\" data-batch=\"{r.BatchId}\"><h3><span class=\"{E(r.State)}\">{E(r.State)}</span> — {E(r.Source)}: {E(r.File ?? "(extract)")} (batch {r.BatchId}, {(r.AtUtc is { } at ? Local(at, zone) : "")})</h3>");
            html.Append($"<p>{E(r.Message ?? "")}</p>");
            if (r.ReportPath is not null)
                html.Append($"<p>Report beside the file: <a href=\"/reports/{Uri.EscapeDataString(r.Source)}/{Uri.EscapeDataString(Path.GetFileName(r.ReportPath))}\">{E(Path.GetFileName(r.ReportPath))}</a> (in the source's <code>rejected/</code> folder)</p>");
            if (r.Errors.Count > 0)
            {
                html.Append("<table><thead><tr><th>Sheet</th><th>Row</th><th>Column</th><th>Value</th><th>Why</th></tr></thead><tbody>");
                foreach (var e in r.Errors)
                    html.Append($"<tr><td>{E(e.Sheet ?? "")}</td><td>{e.Row?.ToString(CultureInfo.InvariantCulture) ?? ""}</td><td>{E(e.Column ?? "")}</td><td>{E(e.Value ?? "")}</td><td>{E(e.Reason)}</td></tr>");
                html.Append("</tbody></table>");
                if (r.ErrorCount > r.Errors.Count)
                    html.Append($"<p class=\"muted\">… and {r.ErrorCount - r.Errors.Count} more in the report.</p>");
            }
            html.Append("</section>");
        }

        html.Append("<h2 id=\"reconciliation\">Reconciliation (each source's latest control totals against what landed)</h2>");
        if (status.Reconciliation.Count == 0)
            html.Append("<p>No control totals yet.</p>");
        else
        {
            html.Append("<table><thead><tr><th>Batch</th><th>Source</th><th>File</th><th>Measure</th><th>Scope</th><th>Source value</th><th>Loaded</th><th>Difference</th><th>Result</th></tr></thead><tbody>");
            foreach (var c in status.Reconciliation)
                html.Append($"<tr><td>{c.BatchId}</td><td>{E(c.Source)}</td><td>{E(c.File ?? "")}</td><td>{E(c.Measure)}</td><td>{E(c.Scope)}</td><td>{N(c.SourceValue, c.IsCount)}</td><td>{N(c.LoadedValue, c.IsCount)}</td><td>{N(c.Difference, c.IsCount)}</td><td class=\"{E(c.Result.Replace(' ', '-'))}\">{E(c.Result)}</td></tr>");
            html.Append("</tbody></table>");
        }

        html.Append("<h2 id=\"failed-jobs\">Failed jobs</h2>");
        if (status.FailedJobs.Count == 0)
            html.Append("<p>None.</p>");
        else
        {
            html.Append("<table><thead><tr><th>When</th><th>Job</th><th>Source</th><th>Attempt</th><th>Retrying</th><th>Error</th></tr></thead><tbody>");
            foreach (var j in status.FailedJobs)
                html.Append($"<tr><td>{(j.AtUtc is { } at ? Local(at, zone) : "")}</td><td>{E(j.Job)}{(j.HangfireJobId is null ? "" : $" <a href=\"/hangfire/jobs/details/{E(j.HangfireJobId)}\">#{E(j.HangfireJobId)}</a>")}</td><td>{E(j.Source ?? "")}</td><td>{j.Attempt}</td><td>{(j.WillRetry ? "yes" : "no")}</td><td class=\"failed\">{E(j.Message ?? "")}</td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The run history page (/runs): one row per nightly run.</summary>
    public static string RenderRuns(IReadOnlyList<RunSummary> runs, TimeZoneInfo zone) =>
        $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Nightly runs</title><style>body{{font-family:system-ui,sans-serif;margin:1.5rem}}table{{border-collapse:collapse}}th,td{{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}}.rejected,.failed{{background:#fbe3e3}}</style></head><body><h1>Nightly runs</h1><p><a href=\"/\">Status</a></p>{RunTable(runs, zone)}</body></html>";

    private static string RunTable(IReadOnlyList<RunSummary> runs, TimeZoneInfo zone)
    {
        if (runs.Count == 0)
            return "<p>No nightly run yet.</p>";
        var html = new StringBuilder("<table><thead><tr><th>Run</th><th>Started</th><th>Finished</th><th>By</th><th>Sources</th><th>Loaded</th><th>Rejected</th><th>Failed</th><th>Late</th><th>Summary</th></tr></thead><tbody>");
        foreach (var r in runs)
            html.Append($"<tr data-run=\"{r.Id}\"><td>{r.Id}</td><td>{Local(r.StartedUtc, zone)}</td><td>{(r.FinishedUtc is { } f ? Local(f, zone) : "running")}</td><td>{E(r.Trigger)}</td><td>{r.Sources}</td><td>{r.FilesLoaded}</td>" +
                        $"<td class=\"{(r.Rejected > 0 ? "rejected" : "")}\">{r.Rejected}</td><td class=\"{(r.Failed > 0 ? "failed" : "")}\">{r.Failed}</td><td>{r.Late}</td><td>{E(r.Text)}</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    public static string N(decimal? value, bool count) => value?.ToString(count ? "N0" : "N2", CultureInfo.InvariantCulture) ?? "—";

    private static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
