using System.Text.Json;
using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Jobs;

/// <summary>The rolling log files under logs/: written by `run` (no terminal needed), every line with its batch id; and the run history page.</summary>
public sealed class LogFileTests : DatabaseTest<PostgresProvider>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wh-logfile-").FullName;

    private Dictionary<string, string?> Settings(string format = "text") => new(JobsTestHost.FastSettings(_root))
    {
        ["Warehouse:Engine"] = "PostgreSql",
        ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        ["Warehouse:Logging:Format"] = format,
    };

    private void DropOrganisationFiles()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_root, "inbox", "organisation")).FullName;
        File.Copy(Samples.Organisation, Path.Combine(inbox, "a-good.csv"));
        File.WriteAllText(Path.Combine(inbox, "b-broken.csv"), Samples.BrokenOrganisation());
        foreach (var file in Directory.GetFiles(inbox))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    [SkippableFact]
    public async Task Run_WritesADailyLogFile_UnderLogs_WithTheBatchIdOnEveryLine()
    {
        DropOrganisationFiles();

        var code = await WarehouseCli.RunAsync(["run", "--source", "organisation"], new StringWriter(), new StringWriter(), _root, Settings());

        Assert.Equal(ExitCodes.RejectedInput, code);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_root, "logs"), "warehouse-*.log"));
        Assert.Matches(@"warehouse-\d{8}\.log$", file);
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
        var batches = (await Provider.OpenAsync().ContinueWith(async c =>
        {
            await using var connection = c.Result;
            return (await connection.QueryAsync<int>("SELECT batch_id FROM etl.batch WHERE batch_id > 0 ORDER BY batch_id")).ToList();
        }).Unwrap());
        Assert.Equal(2, batches.Count);
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d (INF|WRN|ERR|DBG|VRB|FTL) batch (\d+|-) ", l));
        // The lines of each load carry their own batch id, whatever the message says.
        foreach (var batch in batches)
            Assert.Contains(lines, l => l.Contains($" batch {batch} ", StringComparison.Ordinal) && l.Contains("loading", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" WRN batch " + batches[1] + " ", StringComparison.Ordinal) && l.Contains("rejected/"));
    }

    [SkippableFact]
    public async Task JsonFormat_WritesOneJsonEventPerLine_WithBatchIdAsAField()
    {
        DropOrganisationFiles();

        await WarehouseCli.RunAsync(["run", "--source", "organisation"], new StringWriter(), new StringWriter(), _root, Settings("json"));

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_root, "logs"), "warehouse-*.log"));
        var events = File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.True(e.TryGetProperty("BatchId", out _), e.GetRawText()));
        Assert.Contains(events, e => e.GetProperty("BatchId").ValueKind == JsonValueKind.Number);
    }

    [SkippableFact]
    public async Task RunHistory_IsRecordedByRun_AndShownOnTheStatusPageAndRunsPage()
    {
        DropOrganisationFiles();
        await WarehouseCli.RunAsync(["run"], new StringWriter(), new StringWriter(), _root, Settings());
        await using var host = await JobsTestHost.StartAsync(Provider.Engine);

        var status = await host.Server.SendAsync(c => { c.Request.Path = "/"; c.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback; });
        var runs = await host.Server.SendAsync(c => { c.Request.Path = "/runs"; c.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback; });
        var page = await new StreamReader(status.Response.Body).ReadToEndAsync();
        var history = await new StreamReader(runs.Response.Body).ReadToEndAsync();

        var sources = CatalogCounts.RunWithoutExtracts;
        Assert.Matches($@"<h2 id=""runs"">Nightly runs</h2><table>.*?<td>run</td><td>{sources}</td><td>1</td><td class=""rejected"">1</td><td class="""">0</td><td>\d+</td><td>\d\d/\d\d/\d{{4}} \d\d:\d\d: {sources} sources, 1 loaded, 1 rejected", page);
        Assert.Equal(200, runs.Response.StatusCode);
        Assert.Contains($"{sources} sources, 1 loaded, 1 rejected", history);
    }
}
