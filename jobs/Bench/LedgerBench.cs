using System.Diagnostics;
using System.Globalization;
using Dapper;
using ExcelDataReader;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Core.Reading;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Jobs.Cli;

namespace Warehouse.Jobs.Bench;

public sealed record LedgerBenchOptions(long Rows, string Format, string Database, string Folder, bool KeepFiles, int Repetitions = 3,
    bool SeparateProcess = true);

/// <summary>
/// `bench ledger`: generates a synthetic GL extract and, in one run, interleaved, <see cref="LedgerBenchOptions.Repetitions"/>
/// times each, times
/// (a) the limit: the csv's data rows sent to the server as they are (<see cref="CopyLimit"/>, what psql \copy does);
/// (b) the full load through the pipeline and the finance-gl source as a separate `warehouse load` process, start-up
///     included (what a user and the nightly job pay), and in this process (the same load without start-up);
/// (c) a restatement: the same period again with one changed row, into a warehouse that holds it;
/// (d) a small file (200 rows) as a separate process, against the start-up of the program alone;
/// and with --format xlsx|both the xlsx load against the bare reader on the same workbook; with more than 2M rows,
/// a tenth of the rows too (time must be linear). It prints each run, then medians, min–max, rows/s, ratios to
/// the limit's median and peak working sets against the targets of docs/finance-quality.md. All of it runs in a
/// scratch database on the same server, so the warehouse is not touched. Not a test: the figures are the machine's.
/// </summary>
public sealed class LedgerBench(IWarehouseEngine warehouse, ISource glSource, TextWriter output)
{
    public const int SmallFileRows = 200;
    private const double LoadTarget = 1.5, LinearTarget = 11, SmallFileTarget = 0.5, XlsxTarget = 100_000;
    private const long WorkingSetTarget = 300L * 1024 * 1024;

    /// <summary>One timed run of one measure.</summary>
    public sealed record Run(string Measure, TimeSpan Elapsed, long Rows, long PeakWorkingSet, string? Failure = null);

    public sealed record Figures(long Rows, IReadOnlyList<Run> Runs)
    {
        public IEnumerable<Run> Of(string measure) => Runs.Where(r => r.Measure == measure);
        public double Median(string measure) => LedgerBench.Median(Of(measure).Select(r => r.Elapsed.TotalSeconds).ToList());
        public bool AllLoaded => Runs.All(r => r.Failure is null);
        public double? Ratio(string measure) =>
            Of(Limit).Any() && Of(measure).Any() ? Median(measure) / Math.Max(Median(Limit), 1e-9) : null;
    }

    public const string Limit = "limit", Process = "full load, separate process", InProcess = "full load, in-process",
        Restatement = "restatement, in-process", SmallProcess = "small file, separate process", StartUp = "start-up alone",
        Xlsx = "xlsx full load, in-process", XlsxReader = "xlsx bare reader", Tenth = "a tenth of the rows, in-process",
        ReadOnly = "read and check alone, no database";

    /// <summary>
    /// The scratch database on the same server: the configured connection with another database name. Every bench
    /// comes here first, and the warehouse's own database is refused before anything is touched: the benches
    /// truncate the ledger, rewrite batch states, and drop and rebuild their database.
    /// </summary>
    public static IWarehouseEngine ScratchEngine(IWarehouseEngine warehouse, string database) =>
        warehouse.NamesOwnDatabase(database)
            ? throw new UsageException($"--database names the warehouse itself ('{database}'): a bench empties and rebuilds its scratch database, so name another one (the default is warehouse_bench, or warehouse_history for bench history).")
            : WarehouseEngines.Create(warehouse.Kind, warehouse.WithDatabase(database));

