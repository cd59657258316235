using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Core;
using Warehouse.Etl.Publish;

namespace Warehouse.Jobs.Bench;

/// <summary>
/// Options of `bench history`. <see cref="Period"/> null: period 12 of the span's last year.
/// <see cref="Reuse"/>: time a history an earlier run built in the same database, without building it again.
/// </summary>
public sealed record HistoryBenchOptions(int Years, int Runs, string Database, FiscalPeriod? Period, string Committee, bool Reuse = false);

/// <summary>
/// `bench history`: the committee-pack and Power BI views over years of history. In a scratch database on the
/// warehouse's server it loads the samples through the pipeline, extends them to <see cref="HistoryBenchOptions.Years"/>
/// fiscal years (<see cref="HistoryGenerator"/>), then times every `report` view for one period and committee
/// (<see cref="HistoryBenchOptions.Runs"/> runs each after one unmeasured, median, p95 and max against the target of
/// docs/finance-quality.md), the whole committee pack built from them, and each `powerbi` view read whole (what the
/// model's import reads). Not a test: the figures are the machine's.
/// </summary>
public sealed class HistoryBench(IWarehouseEngine warehouse, Func<IWarehouseEngine, TextWriter, CancellationToken, Task<bool>> loadSamples, TextWriter output)
{
    public const double ViewTargetMs = 100;
    private const int PowerBiRuns = 3;

    /// <summary>One view's timings.</summary>
    public sealed record ViewTiming(string View, string Filter, long Rows, double MedianMs, double P95Ms, double MaxMs)
    {
        public bool Met => P95Ms < ViewTargetMs;
    }

    public sealed record Figures(IReadOnlyList<ViewTiming> Report, IReadOnlyList<ViewTiming> PowerBi);

