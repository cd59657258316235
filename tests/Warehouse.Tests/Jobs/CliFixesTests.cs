using Warehouse.Database.Local;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Jobs;

/// <summary>The command line as a script or a new user meets it: messages in words, stdout kept for output, exit codes that mean something.</summary>
public sealed class CliFixesTests : DatabaseTest<PostgresProvider>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wh-cli-").FullName;

    private Dictionary<string, string?> Settings() => new(JobsTestHost.FastSettings(_root))
    {
        ["Warehouse:Engine"] = "PostgreSql",
        ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
    };

    private async Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await WarehouseCli.RunAsync(args, output, error, _root, settings);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    [SkippableFact]
    public async Task Load_GivenAFolder_SaysItIsAFolder_NotThatItDoesNotExist()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "drop")).FullName;

        var (code, _, error) = await RunAsync(Settings(), "load", "organisation", folder);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"{folder} is a folder: name the files to load", error);
        Assert.DoesNotContain("does not exist", error);
    }

    [Fact]
    public async Task LoadHelp_ListsTheSources()
    {
        var (code, output, _) = await RunAsync(null, "load", "--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var source in new[] { "organisation", "finance-gl", "finance-forecast", "indicator-return", "lac-placements" })
            Assert.Matches($@"\n  {source}\s+\S", output);
    }

    [SkippableFact]
    public async Task Load_ExitsOne_SayingReplaceAll_WhenARestatementLacksCostCentres_AndLoadsItWithReplaceAll()
    {
        var may = RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv");
        Assert.Equal(ExitCodes.Ok, (await RunAsync(Settings(), "load", "organisation", RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"))).Code);
        Assert.Equal(ExitCodes.Ok, (await RunAsync(Settings(), "load", "finance-gl", may)).Code);
        var lines = File.ReadAllLines(may);
        var file = Path.Combine(_root, "gl-2018-05-one.csv");
        var row = lines[1].Split(',');
        File.WriteAllLines(file, [lines[0], lines[1], $"Total,,,,,{row[5]},{row[6]}"]);

        var refused = await RunAsync(Settings(), "load", "finance-gl", file);
        var replaced = await RunAsync(Settings(), "load", "finance-gl", file, "--replace-all");

        Assert.Equal(ExitCodes.RejectedInput, refused.Code);
        Assert.Contains("--replace-all", refused.Error);
        Assert.Equal(ExitCodes.Ok, replaced.Code);
        Assert.Contains("Replaces the whole of May-18 (--replace-all)", replaced.Output);
        Assert.Equal(1L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201802"));
    }

    [SkippableFact]
    public async Task Load_RefusesReplaceAll_ForASourceThatDoesNotGuardItsRestatements()
    {
        var (code, _, error) = await RunAsync(Settings(), "load", "organisation", RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"), "--replace-all");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--replace-all applies to sources that refuse a restatement lacking parts of its period (finance-gl), not to organisation", error);
    }

    [SkippableFact]
    public async Task Load_TheSameBrokenFileTwice_SaysPreviouslyRejected_InWords()
    {
        var file = Path.Combine(_root, "organisation-broken.csv");
        File.WriteAllText(file, Samples.BrokenOrganisation());

        var first = await RunAsync(Settings(), "load", "organisation", file);
        var second = await RunAsync(Settings(), "load", "organisation", file);

        Assert.Equal(ExitCodes.RejectedInput, first.Code);
        Assert.Contains("organisation: rejected — ", first.Error);
        Assert.Equal(ExitCodes.RejectedInput, second.Code);
        Assert.Contains("organisation: previously rejected — ", second.Error);
        Assert.DoesNotContain("previouslyrejected", second.Error);
    }

    [SkippableFact]
    public async Task LocalDatabase_NoticeGoesToStderr_StatusJsonStaysParseable_AndDbStatusExits3WhenStopped()
    {
        // The zero-config default: no connection string, a private cluster under the working folder.
        var local = new Dictionary<string, string?> { ["Warehouse:Inbox:Root"] = Path.Combine(_root, "inbox") };
        try
        {
            var migrate = await RunAsync(local, "migrate");
            Assert.Equal(ExitCodes.Ok, migrate.Code);
            Assert.Contains("Using the local PostgreSQL database", migrate.Error);
            Assert.DoesNotContain("Using the local PostgreSQL database", migrate.Output);

            var status = await RunAsync(local, "status", "--json");
            Assert.Equal(ExitCodes.Ok, status.Code);
            using (var json = System.Text.Json.JsonDocument.Parse(status.Output))
                Assert.Equal(CatalogCounts.Listed, json.RootElement.GetProperty("sources").GetArrayLength());

            var running = await RunAsync(local, "db", "status");
            Assert.Equal(ExitCodes.Ok, running.Code);
        }
        finally
        {
            await RunAsync(local, "db", "stop");
        }
        var stopped = await RunAsync(local, "db", "status");

        Assert.Equal(ExitCodes.Infrastructure, stopped.Code);
        Assert.Contains("not running", stopped.Output);
        new LocalPostgres(_root).Destroy();
    }

    [SkippableFact]
    public async Task LacSampleExtract_RightAfterTheDemoMadeItsKeyAndSampleSystem_Loads()
    {
        // What `demo` leaves: its key in .warehouse/ and the sample system beside the warehouse; nothing configured.
        Directory.CreateDirectory(Path.Combine(_root, ".warehouse"));
        File.WriteAllText(Path.Combine(_root, ".warehouse", "pseudonymisation.key"), "0123456789abcdef0123456789abcdef");
        var settings = Settings();
        foreach (var (source, file) in new[] { ("lac-placement-types", "lac-placement-types.csv"), ("lac-budget", "lac-budget-2018-19.csv") })
            Assert.Equal(ExitCodes.Ok, (await RunAsync(settings, "load", source, RepositoryPaths.Combine("samples", "activity", file))).Code);
        var created = await RunAsync(settings, "lac-sample", "create");
        Assert.Equal(ExitCodes.Ok, created.Code);

        var extracted = await RunAsync(settings, "lac-sample", "extract", "--full-refresh");

        Assert.True(extracted.Code == ExitCodes.Ok, extracted.Output + extracted.Error);
        Assert.Contains("lac-placements: loaded", extracted.Output);
        Assert.Contains("Using the demo pseudonymisation key", extracted.Error);
        Assert.Equal(1054, await Provider.ScalarAsync<int>(
            "SELECT snapshot_placements FROM report.kad_lac_placements WHERE row_type = 'overall_total' AND fiscal_year = '2018/19' AND period = 2"));
    }
}