    public async Task<Figures> RunAsync(LedgerBenchOptions options, CancellationToken cancellationToken = default)
    {
        var engine = ScratchEngine(warehouse, options.Database);
        engine.EnsureDatabaseExists();
        // The warehouse's scripts only: no jobs host runs on a scratch database, so it needs no Hangfire schema.
        new Migrator(engine).Migrate();
        var formats = options.Format == "both" ? new[] { "csv", "xlsx" } : [options.Format];
        output.WriteLine($"bench ledger: {options.Rows:N0} rows, {string.Join(" and ", formats)}, {options.Repetitions} repetitions interleaved, scratch database '{options.Database}' ({engine.Kind})");

        // A file of more rows than the configured limit allows would be refused: the bench raises it for its own
        // run (in this process and the separate ones it starts), and says so.
        var limits = ReadLimits.Current;
        if (options.Rows + 3 > limits.MaxRows)
        {
            var raised = (int)Math.Min(int.MaxValue, options.Rows + 3);
            ReadLimits.Current = limits with { MaxRows = raised };
            _childSettings["Warehouse__Limits__MaxRows"] = raised.ToString(CultureInfo.InvariantCulture);
            output.WriteLine($"  the row limit (Warehouse:Limits:MaxRows, {limits.MaxRows:N0}) is raised to {raised:N0} for this run");
        }
        Directory.CreateDirectory(options.Folder);
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        // bench-gl-<run>.csv: the extension stays last, since the reader goes by it.
        string Named(string what) => Path.Combine(options.Folder, $"bench-{Path.GetFileNameWithoutExtension(what)}-{run}{Path.GetExtension(what)}");
        var files = new List<string>();
        string File(string what)
        {
            var path = Named(what);
            files.Add(path);
            return path;
        }
        var generator = new LedgerGenerator(options.Rows, run);
        var organisationPath = File("organisation.csv");
        var csvPath = File("gl.csv");
        var restatedPath = File("gl-restated.csv");
        var smallPath = File("gl-small.csv");
        var xlsxPath = File("gl.xlsx");
        var tenthPath = File("gl-tenth.csv");
        var runs = new List<Run>();
        var figures = new Figures(options.Rows, runs);
        var clock = Stopwatch.StartNew();
        try
        {
            generator.WriteOrganisationCsv(organisationPath);
            generator.WriteCsv(csvPath);
            output.WriteLine($"  generate csv          {clock.Elapsed.TotalSeconds,8:N2} s   {Path.GetFileName(csvPath)} {Megabytes(csvPath)}");
            // The corrected extract: the same period, one row a pound different (and so its Total row).
            new LedgerGenerator(options.Rows, run, changedRow: options.Rows / 2).WriteCsv(restatedPath);
            // The small file is of the next period, so it is a first load of its period, not a restatement.
            new LedgerGenerator(SmallFileRows, run, period: LedgerGenerator.Period + 1).WriteCsv(smallPath);
            var tenth = options.Rows >= 2_000_000;
            if (tenth)
                new LedgerGenerator(options.Rows / 10, run).WriteCsv(tenthPath);
            if (formats.Contains("xlsx"))
            {
                clock.Restart();
                generator.WriteXlsx(xlsxPath);
                output.WriteLine($"  generate xlsx         {clock.Elapsed.TotalSeconds,8:N2} s   {Path.GetFileName(xlsxPath)} {Megabytes(xlsxPath)}");
            }

            // The organisation reference that the ledger's cost centres must be found in.
            clock.Restart();
            var organisation = await new IngestionPipeline(engine).LoadFileAsync(new OrganisationSource(), organisationPath, cancellationToken);
            if (organisation.Status is not (LoadStatus.Loaded or LoadStatus.Duplicate))
                throw new InvalidOperationException($"The bench organisation reference did not load: {organisation.Message}");
            output.WriteLine($"  organisation          {clock.Elapsed.TotalSeconds,8:N2} s   {generator.CostCentres:N0} cost centres through the pipeline");

            var process = options.SeparateProcess ? WarehouseProcess.Find() : null;
            if (options.SeparateProcess && process is null)
                output.WriteLine("  separate process: not run (the warehouse program was not found beside this one)");
            var limitMeasured = engine.Kind == EngineKind.PostgreSql;
            if (!limitMeasured)
                output.WriteLine("  limit: not measured (COPY FROM STDIN is PostgreSQL's; on SQL Server the ratios are not printed)");

            for (var rep = 1; rep <= options.Repetitions; rep++)
            {
                output.WriteLine($"  repetition {rep}");
                if (limitMeasured)
                {
                    GC.Collect();
                    var (elapsed, copied) = await CopyLimit.MeasureAsync(engine.ConnectionString, csvPath, cancellationToken);
                    Record(new Run(Limit, elapsed, copied, 0, copied == options.Rows ? null : $"copied {copied:N0} rows, not {options.Rows:N0}"));
                }
                if (process is not null)
                {
                    await ClearLedgerAsync(engine, cancellationToken);
                    var copy = Retitled(csvPath, $"process-{rep}");
                    var result = await process.RunAsync(engine, _childSettings, ["load", "finance-gl", copy], cancellationToken);
                    Record(new Run(Process, result.Elapsed, options.Rows, result.PeakWorkingSet, result.ExitCode == 0 ? null : $"exit {result.ExitCode}: {result.Output}"));
                    DeleteUnlessKept(copy);
                }
                Record(ReadAndCheck(csvPath));
                await ClearLedgerAsync(engine, cancellationToken);
                var inProcess = Retitled(csvPath, $"in-process-{rep}");
                Record(await LoadInProcessAsync(engine, InProcess, inProcess, options.Rows, cancellationToken));
                DeleteUnlessKept(inProcess);
                // Into the warehouse that now holds the period: the corrected extract replaces its slice.
                var restated = Retitled(restatedPath, $"restated-{rep}");
                Record(await LoadInProcessAsync(engine, Restatement, restated, options.Rows, cancellationToken));
                DeleteUnlessKept(restated);
                if (process is not null)
                {
                    var startUp = await process.RunAsync(engine, _childSettings, ["help"], cancellationToken);
                    Record(new Run(StartUp, startUp.Elapsed, 0, startUp.PeakWorkingSet, startUp.ExitCode == 0 ? null : $"exit {startUp.ExitCode}"));
                    var small = Retitled(smallPath, $"small-{rep}");
                    var result = await process.RunAsync(engine, _childSettings, ["load", "finance-gl", small], cancellationToken);
                    Record(new Run(SmallProcess, result.Elapsed, SmallFileRows, result.PeakWorkingSet, result.ExitCode == 0 ? null : $"exit {result.ExitCode}: {result.Output}"));
                    DeleteUnlessKept(small);
                }
                if (tenth)
                {
                    await ClearLedgerAsync(engine, cancellationToken);
                    var copy = Retitled(tenthPath, $"tenth-{rep}");
                    Record(await LoadInProcessAsync(engine, Tenth, copy, options.Rows / 10, cancellationToken));
                    DeleteUnlessKept(copy);
                }
                if (formats.Contains("xlsx"))
                {
                    Record(BareXlsxRead(xlsxPath));
                    await ClearLedgerAsync(engine, cancellationToken);
                    // The same workbook each time is the same bytes: the earlier load is superseded first, as a restatement would.
                    await SupersedeLedgerBatchesAsync(engine, cancellationToken);
                    Record(await LoadInProcessAsync(engine, Xlsx, xlsxPath, options.Rows, cancellationToken));
                }
            }
            Summarise(figures, options);
            return figures;
        }
        finally
        {
            ReadLimits.Current = limits;
            if (!options.KeepFiles)
                foreach (var path in files)
                    System.IO.File.Delete(path);
        }

        void Record(Run result)
        {
            runs.Add(result);
            var memory = result.PeakWorkingSet > 0 ? $"   peak working set {MemorySampler.Megabytes(result.PeakWorkingSet)}" : "";
            output.WriteLine(result.Failure is null
                ? $"    {result.Measure,-32} {result.Elapsed.TotalSeconds,8:N2} s   {Rate(result.Rows, result.Elapsed),11} rows/s{memory}"
                : $"    {result.Measure,-32} FAILED: {result.Failure}");
        }

        string Retitled(string source, string label)
        {
            var path = Named($"gl-{label}.csv");
            LedgerGenerator.WriteRetitled(source, path, $"{run}-{label}");
            files.Add(path);
            return path;
        }

        void DeleteUnlessKept(string path)
        {
            if (!options.KeepFiles)
                System.IO.File.Delete(path);
        }
    }

