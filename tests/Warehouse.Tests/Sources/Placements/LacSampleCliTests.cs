using Warehouse.Database.Engines;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Jobs.Cli;
using Warehouse.Samples.Placements;

namespace Warehouse.Tests.Sources.Placements;

/// <summary>`warehouse lac-sample create|extract` against the test server.</summary>
public sealed class LacSampleCliTests : LacTestBase
{
    private async Task<(int Code, string Output, string Error)> RunAsync(string? key, params string[] args)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
            ["ConnectionStrings:" + LacPlacementsSource.ConnectionStringName] = OperationalDatabase.ConnectionString,
            [LacPlacementsSource.KeySetting] = key,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await WarehouseCli.RunAsync(args, output, error, RepositoryPaths.Root, settings);
        return (code, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task LacSample_CreatesSampleSystemAndExtractsIt_WithConfiguredConnection()
    {
        var created = await RunAsync(Key, "lac-sample", "create", "--connection", OperationalDatabase.ConnectionString);
        Assert.Equal(ExitCodes.Ok, created.Code);
        Assert.Contains("synthetic placement episodes", created.Output);

        var extracted = await RunAsync(Key, "lac-sample", "extract", "--full-refresh");

        Assert.Equal(ExitCodes.Ok, extracted.Code);
        Assert.Contains("lac-placements: loaded", extracted.Output);
        Assert.Equal(1054, await Provider.ScalarAsync<int>(
            "SELECT snapshot_placements FROM report.kad_lac_placements WHERE row_type = 'overall_total' AND fiscal_year = '2018/19' AND period = 2"));
    }

    [SkippableFact]
    public async Task LacSampleCreate_LeavesTheConfiguredSystem_AndCreatesTheSampleBesideTheWarehouse()
    {
        // The configured system stands for the council's own: one real episode the sample must not replace.
        var system = await OperationalDatabase.ResetAsync();
        await ChildrensSocialCareSystem.InsertAsync(system, [new OperationalEpisode(900001, "REAL-1", null, null, "K1", null,
            new DateTime(2018, 4, 2), null, null, 812.50m, new DateTime(2018, 4, 2, 9, 0, 0))]);
        var beside = new PostgreSqlEngine(Provider.Engine.WithDatabase("childrens_social_care_sample"));

        var (code, output, error) = await RunAsync(Key, "lac-sample", "create");

        Assert.True(code == ExitCodes.Ok, output + error);
        Assert.Contains("is configured and is left alone", error);
        await using (var connection = system.CreateConnection())
            Assert.Equal(["REAL-1"], await connection.QueryAsync<string>("SELECT child_id FROM csc.placement_episode"));
        await using (var connection = beside.CreateConnection())
            Assert.Equal(1364, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM csc.placement_episode"));
    }

    [SkippableFact]
    public async Task LacSample_ExitsWithInfrastructureCode_WhenKeyMissing()
    {
        var (code, _, error) = await RunAsync(null, "lac-sample", "extract");

        Assert.Equal(ExitCodes.Infrastructure, code);
        Assert.Contains("Warehouse:PseudonymisationKey is not set", error);
    }

    [SkippableFact]
    public async Task LacSample_ExitsWithUsageCode_WithoutAction()
    {
        var (code, _, error) = await RunAsync(Key, "lac-sample");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("create or extract", error);
    }
}
