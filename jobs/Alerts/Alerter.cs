using Microsoft.Extensions.Logging.Abstractions;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;
using Warehouse.Jobs.Status;

namespace Warehouse.Jobs.Alerts;

/// <summary>
/// Sends alerts to every configured channel. Never throws: a webhook that is down or an SMTP server that refuses is
/// logged as a warning and the load, job or run that raised the alert carries on with its own outcome.
/// </summary>
public sealed class Alerter
{
    private readonly IReadOnlyList<IAlertChannel> _channels;
    private readonly ILogger _logger;
    private readonly string? _statusPage;

    public Alerter(AlertSettings settings, ILogger? logger = null, IEnumerable<IAlertChannel>? extra = null)
    {
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds > 0 ? settings.TimeoutSeconds : 15);
        var channels = new List<IAlertChannel>();
        if (settings.WebhookConfigured)
            channels.Add(new WebhookChannel(settings.WebhookUrl!.Trim(), timeout));
        if (settings.Smtp.Configured)
            channels.Add(new SmtpChannel(settings.Smtp, timeout));
        channels.AddRange(extra ?? []);
        _channels = channels;
        _logger = logger ?? NullLogger.Instance;
        _statusPage = string.IsNullOrWhiteSpace(settings.StatusPageUrl) ? null : settings.StatusPageUrl.Trim();
    }

    public bool Enabled => _channels.Count > 0;

    public async Task SendAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        if (_channels.Count == 0)
            return;
        if (_statusPage is not null)
            alert = alert with { Text = $"{alert.Text}\nStatus page: {_statusPage}" };
        foreach (var channel in _channels)
        {
            try
            {
                await channel.SendAsync(alert, cancellationToken);
                _logger.LogInformation("alert sent by {Channel}: {Title}", channel.Name, alert.Title);
            }
            catch (Exception ex)
            {
                // The alert is lost, not the load: say so where the operator looks next.
                _logger.LogWarning("alert by {Channel} failed ({Error}): {Title}", channel.Name, ex.GetType().Name + ": " + ex.Message, alert.Title);
            }
        }
    }

    /// <summary>One alert per rejected file or extract of a source's run (nothing when all loaded).</summary>
    public async Task RejectedAsync(SourceRunResult result, CancellationToken cancellationToken = default)
    {
        foreach (var file in result.Files.Where(f => f.Rejected))
            await SendAsync(RejectedFile(file), cancellationToken);
        if (result.Extract is { Succeeded: false, Status: not Etl.Core.Pipeline.LoadStatus.Busy } extract)
            await SendAsync(new Alert(AlertKind.Rejected, $"{result.Source}: extract {extract.Status.Words()} (batch {extract.BatchId})",
                $"{extract.Message}\nDetails: `warehouse status` or report.rejections (batch {extract.BatchId}).", result.Source, extract.BatchId), cancellationToken);
    }

    public static Alert RejectedFile(InboxResult file) => new(AlertKind.Rejected,
        $"{file.Source}: {file.FileName} {file.Outcome!.Status.Words()} (batch {file.Outcome.BatchId})",
        $"{file.Outcome.Message}\nThe file was moved to the source's rejected/ folder" +
        (file.ReportPath is null ? "." : $" with its report: {Path.GetFileName(file.ReportPath)}.") +
        "\nNothing of it was loaded; fix the file and drop it into the inbox again.", file.Source, file.Outcome.BatchId);

    public Task FailedAsync(string job, string? source, Exception exception, CancellationToken cancellationToken = default) =>
        SendAsync(new Alert(AlertKind.Failed, $"{source ?? job}: failed ({Failures.Classify(exception).Words()})",
            $"{job} {source} failed and will not be retried: {exception.GetType().Name}: {exception.Message.Split('\n')[0].Trim()}\n" +
            "Any file stays in processing/ and is resumed by the next run; the log has the details.", source), cancellationToken);

    /// <summary>The once-a-night message: the run's counts, the late sources and the status verdict.</summary>
    public Task NightlyAsync(RunSummary run, StatusSnapshot status, CancellationToken cancellationToken = default)
    {
        var late = status.Sources.Where(s => s.Freshness.Late).ToList();
        var lines = new List<string> { run.Text, $"Status: {status.Verdict.Text}." };
        lines.AddRange(late.Select(s => $"LATE {s.Name}: holds {s.DataPeriodLabel ?? "nothing"}; {s.Freshness.Text}"));
        lines.AddRange(status.Sources.Where(s => s.Configured && s.LastRejected).Select(s => $"REJECTED {s.Name}: {s.LastFile ?? "(extract)"} (batch {s.LastBatchId})"));
        var kind = late.Count > 0 ? AlertKind.Late : AlertKind.NightlySummary;
        return SendAsync(new Alert(kind, $"Nightly run: {run.Headline}{(late.Count > 0 ? $", {late.Count} late" : "")}", string.Join('\n', lines)), cancellationToken);
    }
}