    private void Summarise(Figures figures, LedgerBenchOptions options)
    {
        output.WriteLine();
        output.WriteLine($"  {"measure",-40} {"median",9} {"min–max",15} {"rows/s",11} {"× limit",8} {"peak WS",8}   target");
        var limit = figures.Of(Limit).Any() ? figures.Median(Limit) : (double?)null;
        foreach (var (measure, target) in new (string, string)[]
                 {
                     (Limit, "the floor: psql \\copy of the same rows"),
                     (Process, Verdict(figures.Ratio(Process), LoadTarget, "× limit")),
                     (InProcess, "(no target: the same load without start-up)"),
                     (ReadOnly, "(the client's share: the GL reader's parsing and checks)"),
                     (Restatement, Verdict(figures.Ratio(Restatement), LoadTarget, "× limit")),
                     (Tenth, ""),
                     (StartUp, "(the program starting and printing its help)"),
                     (SmallProcess, ""),
                     (XlsxReader, "(ExcelDataReader over the workbook, nothing else)"),
                     (Xlsx, ""),
                 })
        {
            var measured = figures.Of(measure).Where(r => r.Failure is null).ToList();
            if (measured.Count == 0)
                continue;
            var seconds = measured.Select(r => r.Elapsed.TotalSeconds).ToList();
            var median = Median(seconds);
            var rate = measured[0].Rows > 0 ? (measured[0].Rows / Math.Max(median, 1e-9)).ToString("N0", CultureInfo.InvariantCulture) : "";
            var ratio = limit is { } l && measure != StartUp ? (median / l).ToString("N2", CultureInfo.InvariantCulture) : "";
            var peak = measured.Max(r => r.PeakWorkingSet) is var p and > 0 ? MemorySampler.Megabytes(p) : "";
            output.WriteLine($"  {measure,-40} {median,7:N2} s {seconds.Min(),6:N2}–{seconds.Max(),-6:N2} s {rate,11} {ratio,8} {peak,8}   {target}");
        }
        if (figures.Of(SmallProcess).Any(r => r.Failure is null) && figures.Of(StartUp).Any(r => r.Failure is null))
        {
            var beyond = figures.Median(SmallProcess) - figures.Median(StartUp);
            output.WriteLine($"  small file ({SmallFileRows} rows) beyond start-up: {beyond:N2} s   {Verdict(beyond, SmallFileTarget, "s")}");
        }
        if (figures.Of(Tenth).Any(r => r.Failure is null))
        {
            var linear = figures.Median(InProcess) / Math.Max(figures.Median(Tenth), 1e-9);
            output.WriteLine($"  {options.Rows:N0} rows against a tenth: {linear:N1}× the time   {Verdict(linear, LinearTarget, "×")}");
        }
        if (figures.Of(Xlsx).Any(r => r.Failure is null))
        {
            var rate = options.Rows / Math.Max(figures.Median(Xlsx), 1e-9);
            var bare = figures.Of(XlsxReader).Any() ? options.Rows / Math.Max(figures.Median(XlsxReader), 1e-9) : 0;
            output.WriteLine($"  xlsx load {rate:N0} rows/s, bare reader {bare:N0} rows/s   target ≥ {XlsxTarget:N0} rows/s: {(rate >= XlsxTarget ? "met" : "NOT met")}");
        }
        var peakLoad = figures.Runs.Where(r => r.Measure is Process or InProcess or Restatement).Select(r => r.PeakWorkingSet).DefaultIfEmpty(0).Max();
        output.WriteLine($"  peak working set of a load {MemorySampler.Megabytes(peakLoad)}   target < {MemorySampler.Megabytes(WorkingSetTarget)}: {(peakLoad < WorkingSetTarget ? "met" : "NOT met")}");
        foreach (var (measure, steps) in _steps)
        {
            output.WriteLine($"  steps of the last {measure}:");
            foreach (var line in steps.Lines())
                output.WriteLine($"    {line}");
        }
        foreach (var failed in figures.Runs.Where(r => r.Failure is not null))
            output.WriteLine($"  FAILED: {failed.Measure}: {failed.Failure}");
    }

