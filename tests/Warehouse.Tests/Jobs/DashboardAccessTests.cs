using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

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
    public async Task Health_ReportsTheDatabaseReachable_ToAnyCaller()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);

        var health = await GetAsync(host, "/health", Remote);

        Assert.Equal(200, health.Status);
        Assert.Contains("\"database\":\"reachable\"", health.Body);
    }
}
