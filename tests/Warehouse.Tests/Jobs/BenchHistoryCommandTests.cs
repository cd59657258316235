using System.Text.RegularExpressions;
using Npgsql;
using Warehouse.Jobs.Bench;
using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Jobs;

/// <summary>
/// `bench history` end to end over two years (the calendar's first two, which the samples do not cover, so every
/// period there is a copy): what the generator writes is checked in its scratch database, and the timing report
/// names every report view (not timed).
/// </summary>
public sealed class BenchHistoryCommandTests : DatabaseTest<PostgresProvider>
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("bench-history-").FullName;

    private Task<(int Code, string Output, string Error)> BenchAsync(params string[] args) =>
        BenchRun.RunAsync(Provider, _workingDirectory, ["history", .. args]);

    [SkippableFact]
    public async Task BenchHistory_CopiesEachSampledPeriodUnderItsOwnBatches_AndTimesEveryReportView()
    {
        var database = $"bench_history_test_{Environment.ProcessId}";
        try
        {
            var (code, output, error) = await BenchAsync("--years", "2", "--runs", "2", "--database", database);

            Assert.True(code == ExitCodes.Ok, output + error);
            Assert.Contains($"bench history: 2 fiscal years (2015/16 to 2016/17), scratch database '{database}' (PostgreSql)", output);
            Assert.Contains("report views for Mar-17, committee Adults: 2 runs each after one unmeasured", output);
            Assert.Matches(@"statistics refreshed\s+[0-9.]+ s\s+[0-9]+ tables of dw and etl", output);
            await using var scratch = new NpgsqlConnection(Provider.Engine.WithDatabase(database));
            await scratch.OpenAsync();

            // Every period of both years (1–13) holds revenue monitoring and a ledger slice of its own.
            Assert.Equal(26L, await ScalarAsync(scratch, "SELECT COUNT(DISTINCT period_key) FROM dw.fact_revenue_monitoring WHERE period_key / 100 IN (2015, 2016)"));
            Assert.Equal(26L, await ScalarAsync(scratch, """
                SELECT COUNT(*) FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'dw.fact_ledger'::regclass AND (c.relname LIKE 'fact_ledger_2015%' OR c.relname LIKE 'fact_ledger_2016%')
                """));
            // May (P2) is sampled in 2017/18 and 2018/19: May 2015 copies the nearest year's, 2017/18 (66 lines). March (P12)
            // is sampled in no year: it copies the nearest period by months, P2 2017/18 (three periods on, P13 between).
            foreach (var target in new[] { 201502, 201612 })
            {
                Assert.Equal(66L, await ScalarAsync(scratch, $"SELECT COUNT(*) FROM dw.fact_revenue_monitoring WHERE period_key = {target}"));
                Assert.Equal(0L, await ScalarAsync(scratch, $"""
                    SELECT COUNT(*) FROM dw.fact_revenue_monitoring AS c
                    LEFT JOIN dw.fact_revenue_monitoring AS s ON s.period_key = 201702 AND s.budget_line_code = c.budget_line_code
                    WHERE c.period_key = {target} AND (s.budget_line_code IS NULL OR s.budget <> c.budget OR s.actual <> c.actual
                          OR s.forecast_variance IS DISTINCT FROM c.forecast_variance)
                    """));
                Assert.Equal(await ScalarAsync(scratch, "SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201702"),
                    await ScalarAsync(scratch, $"SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = {target}"));
            }
            // Each copy is under a batch of its own: the same source as the sampled batch, the copy's period, the sampled
            // batch's control totals; no copied row points at a sampled batch.
            Assert.Equal(0L, await ScalarAsync(scratch, """
                SELECT COUNT(*) FROM dw.fact_revenue_monitoring AS m
                JOIN etl.batch AS b ON b.batch_id IN (m.batch_id, m.ledger_batch_id, m.forecast_batch_id)
                WHERE m.period_key / 100 IN (2015, 2016)
                  AND (b.fiscal_year_start * 100 + b.period <> m.period_key OR b.message NOT LIKE 'bench history: a copy of batch %')
                """));
            Assert.Equal(0L, await ScalarAsync(scratch, """
                SELECT COUNT(*) FROM etl.batch AS b
                JOIN etl.batch AS s ON 'bench history: a copy of batch ' || s.batch_id = b.message
                WHERE b.source <> s.source
                   OR (SELECT COUNT(*) FROM etl.control_total WHERE batch_id = b.batch_id) <> (SELECT COUNT(*) FROM etl.control_total WHERE batch_id = s.batch_id)
                """));
            Assert.True(await ScalarAsync(scratch, "SELECT COUNT(*) FROM etl.batch WHERE message LIKE 'bench history:%'") > 26);
            // Statement lines keep their figures; yearly facts get each year (from 2017/18, the nearest sampled one).
            Assert.Equal(await ScalarAsync(scratch, "SELECT COUNT(*) FROM dw.fact_statement_figure AS f JOIN dw.fact_statement_line AS l ON l.line_id = f.line_id WHERE l.period_key = 201702"),
                await ScalarAsync(scratch, "SELECT COUNT(*) FROM dw.fact_statement_figure AS f JOIN dw.fact_statement_line AS l ON l.line_id = f.line_id WHERE l.period_key = 201502"));
            Assert.True(await ScalarAsync(scratch, "SELECT COUNT(*) FROM dw.fact_statement_figure AS f JOIN dw.fact_statement_line AS l ON l.line_id = f.line_id WHERE l.period_key = 201502") > 0);
            foreach (var year in new[] { 2015, 2016 })
                Assert.Equal(await ScalarAsync(scratch, "SELECT COUNT(*) FROM dw.committee_responsibility WHERE fiscal_year_start = 2017"),
                    await ScalarAsync(scratch, $"SELECT COUNT(*) FROM dw.committee_responsibility WHERE fiscal_year_start = {year}"));

            // Every report view is timed, once each, against the target; the pack and the powerbi views are reported.
            var views = await ScalarAsync(scratch, "SELECT COUNT(*) FROM information_schema.views WHERE table_schema = 'report'");
            Assert.Equal(views, Regex.Matches(output, @"^  report\.\w+\s+[0-9,]+\s+[0-9.]+ ms\s+[0-9.]+ ms\s+[0-9.]+ ms .*< 100 ms: (met|NOT met)$", RegexOptions.Multiline).Count);
            Assert.Matches(@"report\.fpr_committee_summary\s+[1-9][0-9]* .*fiscal_year and period and committee", output);
            Assert.Matches(@"committee pack \([0-9]+ tables, as `report --period` builds it\): median [0-9.]+ ms", output);
            Assert.Matches(new Regex(@"^  powerbi\.fact_ledger\s+[1-9][0-9,]* ", RegexOptions.Multiline), output);
            Assert.Matches($@"summary: [0-9]+ of {views} report views answer for one period and committee in < 100 ms \(p95 of 2 runs\): (met|NOT met)", output);

            // --reuse times the same history again without building it.
            var batches = await ScalarAsync(scratch, "SELECT COUNT(*) FROM etl.batch");
            var (again, reused, _) = await BenchAsync("--reuse", "--years", "2", "--runs", "1", "--database", database); // a flag before options
            Assert.Equal(ExitCodes.Ok, again);
            Assert.Contains("the history an earlier run built is reused (--reuse)", reused);
            Assert.DoesNotContain("samples loaded", reused);
            Assert.Equal(batches, await ScalarAsync(scratch, "SELECT COUNT(*) FROM etl.batch"));

            // The warehouse itself is not touched.
            Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
        }
        finally
        {
            await Provider.DropScratchAsync(database);
            Directory.Delete(_workingDirectory, recursive: true);
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("--years", "0", "--years must be a positive whole number")]
    [InlineData("--runs", "many", "--runs must be a positive whole number")]
    [InlineData("--committee", "Parks", "Unknown committee 'Parks'")]
    [InlineData("--database", "warehouse-history", "--database must be letters, digits and underscores")]
    public async Task BenchHistory_RefusesBadOptions_WithTheUsageCode(string option, string value, string message)
    {
        var (code, _, error) = await BenchAsync(option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Nearest_TakesTheSameMonthOfTheNearestYear_ElseTheNearestPeriodByMonths()
    {
        int[] held = [201702, 201802, 201811, 201813];

        Assert.Equal(201702, HistoryGenerator.Nearest(held, 201502)); // May: 2017's is nearer than 2018's
        Assert.Equal(201802, HistoryGenerator.Nearest(held, 202402)); // May: 2018's is the nearest year's
        Assert.Equal(201813, HistoryGenerator.Nearest(held, 202213)); // closedown: the sampled closedown
        Assert.Equal(201811, HistoryGenerator.Nearest(held, 201810)); // no January: P11 is one month on
        Assert.Equal(201702, HistoryGenerator.Nearest(held, 201612)); // no March: P2 2017/18 is three on (P13 between), 2018's P11 far
    }
}