    public async Task<Figures?> RunAsync(HistoryBenchOptions options, CancellationToken cancellationToken = default)
    {
        var engine = LedgerBench.ScratchEngine(warehouse, options.Database);
        // An earlier run's history: its copies carry the generator's batch message.
        var reuse = options.Reuse && await CountAsync(engine, "SELECT COUNT(*) FROM etl.batch WHERE message LIKE 'bench history:%'", cancellationToken) > 0;
        if (!reuse && !ScratchDatabase.Recreate(engine))
        {
            engine.EnsureDatabaseExists();
            if (await CountAsync(engine, "SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0", cancellationToken) > 0)
            {
                output.WriteLine($"bench history: the scratch database '{options.Database}' is not empty; name an empty one with --database (a benchmark drops databases on PostgreSQL only).");
                return null;
            }
        }
        new Migrator(engine).Migrate();
        var (firstYear, calendarYears) = await CalendarAsync(engine, cancellationToken);
        if (options.Years > calendarYears)
        {
            output.WriteLine($"bench history: the warehouse calendar (dw.dim_period) has {calendarYears} fiscal years from {FiscalPeriod.FiscalYearLabel(firstYear)}; --years can be at most that.");
            return null;
        }
        var lastYear = firstYear + options.Years - 1;
        var period = options.Period ?? new FiscalPeriod(lastYear, 12);
        if (period.FiscalYearStart < firstYear || period.FiscalYearStart > lastYear)
        {
            output.WriteLine($"bench history: {period.Label} is outside the history ({FiscalPeriod.FiscalYearLabel(firstYear)} to {FiscalPeriod.FiscalYearLabel(lastYear)}).");
            return null;
        }
        output.WriteLine($"bench history: {options.Years} fiscal years ({FiscalPeriod.FiscalYearLabel(firstYear)} to {FiscalPeriod.FiscalYearLabel(lastYear)}), scratch database '{options.Database}' ({engine.Kind})");

        if (reuse)
            output.WriteLine("  the history an earlier run built is reused (--reuse)");
        else
        {
            var clock = Stopwatch.StartNew();
            var log = new StringWriter();
            if (!await loadSamples(engine, log, cancellationToken))
            {
                output.WriteLine("bench history: the samples did not all load, so there is no history to time:");
                output.WriteLine(log.ToString());
                return null;
            }
            output.WriteLine($"  samples loaded through the pipeline {clock.Elapsed.TotalSeconds,8:0.0} s");
            clock.Restart();
            var span = await new HistoryGenerator(engine, output).ExtendAsync(firstYear, options.Years, cancellationToken);
            output.WriteLine($"  history written                      {clock.Elapsed.TotalSeconds,8:0.0} s   {span.Batches:N0} batches");
            foreach (var (table, rows) in span.Added)
                output.WriteLine($"    dw.{table,-30} +{rows,10:N0} rows");
            // A warehouse that has run for years has its statistics; these tables were written a moment ago, most
            // by loads that leave statistics to autovacuum, whose plans for them would be a minute's accident.
            clock.Restart();
            var analysed = await AnalyseAsync(engine, cancellationToken);
            output.WriteLine($"  statistics refreshed                 {clock.Elapsed.TotalSeconds,8:0.0} s   {analysed} tables of dw and etl");
        }
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        output.WriteLine($"  held: {await ScalarAsync(connection, "SELECT COUNT(*) FROM dw.fact_revenue_monitoring", cancellationToken):N0} revenue monitoring rows, " +
                         $"{await ScalarAsync(connection, "SELECT COUNT(*) FROM dw.fact_ledger", cancellationToken):N0} ledger rows, " +
                         $"{await ScalarAsync(connection, "SELECT COUNT(*) FROM etl.batch", cancellationToken):N0} batches");

        var views = await ViewsAsync(connection, cancellationToken);
        var parameters = new
        {
            fiscalYear = period.FiscalYear, period = (short)period.Period, fiscalYearStart = (short)period.FiscalYearStart,
            quarter = (short)Math.Min(4, (period.Period + 2) / 3), committee = options.Committee,
        };
        output.WriteLine($"report views for {period.Label}, committee {options.Committee}: {options.Runs} runs each after one unmeasured");
        output.WriteLine($"  {"view",-38} {"rows",8} {"median",10} {"p95",10} {"max",10}   filter");
        var report = new List<ViewTiming>();
        foreach (var (view, columns) in views.Where(v => v.Key.StartsWith("report.", StringComparison.Ordinal)))
        {
            var (sql, filter) = HistoryStatements.ViewQuery("report", view["report.".Length..], columns, byCommittee: true);
            var timing = await TimeAsync(connection, view, sql, filter, parameters, options.Runs, cancellationToken);
            report.Add(timing);
            output.WriteLine($"  {view,-38} {timing.Rows,8:N0} {Ms(timing.MedianMs),10} {Ms(timing.P95Ms),10} {Ms(timing.MaxMs),10}   {filter}" +
                             $"{(timing.Rows == 0 ? " (no rows)" : "")}   < {ViewTargetMs:0} ms: {(timing.Met ? "met" : "NOT met")}");
        }

        // The committee pack as `report` builds it: every table of the pack, read from these views.
        var packTimes = new List<double>();
        var packTables = 0;
        for (var run = 0; run <= Math.Min(options.Runs, 5); run++)
        {
            var clock = Stopwatch.StartNew();
            var pack = await ReportPackBuilder.BuildAsync(connection, period, options.Committee, cancellationToken: cancellationToken);
            if (run > 0)
                packTimes.Add(clock.Elapsed.TotalMilliseconds);
            packTables = pack.Tables.Count;
        }
        output.WriteLine($"  committee pack ({packTables} tables, as `report --period` builds it): median {Ms(LedgerBench.Median(packTimes))}, max {Ms(packTimes.Max())} ({packTimes.Count} runs)");

        output.WriteLine($"powerbi views read whole (what the model's import reads): {PowerBiRuns} runs each after one unmeasured");
        var powerBi = new List<ViewTiming>();
        foreach (var (view, columns) in views.Where(v => v.Key.StartsWith("powerbi.", StringComparison.Ordinal)))
        {
            var (sql, _) = HistoryStatements.ViewQuery("powerbi", view["powerbi.".Length..], [], byCommittee: false);
            var timing = await TimeAsync(connection, view, sql, "whole view", parameters, PowerBiRuns, cancellationToken);
            powerBi.Add(timing);
            output.WriteLine($"  {view,-38} {timing.Rows,8:N0} {Ms(timing.MedianMs),10} {Ms(timing.MaxMs),10}");
        }

        var slowest = report.MaxBy(v => v.P95Ms);
        output.WriteLine($"summary: {report.Count(v => v.Met)} of {report.Count} report views answer for one period and committee in < {ViewTargetMs:0} ms (p95 of {options.Runs} runs): " +
                         $"{(report.All(v => v.Met) ? "met" : "NOT met")}" + (slowest is null ? "" : $"; slowest {slowest.View} (p95 {Ms(slowest.P95Ms)})") +
                         $"; powerbi views whole: {Ms(powerBi.Sum(v => v.MedianMs))} together");
        return new Figures(report, powerBi);
    }

