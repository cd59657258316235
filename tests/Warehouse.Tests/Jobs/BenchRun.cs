using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Jobs;

/// <summary>Runs a `bench` verb against the test cluster, as the command line does, capturing what it prints.</summary>
internal static class BenchRun
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(PostgresProvider provider, string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = provider.Engine.ConnectionString,
        };
        var code = await WarehouseCli.RunAsync(["bench", .. args], output, error, workingDirectory, settings);
        return (code, output.ToString(), error.ToString());
    }
}
