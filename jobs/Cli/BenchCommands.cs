using System.Globalization;
using Warehouse.Etl.Core;
using Warehouse.Etl.Publish;
using Warehouse.Etl.Sources;
using Warehouse.Jobs.Bench;

namespace Warehouse.Jobs.Cli;

/// <summary>`bench ledger`: the load benchmark (see jobs/Bench/LedgerBench.cs and docs/finance-quality.md).</summary>
internal static class BenchCommands
{
    public const string Usage = "warehouse bench ledger [--rows 1000000] [--format csv|xlsx|both] [--repeat 3] [--in-process-only] [--database warehouse_bench] [--folder DIR] [--keep-files]  |  " +
                                HistoryUsage + "  |  " + PaymentsBenchCommand.Usage;

    public const string HistoryUsage = "warehouse bench history [--years 10] [--runs 20] [--period 2025-03] [--committee Adults] [--database warehouse_history] [--reuse]";

    public static async Task<int> BenchAsync(CommandContext context)
    {
        var keepFiles = context.Args.Contains("--keep-files");
        var inProcessOnly = context.Args.Contains("--in-process-only");
        // Flags, not options with a value.
        var reuse = context.Args.Contains("--reuse");
        context = context with { Args = context.Args.Where(a => a is not ("--keep-files" or "--in-process-only" or "--reuse")).ToArray() };
        var positionals = context.Positionals();
        if (positionals is ["payments"]) return await PaymentsBenchCommand.RunAsync(context, keepFiles);
        if (positionals is ["history"]) return await HistoryAsync(context, reuse);
        if (positionals.Count != 1 || positionals[0] != "ledger")
            throw new UsageException("Name the benchmark: ledger, history or payments.");
        var rowsText = context.Option("--rows") ?? "1000000";
        if (!long.TryParse(rowsText.Replace("_", "").Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows < 1)
            throw new UsageException($"--rows must be a positive whole number, not '{rowsText}'.");
        // csv by default: the limit is a csv COPY; xlsx adds a load of the same rows as a workbook and the bare reader.
        var format = (context.Option("--format") ?? "csv").ToLowerInvariant();
        if (format is not ("both" or "csv" or "xlsx"))
            throw new UsageException($"--format must be both, csv or xlsx, not '{format}'.");
        var repeatText = context.Option("--repeat") ?? "3";
        if (!int.TryParse(repeatText, NumberStyles.None, CultureInfo.InvariantCulture, out var repetitions) || repetitions < 1)
            throw new UsageException($"--repeat must be a positive whole number, not '{repeatText}'.");
        var database = context.Option("--database") ?? "warehouse_bench";
        if (!database.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new UsageException("--database must be letters, digits and underscores.");
        var folder = Path.GetFullPath(context.Option("--folder") ?? Path.Combine(Path.GetTempPath(), "warehouse-bench"), context.WorkingDirectory);

        var source = SourceCatalog.Find(SourceCatalog.Create(context.Configuration()), "finance-gl")
                     ?? throw new UsageException("The finance-gl source is not in this build.");
        var engine = Commands.ResolveEngine(context);
        var figures = await new LedgerBench(engine, source, context.Output)
            .RunAsync(new LedgerBenchOptions(rows, format, database, folder, keepFiles, repetitions, SeparateProcess: !inProcessOnly));
        return figures.AllLoaded ? ExitCodes.Ok : ExitCodes.RejectedInput;
    }

    /// <summary>`bench history`: the report and powerbi views over years of history (jobs/Bench/HistoryBench.cs).</summary>
    private static async Task<int> HistoryAsync(CommandContext context, bool reuse)
    {
        var years = PositiveOption(context, "--years", "10");
        var runs = PositiveOption(context, "--runs", "20");
        var database = context.Option("--database") ?? "warehouse_history";
        if (!database.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new UsageException("--database must be letters, digits and underscores.");
        FiscalPeriod? period = context.Option("--period") is null ? null : ReportCommands.PeriodOption(context);
        var committeeText = context.Option("--committee") ?? "Adults";
        var committee = Committees.Resolve(committeeText) ?? throw new UsageException(
            $"Unknown committee '{committeeText}': use one of {string.Join(", ", Committees.Known.Select(k => k.Code))} (any case).");
        var engine = Commands.ResolveEngine(context);
        // The samples' loads are quiet: only a failure's messages are shown.
        var figures = await new HistoryBench(engine, async (scratch, log, _) =>
                await Commands.LoadSamplesAsync(context with { Output = log, Error = log }, scratch) == ExitCodes.Ok, context.Output)
            .RunAsync(new HistoryBenchOptions(years, runs, database, period, committee, reuse), context.Cancellation);
        return figures is null ? ExitCodes.Usage : ExitCodes.Ok;
    }

    private static int PositiveOption(CommandContext context, string name, string fallback)
    {
        var text = context.Option(name) ?? fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            throw new UsageException($"{name} must be a positive whole number, not '{text}'.");
        return value;
    }
}