    private static async Task<ViewTiming> TimeAsync(DbConnection connection, string view, string sql, string filter, object parameters, int runs,
        CancellationToken cancellationToken)
    {
        var times = new List<double>(runs);
        long rows = 0;
        for (var run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            rows = 0;
            await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, commandTimeout: 0, cancellationToken: cancellationToken)))
            {
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync(cancellationToken))
                {
                    reader.GetValues(values); // every value read, as a report tool would
                    rows++;
                }
            }
            if (run > 0) // the first run plans the query and warms the cache
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var p95 = times[Math.Max(0, (int)Math.Ceiling(0.95 * times.Count) - 1)]; // nearest rank
        return new ViewTiming(view, filter, rows, LedgerBench.Median(times), p95, times[^1]);
    }

    private static async Task<IReadOnlyList<KeyValuePair<string, IReadOnlyCollection<string>>>> ViewsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var columns = await connection.QueryAsync<(string Schema, string View, string Column)>(new CommandDefinition("""
            SELECT c.table_schema, c.table_name, c.column_name
            FROM information_schema.columns AS c
            JOIN information_schema.views AS v ON v.table_schema = c.table_schema AND v.table_name = c.table_name
            WHERE c.table_schema IN ('report', 'powerbi')
            ORDER BY c.table_schema, c.table_name, c.ordinal_position
            """, cancellationToken: cancellationToken));
        return columns.GroupBy(c => $"{c.Schema}.{c.View}", StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (IReadOnlyCollection<string>)g.Select(c => c.Column).ToHashSet(StringComparer.Ordinal)))
            .OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
    }

    private static async Task<int> AnalyseAsync(IWarehouseEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var tables = (await connection.QueryAsync<(string Schema, string Table)>(new CommandDefinition("""
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_schema IN ('dw', 'etl') AND table_type = 'BASE TABLE'
            ORDER BY table_schema, table_name
            """, cancellationToken: cancellationToken))).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (schema, table) in tables)
            await engine.RefreshStatisticsAsync(connection, transaction, $"{schema}.{table}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tables.Count;
    }

    private static async Task<(int FirstYear, int Years)> CalendarAsync(IWarehouseEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var (first, years) = await connection.QuerySingleAsync<(int, int)>(new CommandDefinition(
            "SELECT MIN(fiscal_year_start), COUNT(DISTINCT fiscal_year_start) FROM dw.dim_period", cancellationToken: cancellationToken));
        return (first, years);
    }

    // A count from a database that may not exist yet, or not be migrated: none then.
    private static async Task<long> CountAsync(IWarehouseEngine engine, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = engine.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            return await ScalarAsync(connection, sql, cancellationToken);
        }
        catch (DbException)
        {
            return 0;
        }
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, commandTimeout: 0, cancellationToken: cancellationToken));

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";
}
