using Npgsql;
using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Jobs;

/// <summary>`bench payments` runs end to end on a tiny row count and prints both rates and the share (not timed).</summary>
public sealed class PaymentsBenchCommandTests : DatabaseTest<PostgresProvider>
{
    [SkippableFact]
    public async Task BenchPayments_PrintsBothRatesAndTheShare_ForATinyRun()
    {
        var database = $"bench_payments_test_{Environment.ProcessId}";
        var output = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        };
        try
        {
            var code = await WarehouseCli.RunAsync(["bench", "payments", "--rows", "600", "--rounds", "1", "--database", database],
                output, output, Path.GetTempPath(), settings);

            Assert.True(code == ExitCodes.Ok, output.ToString());
            Assert.Matches(@"round 1 ledger\s+[0-9.]+ s\s+[0-9,]+ rows/s\s+Loaded: Loaded 600 rows", output.ToString());
            Assert.Matches(@"round 1 payments\s+[0-9.]+ s\s+[0-9,]+ rows/s\s+Loaded: Loaded 600 rows", output.ToString());
            Assert.Matches(@"payments/ledger\s+[0-9,]+ ?%\s+\(target: ≥ 80 ?%\)", output.ToString());
            Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0")); // the scratch database, not this one
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Provider.Engine.WithDatabase("postgres"));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
