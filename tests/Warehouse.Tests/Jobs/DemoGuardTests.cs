using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Jobs.Cli;
using Warehouse.Tests.Publish;

namespace Warehouse.Tests.Jobs;

/// <summary>`demo` runs only in a warehouse that holds nothing but its own samples (<see cref="DemoGuard"/>).</summary>
public sealed class DemoGuardTests : DatabaseTest<PostgresProvider>
{
    private static string Sample(string path) => RepositoryPaths.Combine("samples", "finance", path);

    // The organisation reference as a council's own file: other bytes, the same loadable rows.
    private static string CouncilsOwnOrganisationFile()
    {
        var path = Path.Combine(TestFolders.New("demo-guard"), "organisation-2024-25.csv");
        File.WriteAllText(path, File.ReadAllText(Sample("organisation-reference.csv")).TrimEnd() + "\n\n");
        return path;
    }

    private async Task LoadAsync(ISource source, string path)
    {
        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(source, path);
        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
    }

    [SkippableFact]
    public async Task ForeignFilesAsync_NamesOnlyTheFilesThatAreNotTheSamples()
    {
        await SampleLoads.LoadAsync(Provider.Engine, "finance/organisation-reference.csv", "finance/gl-2018-05.csv");
        var samples = RepositoryPaths.Combine("samples");

        Assert.Empty(await DemoGuard.ForeignFilesAsync(Provider.Engine, samples));

        await LoadAsync(new OrganisationSource(), CouncilsOwnOrganisationFile());

        Assert.Equal(["organisation-2024-25.csv"], await DemoGuard.ForeignFilesAsync(Provider.Engine, samples));
    }

    [SkippableFact]
    public async Task Demo_RefusesAWarehouseHoldingAFileOfItsOwn_AndLoadsNothing()
    {
        await LoadAsync(new OrganisationSource(), CouncilsOwnOrganisationFile());
        var before = await WarehouseSnapshot.TakeAsync(Provider, "dw", "etl");
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
            ["Warehouse:PseudonymisationKey"] = "0123456789abcdef0123456789abcdef",
        };
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await WarehouseCli.RunAsync(["demo"], output, error, RepositoryPaths.Root, settings);

        Assert.True(code == ExitCodes.Usage, output + error.ToString());
        Assert.Contains("holds 1 file that is not the demo's samples (organisation-2024-25.csv)", error.ToString());
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider, "dw", "etl"));
        Assert.DoesNotContain("Warehouse migrated", output.ToString()); // refused before the migration too
    }

    [SkippableFact]
    public async Task ForeignFilesAsync_IsEmpty_ForADatabaseNotYetMigrated()
    {
        var name = $"demo_guard_empty_{Environment.ProcessId}";
        var empty = new PostgreSqlEngine(Provider.Engine.WithDatabase(name));
        try
        {
            empty.EnsureDatabaseExists();

            Assert.Empty(await DemoGuard.ForeignFilesAsync(empty, RepositoryPaths.Combine("samples")));
        }
        finally
        {
            await Provider.DropScratchAsync(name);
        }
    }
}
