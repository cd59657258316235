using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Warehouse.Tests.Jobs;

/// <summary>The dashboard and status page: local requests only by default; remote access only with configured credentials.</summary>
public sealed class DashboardAccessTests : DatabaseTest<PostgresProvider>
{
    private const string Remote = "203.0.113.7";

    private static async Task<(int Status, string Body, HttpContext Context)> GetAsync(JobsTestHost host, string path, string ip, string? basic = null)
    {
        var context = await host.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
            if (basic is not null)
                c.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic));
        });
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, body, context);
    }

    [SkippableTheory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task DashboardAndStatusPage_AnswerLocalRequests(string ip)
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);

        var dashboard = await GetAsync(host, "/hangfire", ip);
        var status = await GetAsync(host, "/", ip);

        Assert.Equal(200, dashboard.Status);
        Assert.Contains("Warehouse jobs", dashboard.Body);
        Assert.Equal(200, status.Status);
        Assert.Contains("Warehouse status", status.Body);
    }

    [SkippableFact]
    public async Task DashboardAndStatusPage_RefuseRemoteRequests_WhenNoCredentialsAreConfigured()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);

        var dashboard = await GetAsync(host, "/hangfire", Remote, "admin:guess");
        var status = await GetAsync(host, "/", Remote);

        Assert.Equal(401, dashboard.Status);
        Assert.DoesNotContain("Warehouse jobs", dashboard.Body);
        Assert.Equal(403, status.Status);
        Assert.DoesNotContain("Warehouse status", status.Body);
    }

    [SkippableFact]
    public async Task Dashboard_AdmitsRemoteRequests_OnlyWithTheConfiguredCredentials()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, new Dictionary<string, string?>
        {
            ["Warehouse:Dashboard:Username"] = "bi-team",
            ["Warehouse:Dashboard:Password"] = "s3cret-enough",
        });

        var anonymous = await GetAsync(host, "/hangfire", Remote);
        var wrong = await GetAsync(host, "/hangfire", Remote, "bi-team:nope");
        var right = await GetAsync(host, "/hangfire", Remote, "bi-team:s3cret-enough");
        var status = await GetAsync(host, "/", Remote, "bi-team:s3cret-enough");

        Assert.Equal(401, anonymous.Status);
        Assert.StartsWith("Basic", anonymous.Context.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal(401, wrong.Status);
        Assert.Equal(200, right.Status);
        Assert.Contains("Warehouse jobs", right.Body);
        Assert.Equal(200, status.Status);
    }

    [SkippableFact]
    public async Task Health_SaysHealthyAndNothingElse_ToAnyCaller()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);

        var health = await GetAsync(host, "/health", Remote);

        Assert.Equal(200, health.Status);
        Assert.Equal("{\"status\":\"healthy\"}", health.Body);
    }

    [SkippableFact]
    public async Task Health_WhenTheDatabaseIsUnreachable_SaysUnhealthy_WithoutTheDatabasesError()
    {
        // A port nothing listens on: the engine cannot connect, and the reason must not reach an anonymous caller.
        var unreachable = Warehouse.Database.Engines.WarehouseEngines.Create(Warehouse.Database.Engines.EngineKind.PostgreSql,
            "Host=127.0.0.1;Port=1;Database=nowhere;Username=secret_login;Timeout=2");
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, customise: b => b.Services.AddSingleton(unreachable));

        var health = await GetAsync(host, "/health", Remote);

        Assert.Equal(503, health.Status);
        Assert.Equal("{\"status\":\"unhealthy\"}", health.Body);
    }

    private static async Task<(int Status, string Body, HttpContext Context)> SendAsync(JobsTestHost host, string method, string path, string ip,
        Action<HttpContext>? more = null)
    {
        var context = await host.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
            more?.Invoke(c);
        });
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, body, context);
    }

    [SkippableTheory]
    [InlineData("/hangfire/recurring/trigger")]
    [InlineData("/hangfire/recurring/remove")]
    [InlineData("/hangfire/jobs/enqueued/delete")]
    [InlineData("/hangfire/jobs/failed/requeue")]
    public async Task DashboardPost_WithoutAnAntiforgeryToken_IsRefused_EvenFromThisMachine(string path)
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);

        // What a foreign web page open in a browser on the server would send.
        var forged = await SendAsync(host, "POST", path, "127.0.0.1", c =>
        {
            c.Request.Headers.Origin = "https://evil.example";
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("jobs[]=nightly"));
        });

        Assert.Equal(403, forged.Status);
        using var connection = host.App.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        Assert.Contains(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == "nightly"); // not removed
    }

    [SkippableFact]
    public async Task DashboardPost_WithTheTokenFromItsOwnPage_IsAccepted()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);
        var page = await SendAsync(host, "GET", "/hangfire/recurring", "127.0.0.1");
        var token = System.Text.RegularExpressions.Regex.Match(page.Body, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        var header = System.Text.RegularExpressions.Regex.Match(page.Body, "<meta name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;
        var cookie = page.Context.Response.Headers.SetCookie.ToString().Split(';')[0];

        var trigger = await SendAsync(host, "POST", "/hangfire/recurring/trigger", "127.0.0.1", c =>
        {
            c.Request.Headers[header] = token;
            c.Request.Headers.Cookie = cookie;
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("jobs[]=nightly"));
        });

        Assert.NotEqual("", token);
        Assert.Equal(204, trigger.Status);
    }

    [SkippableFact]
    public async Task ForwardedRequest_WithoutATrustedProxy_IsNeverLocal()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, new Dictionary<string, string?>
        {
            ["Warehouse:Dashboard:Username"] = "bi-team",
            ["Warehouse:Dashboard:Password"] = "s3cret-enough",
        });

        // A TLS proxy on this machine: the connection is from 127.0.0.1, the caller is somewhere else.
        var viaProxy = await SendAsync(host, "GET", "/hangfire", "127.0.0.1", c => c.Request.Headers["X-Forwarded-For"] = Remote);
        var statusViaProxy = await SendAsync(host, "GET", "/", "127.0.0.1", c => c.Request.Headers["X-Forwarded-For"] = "127.0.0.1");
        var withCredentials = await SendAsync(host, "GET", "/", "127.0.0.1", c =>
        {
            c.Request.Headers["X-Forwarded-For"] = Remote;
            c.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bi-team:s3cret-enough"));
        });

        Assert.Equal(401, viaProxy.Status);
        Assert.Equal(401, statusViaProxy.Status); // a forged "I am local" is not believed either
        Assert.Equal(200, withCredentials.Status);
    }

    [SkippableFact]
    public async Task ForwardedRequest_ThroughATrustedProxy_IsJudgedByTheCallersAddress()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, new Dictionary<string, string?>
        {
            ["Warehouse:Dashboard:TrustedProxies:0"] = "127.0.0.1",
        });

        var remoteCaller = await SendAsync(host, "GET", "/", "127.0.0.1", c => c.Request.Headers["X-Forwarded-For"] = Remote);
        var localCaller = await SendAsync(host, "GET", "/", "127.0.0.1", c => c.Request.Headers["X-Forwarded-For"] = "127.0.0.1");
        var untrustedProxy = await SendAsync(host, "GET", "/", "198.51.100.9", c => c.Request.Headers["X-Forwarded-For"] = "127.0.0.1");

        Assert.Equal(403, remoteCaller.Status);
        Assert.Equal(200, localCaller.Status);
        Assert.Equal(403, untrustedProxy.Status);
    }

    [SkippableFact]
    public async Task Dashboard_ShowsUkDates()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);
        var page = await SendAsync(host, "GET", "/hangfire", "127.0.0.1");
        var script = System.Text.RegularExpressions.Regex.Match(page.Body, "src=\"(/hangfire/js[^\"]*)\"").Groups[1].Value;

        var js = await SendAsync(host, "GET", System.Net.WebUtility.HtmlDecode(script).Split('?')[0], "127.0.0.1", c =>
            c.Request.QueryString = new QueryString("?" + (System.Net.WebUtility.HtmlDecode(script).Split('?') is { Length: 2 } q ? q[1] : "")));

        Assert.Equal(200, js.Status);
        Assert.Contains("L: 'DD/MM/YYYY'", js.Body);
        Assert.Contains("LT: 'HH:mm'", js.Body);
    }
}
