using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Warehouse.Jobs.Cli;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Tests.Jobs;

/// <summary>The status page as a person sees it (real headless Chromium against the real host), and the `status` verb.</summary>
public sealed class StatusPageTests : DatabaseTest<PostgresProvider>
{
    private static readonly string? Chromium = new[] { Environment.GetEnvironmentVariable("WAREHOUSE_TEST_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
        .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    private static readonly Dictionary<string, string?> Freshness = new()
    {
        ["Warehouse:Freshness:DueWorkingDay"] = "3",
        ["Warehouse:Freshness:Sources:organisation"] = "5",
        ["Warehouse:Freshness:Sources:line-mapping"] = "3",
    };

    /// <summary>What the verbs need to read the host's warehouse and inbox with the same freshness settings.</summary>
    private Dictionary<string, string?> CliSettings(JobsTestHost host)
    {
        var settings = new Dictionary<string, string?>(JobsTestHost.FastSettings(host.Root))
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        };
        foreach (var (key, value) in Freshness)
            settings[key] = value;
        return settings;
    }

    /// <summary>One good and one broken organisation file through the inbox, and a failed job on record.</summary>
    private async Task SeedAsync(JobsTestHost host)
    {
        host.Drop("organisation", Samples.Organisation);
        host.DropText("organisation", "zz-organisation-broken.csv", Samples.BrokenOrganisation());
        var sources = host.App.Services.GetRequiredService<SourceList>();
        await new InboxProcessor(Provider.Engine, host.Folders, host.Options, NullLogger.Instance)
            .SweepAsync(sources.Find("organisation")!, CancellationToken.None);
        var log = new JobRunLog(Provider.Engine);
        await log.FinishAsync(await log.StartAsync("source", "line-mapping", "42", 3, CancellationToken.None), JobOutcome.Failed, "TimeoutException: simulated network timeout", willRetry: true, CancellationToken.None);
    }

    [SkippableFact]
    public async Task StatusPage_ShowsLoadsFreshnessRejectionsReconciliationAndFailedJobs_InARealBrowser()
    {
        Skip.If(Chromium is null, "Chromium is not installed (/usr/bin/chromium): install the Debian package `chromium` to check the status page in a real browser.");
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, Freshness, kestrel: true);
        await SeedAsync(host);
        var profile = Directory.CreateTempSubdirectory("wh-chromium-").FullName;
        var screenshot = Path.Combine(AppContext.BaseDirectory, "status-page.png");
        File.Delete(screenshot);

        var dom = await RunChromiumAsync(profile, "--dump-dom", host.BaseUrl + "/");
        await RunChromiumAsync(profile, $"--screenshot={screenshot}", "--window-size=1280,1800", host.BaseUrl + "/");

        Assert.Contains("<h1>Warehouse status</h1>", dom);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "status-page.html"), dom);
        // The latest batch of organisation is the broken file; the good one before it is the last successful load.
        // Reference data records no period and is not scored.
        Assert.Matches("<p id=\"verdict\" class=\"late\"><strong>[^<]*1 rejected", dom);
        Assert.Matches("<tr data-source=\"organisation\">.*?<td class=\"rejected\">rejected</td><td>—</td><td>\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d</td><td class=\"notscored\">no data period recorded: not scored</td>.*?<td>zz-organisation-broken.csv</td>", dom);
        Assert.Matches("<tr data-source=\"line-mapping\">.*?<td class=\"never-loaded\">never loaded</td>.*?working day 3", dom);
        // The extract the demo loads is listed even when its connection is not configured here.
        Assert.Matches("<tr data-source=\"lac-placements\">.*?<td class=\"not-configured\">not configured</td>", dom);
        Assert.Matches("<section class=\"rejection\".*?zz-organisation-broken.csv.*?<td>3</td><td>committee</td><td>Parks Committee</td><td>is not a known committee", dom);
        Assert.Contains("zz-organisation-broken.csv.report.txt</a>", dom);
        // Row counts are whole numbers: 197, not 197.00.
        Assert.Matches("<td>organisation</td><td>organisation-reference.csv</td><td>rows</td><td>[^<]*</td><td>\\d[\\d,]*</td><td>\\d[\\d,]*</td><td>0</td><td class=\"match\">match</td>", dom);
        Assert.Matches("<h2 id=\"runs\">Nightly runs</h2><p>No nightly run yet.</p>", dom);
        Assert.Matches("<h2 id=\"failed-jobs\">.*?<td>line-mapping</td><td>3</td><td>yes</td><td class=\"failed\">TimeoutException: simulated network timeout</td>", dom);
        Assert.DoesNotContain("<script", dom);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 10_000, $"the screenshot at {screenshot} is suspiciously small");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Directory.Delete(profile, recursive: true);
    }

    [SkippableFact]
    public async Task ReportLink_ServesTheRejectionReport_AndNothingOutsideRejected()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, Freshness, kestrel: true);
        await SeedAsync(host);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl!) };

        var report = await http.GetStringAsync("/reports/organisation/zz-organisation-broken.csv.report.txt");
        var escape = await http.GetAsync("/reports/organisation/..%2F..%2Fappsettings.json");

        Assert.Contains("must be Y or N", report);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, escape.StatusCode);
    }

    [SkippableFact]
    public async Task StatusVerb_PrintsLoadsRejectionsReconciliationAndFailedJobs()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, Freshness);
        await SeedAsync(host);
        var settings = CliSettings(host);
        var output = new StringWriter();

        var code = await WarehouseCli.RunAsync(["status"], output, output, host.Root, settings);

        var text = output.ToString();
        Assert.Equal(ExitCodes.Ok, code);
        // The verdict comes first; whether the never-loaded sources are late yet depends on today's working day.
        Assert.Matches($@"^(\d+ late; )?1 rejected; \d+ never loaded of {CatalogCounts.Listed} sources; \d+ reference \(not scored\), 1 not configured\r?\n", text);
        Assert.Matches(@"organisation\s+\d+ rejected\s+-\s+\d\d/\d\d/\d{4} .*no data period recorded: not scored.*zz-organisation-broken\.csv", text);
        Assert.Matches(@"last successful load \d\d/\d\d/\d{4}", text);
        Assert.Matches(@"line-mapping\s+- never loaded .*working day 3", text);
        Assert.Matches(@"lac-placements\s+- not configured ", text);
        Assert.Matches(@"rejected .*organisation: zz-organisation-broken\.csv", text);
        Assert.Contains("row 3, column committee: is not a known committee", text);
        Assert.Contains("zz-organisation-broken.csv.report.txt", text);
        Assert.Matches(@"organisation\s+rows\s+\S*\s+\d[\d,]*\s+\d[\d,]*\s+match", text);
        Assert.Contains("source line-mapping attempt 3 (will retry): TimeoutException", text);
        // The table stays straight whatever the longest source name: every row's batch column ends where the header's does.
        var lines = text.Split('\n');
        var header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("source ", StringComparison.Ordinal));
        var batchEnd = lines[header].IndexOf("batch", StringComparison.Ordinal) + "batch".Length;
        var rows = lines.Skip(header + 1).TakeWhile(l => l.Trim().Length > 0).Where(l => !l.Contains("last successful load")).ToList();
        Assert.Contains(rows, r => r.TrimStart().StartsWith("indicator-catalogue", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.True(r.Length > batchEnd && r[batchEnd] == ' ' && r[batchEnd - 1] != ' ', $"misaligned: '{r}'"));
    }

    [SkippableFact]
    public async Task StatusJson_GivesEachSourcesStateDataPeriodDueAndLate_WithCountsAsIntegers()
    {
        await using var host = await JobsTestHost.StartAsync(Provider.Engine, Freshness);
        await SeedAsync(host);
        // A ledger for 2018/19 period 2 (May-18), loaded today: the data period is what counts, not the arrival date.
        host.Drop("finance-gl", RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv"));
        var sources = host.App.Services.GetRequiredService<SourceList>();
        await new InboxProcessor(Provider.Engine, host.Folders, host.Options, NullLogger.Instance)
            .SweepAsync(sources.Find("finance-gl")!, CancellationToken.None);
        var settings = CliSettings(host);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await WarehouseCli.RunAsync(["status", "--json"], output, error, host.Root, settings);

        Assert.Equal(ExitCodes.Ok, code);
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        var all = root.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("source").GetString()!);
        Assert.Equal(CatalogCounts.Listed, all.Count);
        var ledger = all["finance-gl"];
        Assert.Equal("loaded", ledger.GetProperty("state").GetString());
        Assert.Equal("May-18 (2018/19 P2)", ledger.GetProperty("data_period").GetString());
        Assert.Equal("2018-07-04", ledger.GetProperty("due").GetString()); // Jun-18, by working day 3 of July 2018 (1 July was a Sunday)
        Assert.True(ledger.GetProperty("late").GetBoolean());
        Assert.True(ledger.GetProperty("loaded_at").GetDateTime() > DateTime.UtcNow.AddHours(-1));
        var organisation = all["organisation"];
        Assert.Equal("rejected", organisation.GetProperty("state").GetString());
        Assert.False(organisation.GetProperty("scored").GetBoolean());
        Assert.False(organisation.GetProperty("late").GetBoolean());
        Assert.Equal("not configured", all["lac-placements"].GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all["line-mapping"].GetProperty("data_period").ValueKind);
        Assert.Contains("1 rejected", root.GetProperty("verdict").GetString());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("rejected").GetInt32());
        var rows = root.GetProperty("reconciliation").EnumerateArray().First(c => c.GetProperty("source").GetString() == "finance-gl" && c.GetProperty("measure").GetString() == "rows");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, rows.GetProperty("source_value").ValueKind);
        Assert.DoesNotContain(".", rows.GetProperty("source_value").GetRawText());
        Assert.DoesNotContain("Using the local", output.ToString());
    }

    private static async Task<string> RunChromiumAsync(string profile, params string[] args)
    {
        var start = new ProcessStartInfo(Chromium!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile}" }.Concat(args))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish: {await stderr}");
        }
        Assert.True(process.ExitCode == 0, $"Chromium exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
