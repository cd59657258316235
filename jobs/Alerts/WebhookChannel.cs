using System.Net.Http.Json;

namespace Warehouse.Jobs.Alerts;

/// <summary>
/// A JSON POST that both Slack and Teams incoming webhooks accept: `text` (Slack shows it; Teams shows `title` and
/// `text`), `summary` for Teams' notification line, and `warehouse` with the fields a script may want.
/// </summary>
public sealed class WebhookChannel(string url, TimeSpan timeout) : IAlertChannel
{
    private static readonly HttpClient Http = new();

    public string Name => "webhook";

    public async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var body = new
        {
            title = alert.Title,
            summary = alert.Title,
            text = $"{alert.Title}\n{alert.Text}",
            warehouse = new { kind = alert.Kind.ToString(), source = alert.Source, batch = alert.BatchId },
        };
        using var response = await Http.PostAsJsonAsync(url, body, timeoutSource.Token);
        response.EnsureSuccessStatusCode();
    }
}
