using Warehouse.Jobs.Status;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Cli;

internal static class LoadCommands
{
    private const int ErrorsShown = 20;

    public static async Task<int> LoadAsync(CommandContext context)
    {
        var positionals = context.Positionals();
        var sources = SourceCatalog.Create(context.Configuration());
        if (positionals.Count < 2)
            throw new UsageException($"Name a source and at least one file. Sources: {string.Join(", ", sources.Select(s => s.Name))}.");
        var source = SourceCatalog.Find(sources, positionals[0])
                     ?? throw new UsageException($"Unknown source '{positionals[0]}'. Sources: {string.Join(", ", sources.Select(s => s.Name))}.");
        if (source is ISourceWithOptions withOptions)
            source = SourceOptions.Apply(withOptions, context);
        var files = positionals.Skip(1).Select(f => Path.GetFullPath(f, context.WorkingDirectory)).ToList();
        foreach (var file in files.Where(f => !File.Exists(f)))
            throw new UsageException(Directory.Exists(file)
                ? $"{file} is a folder: name the files to load (e.g. {Path.Combine(file, "*.csv")}), or drop them into the source's inbox folder for `warehouse run`."
                : $"{file} does not exist.");

        var engine = Commands.ResolveEngine(context);
        JobsMigrator.For(engine).MigrateIfPending();
        var worst = ExitCodes.Ok;
        foreach (var file in files)
            worst = Math.Max(worst, await LoadOneAsync(context, engine, source, file));
        return worst;
    }

    /// <summary>The sources `load` and `run` accept, for their --help.</summary>
    public static string SourcesHelp()
    {
        var sources = SourceCatalog.Create(WarehouseConnection.LoadConfiguration(Directory.GetCurrentDirectory()));
        var width = sources.Max(s => s.Name.Length);
        return "Sources:\n" + string.Join("\n", sources.Select(s => $"  {s.Name.PadRight(width)}  {s.Description}"));
    }

    public static async Task<int> LoadOneAsync(CommandContext context, IWarehouseEngine engine, ISource source, string file)
    {
        var progress = new ConsoleProgress(context.Output, context.Interactive);
        var outcome = await new IngestionPipeline(engine, progress: progress).LoadFileAsync(source, file, context.Cancellation);
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
