using System.Text.RegularExpressions;
using Npgsql;
using Warehouse.Jobs.Cli;
using Warehouse.Tests.Publish;

namespace Warehouse.Tests.Jobs;

/// <summary>The `bench ledger` verb runs end to end on a tiny row count and prints its figures (not timed).</summary>
public sealed class BenchCommandTests : DatabaseTest<PostgresProvider>
{
    private Task<(int Code, string Output, string Error)> BenchAsync(params string[] args) =>
        BenchRun.RunAsync(Provider, Path.GetTempPath(), ["ledger", .. args]);

    [SkippableTheory]
    [InlineData("csv")]
    [InlineData("both")]
    public async Task BenchLedger_PrintsEveryMeasureAgainstTheLimit_ForATinyRun(string format)
    {
        var database = $"bench_test_{format}_{Environment.ProcessId}";
        try
        {
            var (code, output, error) = await BenchAsync("--rows", "2000", "--format", format, "--repeat", "2", "--database", database);

            Assert.True(code == ExitCodes.Ok, output + error);
            Assert.Contains($"bench ledger: 2,000 rows, {(format == "both" ? "csv and xlsx" : "csv")}, 2 repetitions interleaved, scratch database '{database}'", output);
            Assert.Matches(@"organisation\s+[0-9.]+ s\s+4 cost centres", output); // 500 accounts per cost centre
            // Each measure ran once per repetition, interleaved, and is summarised with its median and range.
            foreach (var measure in new[] { "limit", "full load, separate process", "full load, in-process", "restatement, in-process",
                         "read and check alone, no database", "start-up alone", "small file, separate process" })
            {
                Assert.Equal(2, Regex.Matches(output, $@"^    {Regex.Escape(measure)}\s+[0-9.]+ s", RegexOptions.Multiline).Count);
                Assert.Matches(new Regex($@"^  {Regex.Escape(measure)}\s+[0-9.]+ s\s+[0-9.]+–[0-9.]+\s+s", RegexOptions.Multiline), output);
            }
            Assert.Matches(@"full load, separate process .* ≤ 1\.5 × limit: (met|NOT met)", output);
            Assert.Matches(@"restatement, in-process .* ≤ 1\.5 × limit: (met|NOT met)", output);
            Assert.Matches(@"small file \(200 rows\) beyond start-up: -?[0-9.]+ s\s+≤ 0\.5 s: (met|NOT met)", output);
            Assert.Matches(@"peak working set of a load [0-9,]+ MB\s+target < 300 MB: (met|NOT met)", output);
            Assert.Contains("steps of the last restatement, in-process:", output);
            if (format == "both")
                Assert.Matches(@"xlsx load [0-9,]+ rows/s, bare reader [0-9,]+ rows/s", output);
            else
                Assert.DoesNotContain("xlsx", output);
            Assert.DoesNotContain("FAILED", output);
            // The warehouse itself is not touched: the run went to the scratch database.
            Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
            await using var scratch = new NpgsqlConnection(Provider.Engine.WithDatabase(database));
            await scratch.OpenAsync();
            // The period holds the last load's 2,000 rows in one slice: a restatement swapped its slice, it did not add one.
            Assert.Equal(2000L, await ScalarAsync(scratch, "SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201806"));
            Assert.Equal(1L, await ScalarAsync(scratch, """
                SELECT COUNT(*) FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'dw.fact_ledger'::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'FOR VALUES IN (201806)'
                """));
            // Every load of the period but the last is superseded; the separate process loaded its files as batches too.
            Assert.Equal(1L, await ScalarAsync(scratch, "SELECT COUNT(*) FROM etl.batch WHERE source = 'finance-gl' AND state = 'loaded' AND fiscal_year_start = 2018 AND period = 6"));
            Assert.True(await ScalarAsync(scratch, "SELECT COUNT(*) FROM etl.batch AS b JOIN etl.batch_file_name AS n ON n.batch_id = b.batch_id WHERE b.source = 'finance-gl' AND n.file_name LIKE 'bench-gl-process-%'") == 2);
        }
        finally
        {
            await Provider.DropScratchAsync(database);
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [SkippableTheory]
    [InlineData("ledger")]
    [InlineData("payments")]
    [InlineData("history")]
    public async Task Bench_RefusesTheWarehouseItself_AndLeavesItsLedgerAndBatches(string benchmark)
    {
        // Pointed at its own database, the ledger bench would truncate the ledger, payments would empty the
        // suppliers too, and history would drop and rebuild the database.
        await SampleLoads.LoadAsync(Provider.Engine, "finance/organisation-reference.csv", "finance/gl-2018-05.csv");
        var ownName = new NpgsqlConnectionStringBuilder(Provider.Engine.ConnectionString).Database!;
        var before = await WarehouseSnapshot.TakeAsync(Provider, "dw", "etl");

        // Small runs, should the guard ever let one through.
        string[] size = benchmark == "history" ? ["--years", "1", "--runs", "1"] : ["--rows", "1000"];
        var (code, output, error) = await BenchRun.RunAsync(Provider, Path.GetTempPath(), [benchmark, .. size, "--database", ownName]);

        Assert.True(code == ExitCodes.Usage, output + error);
        Assert.Contains($"--database names the warehouse itself ('{ownName}')", error);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider, "dw", "etl"));
        Assert.True(await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_ledger") > 0);
    }

    [Fact]
    public async Task BenchLedger_RefusesBadOptions_WithTheUsageCode()
    {
        var (code, _, error) = await BenchAsync("--rows", "lots");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--rows must be a positive whole number", error);
    }
}
