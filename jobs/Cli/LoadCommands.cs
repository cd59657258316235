using Warehouse.Jobs.Status;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Cli;

internal static class LoadCommands
{
    private const int ErrorsShown = 20;

    /// <summary>How long `load` waits for another load of the same source before giving up (`--wait SECONDS`).</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromMinutes(10);

    public static async Task<int> LoadAsync(CommandContext context)
    {
        // Flags without a value are taken out first: Positionals() reads the word after any --option as its value.
        var options = new LoadOptions
        {
            Retry = context.Args.Contains("--retry"),
            ReplaceAll = context.Args.Contains("--replace-all"),
            LockWait = context.Option("--wait") is { } wait
                ? int.TryParse(wait, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new UsageException($"--wait takes a number of seconds, not '{wait}'.")
                : DefaultLockWait,
            OnWaiting = message => context.Error.WriteLine(message),
        };
        context = context with { Args = context.Args.Where(a => a is not ("--retry" or "--replace-all")).ToArray() };
        var positionals = context.Positionals();
        var sources = SourceCatalog.Create(context.Configuration());
        if (positionals.Count < 2)
            throw new UsageException($"Name a source and at least one file. Sources: {string.Join(", ", sources.Select(s => s.Name))}.");
        var source = SourceCatalog.Find(sources, positionals[0])
                     ?? throw new UsageException($"Unknown source '{positionals[0]}'. Sources: {string.Join(", ", sources.Select(s => s.Name))}.");
        // Said of a source that never refuses a partial restatement, it would read as a promise the load does not keep.
        if (options.ReplaceAll && source is not IGuardsRestatement)
            throw new UsageException($"--replace-all applies to sources that refuse a restatement lacking parts of its period " +
                $"({string.Join(", ", sources.Where(s => s is IGuardsRestatement).Select(s => s.Name))}), not to {source.Name}.");
        if (source is ISourceWithOptions withOptions)
            source = SourceOptions.Apply(withOptions, context);
        var files = positionals.Skip(1).Select(f => Path.GetFullPath(f, context.WorkingDirectory)).ToList();
        foreach (var file in files.Where(f => !File.Exists(f)))
            throw new UsageException(Directory.Exists(file)
                ? $"{file} is a folder: name the files to load (e.g. {Path.Combine(file, "*.csv")}), or drop them into the source's inbox folder for `warehouse run`."
                : $"{file} does not exist.");

        var timings = context.Verbose ? new StepTimings() : null;
        if (timings is not null)
            context.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds,7:0.000} s  .NET and the program started, arguments read"));
        timings?.Mark("sources and files checked");
        var engine = Commands.ResolveEngine(context);
        timings?.Mark("database found (configuration, local cluster)");
        JobsMigrator.For(engine).MigrateIfPending();
        timings?.Mark("migrations checked");
        var worst = ExitCodes.Ok;
        foreach (var file in files)
        {
            worst = Math.Max(worst, await LoadOneAsync(context, engine, source, file, timings is null ? options : options with { Timings = timings }));
            if (timings is not null)
            {
                timings.Mark("outcome reported");
                foreach (var line in timings.Lines())
                    context.Error.WriteLine(line);
                timings = new StepTimings();
            }
        }
        return worst;
    }

    /// <summary>The sources `load` and `run` accept, for their --help.</summary>
    public static string SourcesHelp()
    {
        var sources = SourceCatalog.Create(WarehouseConnection.LoadConfiguration(Directory.GetCurrentDirectory()));
        var width = sources.Max(s => s.Name.Length);
        return "Sources:\n" + string.Join("\n", sources.Select(s => $"  {s.Name.PadRight(width)}  {s.Description}"));
    }

    public static async Task<int> LoadOneAsync(CommandContext context, IWarehouseEngine engine, ISource source, string file, LoadOptions? options = null)
    {
        var progress = new ConsoleProgress(context.Output, context.Interactive);
        var outcome = await new IngestionPipeline(engine, progress: progress).LoadFileAsync(source, file, options ?? LoadOptions.Default, context.Cancellation);
        progress.Finish();
        Report(context, outcome);
        await SourceOptions.ReportQuarantineAsync(context, engine, outcome);
        return outcome.Status switch
        {
            LoadStatus.Loaded or LoadStatus.Duplicate => ExitCodes.Ok,
            LoadStatus.Busy => ExitCodes.Infrastructure,
            _ => ExitCodes.RejectedInput,
        };
    }

    private static void Report(CommandContext context, LoadOutcome outcome)
    {
        var writer = outcome.Succeeded ? context.Output : context.Error;
        writer.WriteLine($"{outcome.Source}: {outcome.Status.Words()} — {outcome.Message}");
        foreach (var error in outcome.Errors.Take(ErrorsShown))
            writer.WriteLine($"  {error}");
        if (outcome.Errors.Count > ErrorsShown)
            writer.WriteLine($"  … {outcome.Errors.Count - ErrorsShown} more: see `warehouse status` or report.rejections (batch {outcome.BatchId}).");
        if (outcome.Status == LoadStatus.Rejected && outcome.Errors.Any(e => e.Reason.Contains("--replace-all", StringComparison.Ordinal)))
            writer.WriteLine($"  If the file is meant to replace the whole period, run `warehouse load {outcome.Source} {outcome.File} --replace-all`; otherwise send a file with every cost centre.");
        else if (outcome.Status == LoadStatus.Rejected)
            writer.WriteLine($"  Fix the file and load it again; if the cause is outside the file (a reference not yet loaded), load that first and run `warehouse load --retry {outcome.Source} {outcome.File}`.");
    }

    /// <summary>The samples/ folder of the checkout, found from the working folder or the program's folder.</summary>
    public static string? FindSamples(string workingDirectory)
    {
        foreach (var start in new[] { workingDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples");
                if (Directory.Exists(Path.Combine(candidate, "finance")))
                    return candidate;
            }
        }
        return null;
    }
}