    private static string Verdict(double? value, double target, string unit) => value is { } v
        ? $"≤ {target.ToString("0.0", CultureInfo.InvariantCulture)} {unit}: {(v <= target ? "met" : "NOT met")}"
        : $"≤ {target.ToString("0.0", CultureInfo.InvariantCulture)} {unit}: not measured";

    /// <summary>Settings the separate processes get beside the scratch database's connection.</summary>
    private readonly Dictionary<string, string> _childSettings = [];

    /// <summary>The steps of the last in-process load of each measure (printed under the summary).</summary>
    private readonly Dictionary<string, StepTimings> _steps = [];

    private async Task<Run> LoadInProcessAsync(IWarehouseEngine engine, string measure, string path, long rows, CancellationToken cancellationToken)
    {
        GC.Collect();
        LoadOutcome outcome;
        TimeSpan elapsed;
        var steps = _steps[measure] = new StepTimings();
        using (var memory = new MemorySampler())
        {
            var clock = Stopwatch.StartNew();
            outcome = await new IngestionPipeline(engine).LoadFileAsync(glSource, path, LoadOptions.Default with { Timings = steps }, cancellationToken);
            elapsed = clock.Elapsed;
            memory.Dispose();
            return new Run(measure, elapsed, outcome.RowsLoaded, memory.PeakWorkingSet,
                outcome.Status == LoadStatus.Loaded && outcome.RowsLoaded == rows ? null : $"{outcome.Status}, {outcome.RowsLoaded:N0} rows: {outcome.Message}");
        }
    }

