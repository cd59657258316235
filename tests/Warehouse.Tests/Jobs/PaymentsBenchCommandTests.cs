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
        try
        {
            var (code, printed, error) = await BenchRun.RunAsync(Provider, Path.GetTempPath(), "payments", "--rows", "600", "--rounds", "1", "--database", database);
            var output = printed + error;

            Assert.True(code == ExitCodes.Ok, output);
            Assert.Matches(@"round 1 ledger\s+[0-9.]+ s\s+[0-9,]+ rows/s\s+Loaded: Loaded 600 rows", output);
            Assert.Matches(@"round 1 payments\s+[0-9.]+ s\s+[0-9,]+ rows/s\s+Loaded: Loaded 600 rows", output);
            Assert.Matches(@"payments/ledger\s+[0-9,]+ ?%\s+\(target: ≥ 80 ?%\)", output);
            Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0")); // the scratch database, not this one
        }
        finally
        {
            await Provider.DropScratchAsync(database);
        }
    }
}
