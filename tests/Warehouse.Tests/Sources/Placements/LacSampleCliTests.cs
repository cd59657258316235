using Warehouse.Etl.Sources.Placements;
using Warehouse.Jobs.Cli;

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