    /// <summary>The GL reader over the csv with nothing sent anywhere: what parsing and checking cost on the client.</summary>
    private static Run ReadAndCheck(string path)
    {
        GC.Collect();
        using var memory = new MemorySampler();
        var clock = Stopwatch.StartNew();
        var errors = new RowErrors(Path.GetFileName(path));
        long rows = 0;
        try
        {
            foreach (var _ in new Warehouse.Etl.Sources.Finance.GeneralLedgerReader(path, errors, null).Open().Rows())
                rows++;
        }
        catch (SourceFormatException refused)
        {
            return new Run(ReadOnly, clock.Elapsed, rows, 0, refused.Message);
        }
        var elapsed = clock.Elapsed;
        memory.Dispose();
        return new Run(ReadOnly, elapsed, rows, memory.PeakWorkingSet, errors.Any ? $"{errors.Count} errors" : null);
    }

    /// <summary>ExcelDataReader over the workbook and nothing else: every cell of every row read, as the GL reader reads it.</summary>
    private static Run BareXlsxRead(string path)
    {
        GC.Collect();
        using var memory = new MemorySampler();
        var clock = Stopwatch.StartNew();
        long rows = 0;
        using (var stream = System.IO.File.OpenRead(path))
        using (var reader = ExcelReaderFactory.CreateReader(stream))
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                    _ = reader.GetValue(i);
                rows++;
            }
        }
        var elapsed = clock.Elapsed;
        memory.Dispose();
        return new Run(XlsxReader, elapsed, rows - 3, memory.PeakWorkingSet); // title, header and Total rows are not data
    }

    private static string Megabytes(string path) => $"{new FileInfo(path).Length / (1024.0 * 1024.0):N1} MB";

    // TRUNCATE, not DELETE, so a million dead rows from the last load do not slow the next (scratch database only).
    private static async Task ClearLedgerAsync(IWarehouseEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("TRUNCATE TABLE dw.fact_ledger", commandTimeout: 0, cancellationToken: cancellationToken));
    }

    // The workbook's bytes are the same every repetition; a superseded batch's file is loaded again (restating its period back).
    private static async Task SupersedeLedgerBatchesAsync(IWarehouseEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE etl.batch SET state = 'superseded' WHERE source = 'finance-gl' AND state = 'loaded'", cancellationToken: cancellationToken));
    }

    private static string Rate(long rows, TimeSpan elapsed) => rows == 0 ? "" : (rows / Math.Max(elapsed.TotalSeconds, 1e-9)).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The median of a bench's runs (the mean of the middle two of an even count).</summary>
    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
