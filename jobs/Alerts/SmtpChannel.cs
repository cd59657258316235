using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Warehouse.Jobs.Alerts;

/// <summary>E-mail through an SMTP server with MailKit (plain text; STARTTLS when offered unless configured otherwise).</summary>
public sealed class SmtpChannel(SmtpSettings settings, TimeSpan timeout) : IAlertChannel
{
    public string Name => "smtp";

    public async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From!));
        foreach (var to in settings.Recipients)
            message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"[warehouse] {alert.Title}";
        message.Body = new TextPart("plain") { Text = alert.Text };

        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        var security = Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
        await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
        if (!string.IsNullOrWhiteSpace(settings.Username))
            await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
