using System.Diagnostics;
using System.Globalization;
using Dapper;
using Sylvan.Data.Csv;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Core.Writing;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Jobs.Bench;

public sealed record LedgerBenchOptions(long Rows, string Format, string Database, string Folder, bool KeepFiles);

/// <summary>
/// `bench ledger`: generates a synthetic GL extract, then in one run times (a) a raw binary COPY of the
/// same rows (read from the generated csv with a bare parser) into an unindexed scratch table through the
/// engine seam, and (b) the full load of the extract through the real pipeline and the `finance-gl` source
/// (extract, validate, stage, load, reconcile), in a scratch database so the warehouse is not touched.
/// Prints rows/s, the ratio full/raw and peak memory per phase. Not a test: the figures depend on the machine.
/// </summary>
public sealed class LedgerBench(IWarehouseEngine warehouse, ISource glSource, TextWriter output)
{
    private const string RawTable = "stg.bench_gl_raw";

    /// <summary>One full load of the extract in one format, against the run's raw COPY.</summary>
    public sealed record FullLoad(string Format, TimeSpan Elapsed, long PeakWorkingSet, LoadOutcome Outcome);

    public sealed record Figures(long Rows, TimeSpan Raw, long RawPeakWorkingSet, IReadOnlyList<FullLoad> Loads)
    {
        public double Ratio(FullLoad load) => load.Elapsed.TotalSeconds / Math.Max(Raw.TotalSeconds, 1e-9);
        public bool AllLoaded => Loads.All(l => l.Outcome.Status == LoadStatus.Loaded);
    }

    /// <summary>The scratch database on the same server: the configured connection with another database name.</summary>
    public static IWarehouseEngine ScratchEngine(IWarehouseEngine warehouse, string database) =>
        WarehouseEngines.Create(warehouse.Kind, warehouse.WithDatabase(database));

    public async Task<Figures> RunAsync(LedgerBenchOptions options, CancellationToken cancellationToken = default)
    {
        var engine = ScratchEngine(warehouse, options.Database);
        engine.EnsureDatabaseExists();
        // The warehouse's scripts only: no jobs host runs on a scratch database, so it needs no Hangfire schema.
        new Migrator(engine).Migrate();
        output.WriteLine($"bench ledger: {options.Rows:N0} rows, {options.Format}, scratch database '{options.Database}' ({engine.Kind})");

        Directory.CreateDirectory(options.Folder);
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var generator = new LedgerGenerator(options.Rows, run);
        var organisationPath = Path.Combine(options.Folder, $"bench-organisation-{run}.csv");
        var csvPath = Path.Combine(options.Folder, $"bench-gl-{run}.csv");
        var xlsxPath = Path.Combine(options.Folder, $"bench-gl-{run}.xlsx");
        var clock = Stopwatch.StartNew();
        try
        {
            generator.WriteOrganisationCsv(organisationPath);
            generator.WriteCsv(csvPath);
            output.WriteLine($"  generate csv       {clock.Elapsed.TotalSeconds,8:N2} s   {Path.GetFileName(csvPath)} {Megabytes(csvPath)}");
            var formats = options.Format == "both" ? new[] { "csv", "xlsx" } : [options.Format];
            if (formats.Contains("xlsx"))
            {
                clock.Restart();
                generator.WriteXlsx(xlsxPath);
                output.WriteLine($"  generate xlsx      {clock.Elapsed.TotalSeconds,8:N2} s   {Path.GetFileName(xlsxPath)} {Megabytes(xlsxPath)}");
            }

            // The organisation-shaped part: the reference that the ledger's cost centres must be found in.
            clock.Restart();
            var organisation = await new IngestionPipeline(engine).LoadFileAsync(new OrganisationSource(), organisationPath, cancellationToken);
            if (organisation.Status is not (LoadStatus.Loaded or LoadStatus.Duplicate)) // the same reference as an earlier run: already there
                throw new InvalidOperationException($"The bench organisation reference did not load: {organisation.Message}");
            output.WriteLine($"  organisation       {clock.Elapsed.TotalSeconds,8:N2} s   {generator.CostCentres:N0} cost centres through the pipeline");

            await ClearLedgerAsync(engine, cancellationToken);
            var (raw, rawMemory) = await RawCopyAsync(engine, csvPath, options.Rows, cancellationToken);
            output.WriteLine($"  raw COPY           {raw.TotalSeconds,8:N2} s   {Rate(options.Rows, raw)} rows/s   peak working set {MemorySampler.Megabytes(rawMemory.PeakWorkingSet)}, GC heap {MemorySampler.Megabytes(rawMemory.PeakGcHeap)}");

            var loads = new List<FullLoad>();
            var figures = new Figures(options.Rows, raw, rawMemory.PeakWorkingSet, loads);
            foreach (var format in formats)
            {
                // Each load is of a fresh period, as a month's first extract is: earlier rows would make it a restatement.
                await ClearLedgerAsync(engine, cancellationToken);
                LoadOutcome outcome;
                TimeSpan full;
                MemorySampler fullMemory;
                GC.Collect();
                using (fullMemory = new MemorySampler())
                {
                    clock.Restart();
                    outcome = await new IngestionPipeline(engine).LoadFileAsync(glSource, format == "xlsx" ? xlsxPath : csvPath, cancellationToken);
                    full = clock.Elapsed;
                }
                if (outcome.Status != LoadStatus.Loaded)
                    output.WriteLine($"  full load: {outcome.Status}: {outcome.Message}");
                var load = new FullLoad(format, full, fullMemory.PeakWorkingSet, outcome);
                loads.Add(load);
                output.WriteLine($"  full load ({format,-4})   {full.TotalSeconds,8:N2} s   {Rate(outcome.RowsLoaded, full)} rows/s   peak working set {MemorySampler.Megabytes(fullMemory.PeakWorkingSet)}, GC heap {MemorySampler.Megabytes(fullMemory.PeakGcHeap)}, gen2 GCs {fullMemory.Gen2Collections}");
                output.WriteLine(format == "csv"
                    ? $"  ratio csv/raw      {figures.Ratio(load),8:N2}     (target: ≤ 1.5)"
                    : $"  ratio xlsx/raw     {figures.Ratio(load),8:N2}     (no target: the raw COPY reads the csv, so this includes xlsx parsing)");
            }
            output.WriteLine($"  process peak working set {MemorySampler.Megabytes(Process.GetCurrentProcess().PeakWorkingSet64)} (includes generation; target < 300 MB)");
            return figures;
        }
        finally
        {
            if (!options.KeepFiles)
                foreach (var path in new[] { organisationPath, csvPath, xlsxPath })
                    File.Delete(path);
        }
    }

