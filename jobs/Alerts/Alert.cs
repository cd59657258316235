namespace Warehouse.Jobs.Alerts;

/// <summary>What an alert is about: a rejected file or extract, a failed job or source, or the nightly run's summary (which names late sources).</summary>
public enum AlertKind { Rejected, Failed, Late, NightlySummary }

/// <param name="Title">One line: the chat message's heading and the e-mail's subject.</param>
/// <param name="Text">The body: plain text, a few lines; never row data or personal data, only where to look.</param>
public sealed record Alert(AlertKind Kind, string Title, string Text, string? Source = null, int? BatchId = null);

/// <summary>Somewhere an alert is delivered (a webhook, an SMTP server).</summary>
public interface IAlertChannel
{
    string Name { get; }
    Task SendAsync(Alert alert, CancellationToken cancellationToken);
}
