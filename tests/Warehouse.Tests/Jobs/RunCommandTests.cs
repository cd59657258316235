using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Jobs;

/// <summary>`warehouse run`: the nightly job once in the foreground, with plain lines when redirected.</summary>
public sealed class RunCommandTests : DatabaseTest<PostgresProvider>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wh-run-").FullName;

    private Dictionary<string, string?> Settings() => new(JobsTestHost.FastSettings(_root))
    {
        ["Warehouse:Engine"] = "PostgreSql",
        ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
    };

    private string Inbox(string source)
    {
        var folder = Path.Combine(_root, "inbox", source);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    [SkippableFact]
    public async Task Run_LoadsEveryInbox_ArchivesGoodFiles_AndRejectsBrokenOnes_WithExitCode1()
    {
        File.Copy(Samples.Organisation, Path.Combine(Inbox("organisation"), "org.csv"));
        File.WriteAllText(Path.Combine(Inbox("line-mapping"), "mapping-broken.csv"), "this,is,not\na,line,mapping\n");
        foreach (var file in Directory.GetFiles(Path.Combine(_root, "inbox"), "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        var output = new StringWriter();

        var code = await WarehouseCli.RunAsync(["run"], output, output, _root, Settings());

        var text = output.ToString();
        Assert.Equal(ExitCodes.RejectedInput, code);
        Assert.Contains("organisation: 1 loaded, 0 already loaded, 0 rejected", text);
        Assert.Contains("line-mapping: 0 loaded, 0 already loaded, 1 rejected", text);
        Assert.True(File.Exists(Path.Combine(Inbox("organisation"), "archive", "org.csv")));
        Assert.True(File.Exists(Path.Combine(Inbox("line-mapping"), "rejected", "mapping-broken.csv.report.txt")));
        Assert.DoesNotContain("\r", text); // redirected output: plain lines, no in-place progress
        Assert.True(await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE batch_id > 0") > 0);
    }

    [SkippableFact]
    public async Task Run_IsANoOp_WhenRunAgain()
    {
        File.Copy(Samples.Organisation, Path.Combine(Inbox("organisation"), "org.csv"));
        File.SetLastWriteTimeUtc(Path.Combine(Inbox("organisation"), "org.csv"), DateTime.UtcNow.AddMinutes(-1));
        await WarehouseCli.RunAsync(["run"], TextWriter.Null, TextWriter.Null, _root, Settings());
        var output = new StringWriter();

        var code = await WarehouseCli.RunAsync(["run", "--source", "organisation"], output, output, _root, Settings());

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("organisation: nothing waiting", output.ToString());
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
    }

    [SkippableFact]
    public async Task Run_RejectsAnUnknownSource_WithTheUsageCode()
    {
        var error = new StringWriter();

        var code = await WarehouseCli.RunAsync(["run", "--source", "payroll"], TextWriter.Null, error, _root, Settings());

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Sources: organisation, line-mapping", error.ToString());
    }

    [SkippableFact]
    public async Task Load_StopsWithExitCode130_AndLoadsNothing_WhenCtrlCCancelsIt()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        var error = new StringWriter();

        var code = await WarehouseCli.RunAsync(["load", "organisation", Samples.Organisation], TextWriter.Null, error, _root, Settings(), stop.Token);

        Assert.Equal(ExitCodes.Stopped, code);
        Assert.Contains("rolled back", error.ToString());
        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE organisation_key > 0"));
        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE source = 'organisation' AND state = 'loaded'"));
    }
}