    private static string Megabytes(string path) => $"{new FileInfo(path).Length / (1024.0 * 1024.0):N1} MB";

    // TRUNCATE, not DELETE, so a million dead rows from the last load do not slow the next (scratch database only).
    private static async Task ClearLedgerAsync(IWarehouseEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("TRUNCATE TABLE dw.fact_ledger", commandTimeout: 0, cancellationToken: cancellationToken));
    }

    private static string Rate(long rows, TimeSpan elapsed) => (rows / Math.Max(elapsed.TotalSeconds, 1e-9)).ToString("N0", CultureInfo.InvariantCulture);

    private static readonly IReadOnlyList<StagingColumn<BenchGlRow>> RawColumns =
    [
        StagingColumn<BenchGlRow>.Of("cost_centre_code", r => r.CostCentre),
        StagingColumn<BenchGlRow>.Of("account_code", r => r.Account),
        StagingColumn<BenchGlRow>.Of("account_name", r => r.AccountName),
        StagingColumn<BenchGlRow>.Of("fiscal_year", r => r.FiscalYear),
        StagingColumn<BenchGlRow>.Of("period", r => r.Period),
        StagingColumn<BenchGlRow>.Of("budget", r => r.Budget),
        StagingColumn<BenchGlRow>.Of("actual", r => r.Actual),
    ];

    /// <summary>The floor: bare csv parsing and one binary COPY into a table with no index, key or check.</summary>
    private static async Task<(TimeSpan Elapsed, MemorySampler Memory)> RawCopyAsync(IWarehouseEngine engine, string csvPath, long expected,
        CancellationToken cancellationToken)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync($"DROP TABLE IF EXISTS {RawTable}");
        await connection.ExecuteAsync($"""
            CREATE TABLE {RawTable} (cost_centre_code varchar(20) NOT NULL, account_code varchar(20) NOT NULL, account_name varchar(100) NULL,
                fiscal_year varchar(10) NOT NULL, period int NOT NULL, budget decimal(19,2) NOT NULL, actual decimal(19,2) NOT NULL)
            """);
        GC.Collect();
        var memory = new MemorySampler();
        var clock = Stopwatch.StartNew();
        long copied;
        await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
        {
            using var reader = new RowReader<BenchGlRow>(ReadCsv(csvPath), RawColumns);
            copied = await engine.BulkCopyAsync(connection, tx, RawTable, RawColumns.Select(c => c.Name).ToList(), reader, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        var elapsed = clock.Elapsed;
        memory.Dispose();
        await connection.ExecuteAsync($"DROP TABLE {RawTable}");
        if (copied != expected)
            throw new InvalidOperationException($"The raw COPY copied {copied:N0} rows, not {expected:N0}.");
        return (elapsed, memory);
    }

    private static IEnumerable<BenchGlRow> ReadCsv(string path)
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = false, BufferSize = 1 << 16 });
        var line = 0;
        while (csv.Read())
        {
            if (++line <= 2)
                continue; // title and header
            var costCentre = csv.GetString(0);
            if (costCentre == "Total")
                yield break;
            yield return new BenchGlRow(costCentre, csv.GetString(1), csv.GetString(2), csv.GetString(3),
                int.Parse(csv.GetString(4), CultureInfo.InvariantCulture),
                decimal.Parse(csv.GetString(5), CultureInfo.InvariantCulture), decimal.Parse(csv.GetString(6), CultureInfo.InvariantCulture));
        }
    }
}
