namespace Warehouse.Jobs.Alerts;

/// <summary>`Warehouse:Alerts`: a webhook (Teams or Slack incoming webhook) and/or e-mail. Nothing set: no alerts.</summary>
public sealed class AlertSettings
{
    /// <summary>Incoming-webhook URL (Teams, Slack, or anything that takes a JSON POST with `text`).</summary>
    public string? WebhookUrl { get; set; }

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Seconds before a webhook or SMTP server that does not answer is given up (the load never waits longer).</summary>
    public double TimeoutSeconds { get; set; } = 15;

    /// <summary>The status page's address as the team reaches it, put in every alert (e.g. https://warehouse.council.local/).</summary>
    public string? StatusPageUrl { get; set; }

    public bool WebhookConfigured => !string.IsNullOrWhiteSpace(WebhookUrl);
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>`Auto` (STARTTLS when the server offers it), `None`, `StartTls` or `SslOnConnect`.</summary>
    public string Security { get; set; } = "Auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }
    /// <summary>Recipients, separated by `,` or `;`.</summary>
    public string? To { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From) && !string.IsNullOrWhiteSpace(To);

    public IReadOnlyList<string> Recipients => (To ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
