using Npgsql;
using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Jobs;

/// <summary>The `bench ledger` verb runs end to end on a tiny row count and prints its figures (not timed).</summary>
public sealed class BenchCommandTests : DatabaseTest<PostgresProvider>
{
    private async Task<(int Code, string Output, string Error)> BenchAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        };
        var code = await WarehouseCli.RunAsync(["bench", "ledger", .. args], output, error, Path.GetTempPath(), settings);
        return (code, output.ToString(), error.ToString());
    }

    [SkippableTheory]
    [InlineData("both")]
    [InlineData("xlsx")]
    public async Task BenchLedger_PrintsRatesRatioAndMemory_ForATinyRun(string format)
    {
        var database = $"bench_test_{format}_{Environment.ProcessId}";
        try
        {
            var (code, output, error) = await BenchAsync("--rows", "2000", "--format", format, "--database", database);

            Assert.True(code == ExitCodes.Ok, output + error);
            Assert.Contains($"bench ledger: 2,000 rows, {format}, scratch database '{database}'", output);
            Assert.Matches(@"organisation\s+[0-9.]+ s\s+4 cost centres", output); // 500 accounts per cost centre
            Assert.Matches(@"raw COPY\s+[0-9.]+ s\s+[0-9,]+ rows/s\s+peak working set [0-9,]+ MB, GC heap [0-9,]+ MB", output);
            var loaded = format == "both" ? new[] { "csv", "xlsx" } : [format];
            foreach (var f in loaded)
            {
                Assert.Matches($@"generate {f}\s+[0-9.]+ s\s+bench-gl-[0-9]+\.{f} [0-9.]+ MB", output);
                Assert.Matches($@"full load \({f}\s*\)\s+[0-9.]+ s\s+[0-9,]+ rows/s\s+peak working set [0-9,]+ MB", output);
                Assert.Matches($@"ratio {f}/raw\s+[0-9.]+", output);
            }
            if (format == "xlsx")
                Assert.DoesNotContain("full load (csv", output);
            Assert.DoesNotContain("Rejected", output);
            // The warehouse itself is not touched: the run went to the scratch database.
            Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
            await using var scratch = new NpgsqlConnection(Provider.Engine.WithDatabase(database));
            await scratch.OpenAsync();
            // Each format's load was of a fresh period (the fact is cleared between), so the last one's rows are all there.
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM dw.fact_ledger", scratch);
            Assert.Equal(2000L, (long)(await count.ExecuteScalarAsync())!);
            await using var batches = new NpgsqlCommand("SELECT COUNT(*) FROM etl.batch WHERE source = 'finance-gl' AND state IN ('loaded', 'superseded')", scratch);
            Assert.Equal((long)loaded.Length, (long)(await batches.ExecuteScalarAsync())!);
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

    [Fact]
    public async Task BenchLedger_RefusesBadOptions_WithTheUsageCode()
    {
        var (code, _, error) = await BenchAsync("--rows", "lots");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--rows must be a positive whole number", error);
    }
}
