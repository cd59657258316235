using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace Warehouse.Jobs.Hosting;

/// <summary>
/// Who may see the dashboard and the status page: requests from this machine, or (only when
/// Warehouse:Dashboard:Username and Password are configured) remote requests with those credentials
/// by HTTP basic authentication. Put a TLS proxy in front before opening it beyond a trusted network.
/// </summary>
public sealed class AccessPolicy(JobsOptions options)
{
    /// <summary>Headers a proxy uses to say who the caller is; any left after the trusted-proxy step means a proxy we do not trust.</summary>
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Real-IP"];

    public bool IsLocal(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        // No address at all (an in-process test server) is not proof of a local caller.
        if (remote is null)
            return false;
        // A proxy on this machine makes every caller look local: a request that came through one is never local.
        // A trusted proxy's headers were consumed by the forwarded-headers step (the address is then the caller's).
        if (ForwardingHeaders.Any(h => context.Request.Headers.ContainsKey(h)))
            return false;
        return IPAddress.IsLoopback(remote) || remote.Equals(context.Connection.LocalIpAddress);
    }

    public bool IsAllowed(HttpContext context) => IsLocal(context) || HasValidCredentials(context);

    /// <summary>Answers 401 with a basic-auth challenge when remote access is configured, 403 when it is not.</summary>
    public void Refuse(HttpContext context)
    {
        if (options.Dashboard.CredentialsConfigured)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"warehouse\", charset=\"UTF-8\"";
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    private bool HasValidCredentials(HttpContext context)
    {
        if (!options.Dashboard.CredentialsConfigured)
            return false;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0)
            return false;
        return Same(decoded[..colon], options.Dashboard.Username!) & Same(decoded[(colon + 1)..], options.Dashboard.Password!);
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

/// <summary>Hangfire's dashboard asks this filter; it answers with the same policy as the status page.</summary>
public sealed class DashboardAccessFilter(AccessPolicy policy) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (policy.IsAllowed(http))
            return true;
        policy.Refuse(http);
        return false;
    }
}
