using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Jobs.Alerts;
using Warehouse.Jobs.Cli;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Tests.Jobs;

/// <summary>Alerts through the real host and the run verb, to a local webhook listener and a local SMTP sink.</summary>
public sealed class AlertTests : DatabaseTest<PostgresProvider>
{
    private static async Task<T> WaitForAsync<T>(System.Collections.Concurrent.ConcurrentQueue<T> queue, Func<T, bool> match, string what)
    {
        T? found = default;
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(queue.Any(m => { if (!match(m)) return false; found = m; return true; }))), what);
        return found!;
    }

    [SkippableFact]
    public async Task RejectedInboxFile_PostsToTheWebhook_AndItsJobIsRejectedNotSucceeded()
    {
        using var webhook = new LocalWebhookListener();
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, new Dictionary<string, string?>
        {
            ["Warehouse:Alerts:WebhookUrl"] = webhook.Url,
            ["Warehouse:Alerts:StatusPageUrl"] = "https://warehouse.example.gov.uk/",
        });
        host.DropText("organisation", "organisation-broken.csv", Samples.BrokenOrganisation());

        var jobId = host.App.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<WarehouseJobs>(j => j.LoadInboxFileAsync("organisation", "organisation-broken.csv", null));

        var post = await WaitForAsync(webhook.Posts, p => p.Body.Contains("organisation-broken.csv"), "the webhook received no POST for the rejected file");
        Assert.Equal("POST", post.Method);
        Assert.StartsWith("application/json", post.ContentType);
        using var json = JsonDocument.Parse(post.Body);
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("organisation: organisation-broken.csv rejected (batch ", text);
        Assert.Contains("organisation-broken.csv.report.txt", text);
        Assert.Contains("https://warehouse.example.gov.uk/", text);
        Assert.Equal("Rejected", json.RootElement.GetProperty("warehouse").GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("title").GetString()));
        // The Hangfire job is not a green success: it ends deleted, its reason saying the input was rejected.
        using var connection = host.App.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(connection.GetStateData(jobId)?.Name == DeletedState.StateName)));
        Assert.StartsWith("Rejected input", connection.GetStateData(jobId).Reason);
        Assert.NotEqual(SucceededState.StateName, connection.GetJobData(jobId).State);
    }

    [SkippableFact]
    public async Task AlertChannelsThatAreDown_NeverFailTheLoad()
    {
        var closedPort = LocalWebhookListener.FreePort();
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, new Dictionary<string, string?>
        {
            ["Warehouse:Alerts:WebhookUrl"] = $"http://127.0.0.1:{closedPort}/nobody-listens",
            ["Warehouse:Alerts:Smtp:Host"] = "127.0.0.1",
            ["Warehouse:Alerts:Smtp:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Warehouse:Alerts:Smtp:From"] = "warehouse@example.gov.uk",
            ["Warehouse:Alerts:Smtp:To"] = "bi-team@example.gov.uk",
            ["Warehouse:Alerts:TimeoutSeconds"] = "2",
        });
        host.Drop("organisation", Samples.Organisation);
        host.DropText("line-mapping", "mapping-broken.csv", "this,is,not\na,line,mapping\n");
        var manager = host.App.Services.GetRequiredService<IRecurringJobManager>();

        manager.Trigger(Warehouse.Jobs.Hosting.JobsOptions.NightlyJobId);

        Assert.True(await Eventually.WaitAsync(() =>
            Provider.ScalarAsync<bool>("SELECT COUNT(*) > 0 FROM etl.job_run WHERE job = 'refresh' AND outcome = 'succeeded'"), TimeSpan.FromSeconds(180)),
            "the nightly chain did not finish while its alerts could not be delivered");
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE source = 'organisation' AND state = 'loaded'"));
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE source = 'line-mapping' AND state = 'rejected'"));
        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.job_run WHERE outcome = 'failed'"));
        // The run is in the history with its counts.
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.nightly_run WHERE finished_utc IS NOT NULL AND files_loaded = 1 AND rejected = 1"));
    }

    [SkippableFact]
    public async Task RunVerb_EmailsEachRejection_AndOneNightlySummary_ThroughSmtp()
    {
        using var smtp = new LocalSmtpSink();
        var root = Directory.CreateTempSubdirectory("wh-alerts-").FullName;
        var settings = new Dictionary<string, string?>(JobsTestHost.FastSettings(root))
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
            ["Warehouse:Alerts:Smtp:Host"] = "127.0.0.1",
            ["Warehouse:Alerts:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Warehouse:Alerts:Smtp:Security"] = "None",
            ["Warehouse:Alerts:Smtp:From"] = "warehouse@example.gov.uk",
            ["Warehouse:Alerts:Smtp:To"] = "bi-team@example.gov.uk; finance-systems@example.gov.uk",
        };
        var inbox = Path.Combine(root, "inbox", "organisation");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "organisation-broken.csv"), Samples.BrokenOrganisation());
        File.SetLastWriteTimeUtc(Path.Combine(inbox, "organisation-broken.csv"), DateTime.UtcNow.AddMinutes(-1));
        var output = new StringWriter();

        var code = await WarehouseCli.RunAsync(["run"], output, output, root, settings);

        Assert.Equal(ExitCodes.RejectedInput, code);
        var rejected = await WaitForAsync(smtp.Messages, m => m.Data.Contains("Subject: [warehouse] organisation: organisation-broken.csv rejected"), "no e-mail for the rejected file");
        Assert.Equal("<warehouse@example.gov.uk>", rejected.From);
        Assert.Equal(["<bi-team@example.gov.uk>", "<finance-systems@example.gov.uk>"], rejected.To);
        Assert.Contains("rejected/ folder with its report: organisation-broken.csv.report.txt", rejected.Data);
        var summary = await WaitForAsync(smtp.Messages, m => m.Data.Contains("Subject: [warehouse] Nightly run: "), "no nightly summary e-mail");
        Assert.Contains($"{CatalogCounts.RunWithoutExtracts} sources", summary.Data); // the extract that is not configured is not run
        Assert.Contains("1 rejected", summary.Data);
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Matches($@"Run \d\d/\d\d/\d{{4}} \d\d:\d\d: {CatalogCounts.RunWithoutExtracts} sources, 0 loaded, 1 rejected", output.ToString());
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
