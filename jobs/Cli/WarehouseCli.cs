using Warehouse.Database.Local;
using Warehouse.Database.Migrations;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Jobs.Cli;

/// <summary>The `warehouse` command line: one verb per operation, `--help` on each, documented exit codes.</summary>
public static class WarehouseCli
{
    public static readonly IReadOnlyList<Verb> Verbs =
    [
        new("migrate", "Apply the database migrations to the configured engine (safe to run again).",
            "warehouse migrate", Commands.MigrateAsync),
        new("demo", "Start the local database if needed, migrate, and load the bundled samples.",
            "warehouse demo", Commands.DemoAsync),
        new("load", "Load files of one source through the full pipeline (same file again: no-op).",
            "warehouse load <source> <file> [<file>…] [--retry] [--wait SECONDS] [--replace-all]", LoadCommands.LoadAsync) { Details = LoadCommands.SourcesHelp },
        new("status", "Show the last load per source, freshness, rejections, reconciliation and failed jobs.",
            "warehouse status [--limit N] [--json]", StatusCommand.RunAsync),
        new("run", "Run the nightly job once in the foreground: every source's inbox and extracts, then the refresh.",
            "warehouse run [--source <name>]", RunCommand.RunAsync) { Details = LoadCommands.SourcesHelp },
        new("serve", "Run the Hangfire server (nightly job, inbox watcher), the status page (/), dashboard (/hangfire) and /health.",
            "warehouse serve [--urls http://127.0.0.1:5080]", Commands.ServeAsync),
        new("powerbi", "Generate the Power BI semantic model (TMDL) from powerbi/model.json and the views, or check it.",
            "warehouse powerbi generate|check [--project powerbi]", PowerBiCommands.RunAsync),
        new("report", "Write the committee report pack (xlsx, html, PDF) for a period from the report views, or the spend-over-£500 transparency file.",
            ReportCommands.Usage + "  |  " + TransparencyCommand.Usage, ReportCommands.RunAsync),
        new("pack", "The same as report: the committee pack for a period.", ReportCommands.Usage.Replace("warehouse report", "warehouse pack"), ReportCommands.RunAsync),
        new("explain", "Show a published figure for a period and line, the batches behind it, and their files and rows.",
            ExplainCommand.Usage, ExplainCommand.RunAsync),
        new("db", "Manage the local default PostgreSQL database: start, stop or status.",
            "warehouse db start|stop|status", Commands.DbAsync),
        new("lac-sample", "Create the sample children's social care database, or run the LAC placements extract.", LacSampleCommands.Usage, LacSampleCommands.RunAsync),
        new("bench", "Benchmark a 1M-row ledger load against a raw COPY, in a scratch database.", BenchCommands.Usage, BenchCommands.BenchAsync),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var verbose = args.Contains("--verbose");
        var arguments = args.Where(a => a != "--verbose").ToArray();
        if (arguments.Length == 0 || arguments[0] is "--help" or "-h" or "help")
        {
            var topic = arguments.Length > 1 ? Find(arguments[1]) : null;
            if (topic is not null)
                WriteVerbHelp(topic, output);
            else
                WriteHelp(output);
            return arguments.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var verb = Find(arguments[0]);
        if (verb is null)
        {
            error.WriteLine($"Unknown verb '{arguments[0]}'. Run `warehouse --help` for the list.");
            return ExitCodes.Usage;
        }
        var rest = arguments[1..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            WriteVerbHelp(verb, output);
            return ExitCodes.Ok;
        }

        // A Windows Service starts in System32: its working folder (settings, inbox, logs) is the binary's folder.
        workingDirectory ??= Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService()
            ? AppContext.BaseDirectory
            : Directory.GetCurrentDirectory();
        var context = new CommandContext(rest, output, error, workingDirectory, settings)
        {
            Cancellation = cancellationToken,
            Verbose = verbose,
        };
        try
        {
            return await verb.Handler(context);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Each batch is one transaction: the interrupted one rolled back, the ones before it are kept.
            error.WriteLine("Stopped. The batch that was running was rolled back and left nothing; loads finished before it are kept. Run the command again to resume.");
            return ExitCodes.Stopped;
        }
        catch (UsageException ex)
        {
            error.WriteLine($"{ex.Message} Usage: {verb.Usage}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var kind = Failures.Classify(ex);
            error.WriteLine(Describe(ex, kind));
            // A bug is reported with its stack at once: it is what the report to the developers needs.
            if (verbose || kind == FailureKind.Internal)
                error.WriteLine(ex.ToString());
            else
                error.WriteLine("Run again with --verbose for details.");
            return ExitCodes.For(kind);
        }
    }

    private static Verb? Find(string name) => Verbs.FirstOrDefault(v => v.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>One sentence and where to look; only an infrastructure failure points at the connection settings.</summary>
    public static string Describe(Exception ex, FailureKind kind) => (kind, ex) switch
    {
        (FailureKind.Configuration, _) => ex.Message,
        (_, MigrationFailedException m) => $"{m.Message} The database was left at the last script that succeeded.",
        (FailureKind.Infrastructure, _) =>
            $"The warehouse database could not be reached or refused the command: {FirstLine(ex.Message)} Check ConnectionStrings__Warehouse, or `warehouse db status` for the local database.",
        _ => $"Internal error (a bug, not your data or settings): {ex.GetType().Name}: {FirstLine(ex.Message)} Please report it with the trace below.",
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static void WriteHelp(TextWriter output)
    {
        output.WriteLine("warehouse — council finance & performance warehouse");
        output.WriteLine();
        output.WriteLine("Usage: dotnet run --project jobs -- <verb> [options]   (published build: warehouse <verb>)");
        output.WriteLine();
        foreach (var verb in Verbs)
            output.WriteLine($"  {verb.Name,-10} {verb.Summary}");
        output.WriteLine();
        output.WriteLine("Every verb takes --help; --verbose shows stack traces on errors.");
        output.WriteLine("Configuration: Warehouse__Engine (PostgreSql|SqlServer), ConnectionStrings__Warehouse.");
        output.WriteLine("With no connection string a private local PostgreSQL database is started under .warehouse/.");
        output.WriteLine("Exit codes: 0 ok, 1 rejected input, 2 usage, 3 infrastructure, 4 internal error.");
    }

    private static void WriteVerbHelp(Verb verb, TextWriter output)
    {
        output.WriteLine(verb.Summary);
        output.WriteLine();
        output.WriteLine($"Usage: {verb.Usage}");
        if (verb.Details is not null)
        {
            output.WriteLine();
            output.WriteLine(verb.Details());
        }
    }
}

public sealed record Verb(string Name, string Summary, string Usage, Func<CommandContext, Task<int>> Handler)
{
    /// <summary>More help after the usage line (the sources a verb takes).</summary>
    public Func<string>? Details { get; init; }
}

/// <param name="Settings">Configuration that overrides files and environment (tests, embedding).</param>
public sealed record CommandContext(string[] Args, TextWriter Output, TextWriter Error, string WorkingDirectory,
    IReadOnlyDictionary<string, string?>? Settings = null)
{
    /// <summary>Cancelled by Ctrl+C (or the service stopping): the verb stops at the next await and its batch rolls back.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>--verbose: a failure's whole trace, and `load`'s wall time per step.</summary>
    public bool Verbose { get; init; }

    /// <summary>Progress is drawn in place on a terminal, written as lines when output is redirected.</summary>
    public bool Interactive => ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;

    public Microsoft.Extensions.Configuration.IConfiguration Configuration() =>
        WarehouseConnection.LoadConfiguration(WorkingDirectory, Settings);

    public string? Option(string name)
    {
        var index = Array.IndexOf(Args, name);
        if (index < 0)
            return null;
        if (index + 1 >= Args.Length)
            throw new UsageException($"{name} needs a value.");
        return Args[index + 1];
    }

    public IReadOnlyList<string> Positionals()
    {
        var list = new List<string>();
        for (var i = 0; i < Args.Length; i++)
        {
            if (Args[i].StartsWith("--", StringComparison.Ordinal))
                i++;
            else
                list.Add(Args[i]);
        }
        return list;
    }
}

public sealed class UsageException(string message) : Exception(message);
