using Warehouse.Database.Engines;
using Warehouse.Database.Local;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Scheduling;
using Warehouse.Samples;

namespace Warehouse.Jobs.Cli;

internal static class Commands
{
    public static Task<int> MigrateAsync(CommandContext context)
    {
        var engine = ResolveEngine(context);
        var result = JobsMigrator.For(engine, message => context.Output.WriteLine(message)).Migrate();
        context.Output.WriteLine(result.AppliedScripts.Count == 0
            ? $"The {engine.Kind} warehouse is up to date."
            : $"Applied {result.AppliedScripts.Count} migration script(s) to the {engine.Kind} warehouse.");
        return Task.FromResult(ExitCodes.Ok);
    }

    public static async Task<int> DemoAsync(CommandContext context)
    {
        var engine = ResolveEngine(context);
        var samples = LoadCommands.FindSamples(context.WorkingDirectory)
                      ?? throw new WarehouseConfigurationException("The samples/ folder was not found: run this from the checkout.");
        // Checked before the migration too: a council's warehouse is not even upgraded by a demo.
        engine.EnsureDatabaseExists();
        var foreign = await DemoGuard.ForeignFilesAsync(engine, samples, context.Cancellation);
        if (foreign.Count > 0)
            throw new UsageException(
                $"The configured warehouse holds {foreign.Count:N0} file{(foreign.Count == 1 ? "" : "s")} that {(foreign.Count == 1 ? "is" : "are")} not the demo's samples " +
                $"({string.Join(", ", foreign.Take(3))}{(foreign.Count > 3 ? ", …" : "")}): the demo's figures and organisation would supersede its own. " +
                "Run demo against an empty database: without ConnectionStrings__Warehouse it uses the local one.");
        var result = JobsMigrator.For(engine, message => context.Output.WriteLine(message)).Migrate();
        context.Output.WriteLine($"Warehouse migrated ({result.AppliedScripts.Count} new script(s)).");
        var worst = await LoadSamplesAsync(context, engine);
        context.Output.WriteLine(worst == ExitCodes.Ok
            ? "Demo loaded. Next: `dotnet run --project jobs -- status` shows the loads; `-- serve` starts the dashboard."
            : "Some samples did not load: see the messages above.");
        return worst;
    }

    /// <summary>The bundled samples through the pipeline, in the demo's order, then the demo's extracts; the worst exit code.</summary>
    public static async Task<int> LoadSamplesAsync(CommandContext context, IWarehouseEngine engine)
    {
        var samples = LoadCommands.FindSamples(context.WorkingDirectory)
                      ?? throw new WarehouseConfigurationException("The samples/ folder was not found: run this from the checkout.");
        var sources = SourceCatalog.Create(context.Configuration());
        var worst = ExitCodes.Ok;
        foreach (var demo in DemoCatalog.Loads)
        {
            var source = SourceCatalog.Find(sources, demo.Source)!;
            worst = Math.Max(worst, await LoadCommands.LoadOneAsync(context, engine, source, Path.Combine(samples, demo.SamplePath)));
        }
        return Math.Max(worst, await LacSampleCommands.RunDemoExtractsAsync(context, engine, samples));
    }

    public static async Task<int> ServeAsync(CommandContext context)
    {
        var engine = ResolveEngine(context);
        JobsMigrator.For(engine, message => context.Output.WriteLine(message)).MigrateIfPending();
        var urls = context.Option("--urls") ?? "http://127.0.0.1:5080";
        var configuration = context.Configuration();
        await using var app = JobsHost.Build(engine, urls, configuration, context.WorkingDirectory);
        var options = JobsOptions.From(configuration, context.WorkingDirectory);
        context.Output.WriteLine($"Serving on {urls}: status page /, run history /runs, dashboard /hangfire, health /health; logs in {options.Logging.FolderPath}. Ctrl+C stops.");
        context.Output.WriteLine($"Inbox: drop files into {options.Inbox.RootPath}{Path.DirectorySeparatorChar}<source>{Path.DirectorySeparatorChar} " +
                                 $"(sources: {string.Join(", ", Warehouse.Jobs.Scheduling.SourceList.FromCatalog(configuration).All.Select(s => s.Name))}).");
        context.Output.WriteLine($"Nightly run: '{options.Jobs.NightlyCron}' in {options.Jobs.TimeZone}.");
        try
        {
            await app.RunAsync();
        }
        catch (IOException ex) when (ex.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            throw new WarehouseConfigurationException(
                $"Could not listen on {urls}: {ex.Message.Split('\n')[0].Trim()} Pass another address with --urls http://127.0.0.1:<port>.");
        }
        return ExitCodes.Ok;
    }

    public static Task<int> DbAsync(CommandContext context)
    {
        var action = context.Positionals().FirstOrDefault() ?? throw new UsageException("Say start, stop or status.");
        var local = new LocalPostgres(context.WorkingDirectory, log: message => context.Error.WriteLine(message));
        switch (action)
        {
            case "start":
                var instance = StartLocal(local);
                context.Output.WriteLine(
                    $"Local PostgreSQL {(instance.Reused ? "already running" : "started")} on 127.0.0.1:{instance.Port} (data: {instance.DataDirectory}).");
                context.Output.WriteLine($"Connection string: {instance.ConnectionString()}");
                return Task.FromResult(ExitCodes.Ok);
            case "stop":
                context.Output.WriteLine(local.Stop() ? "Local PostgreSQL stopped." : "Local PostgreSQL was not running.");
                return Task.FromResult(ExitCodes.Ok);
            case "status":
                var current = local.Current();
                context.Output.WriteLine(current is null
                    ? "Local PostgreSQL is not running."
                    : $"Local PostgreSQL is running on 127.0.0.1:{current.Port} (data: {current.DataDirectory}).");
                // Exit 3 when stopped (the database is unreachable), so a script can test `warehouse db status`.
                return Task.FromResult(current is null ? ExitCodes.Infrastructure : ExitCodes.Ok);
            default:
                throw new UsageException($"Unknown db action '{action}'.");
        }
    }

    public static IWarehouseEngine ResolveEngine(CommandContext context)
    {
        var configuration = context.Configuration();
        try
        {
            // The notice about the local database goes to stderr: stdout is for the verb's own output (scripts, --json).
            return WarehouseConnection.Resolve(configuration, context.WorkingDirectory, context.Error);
        }
        // With no connection string the local cluster starts; its programs (initdb, pg_ctl) report failure so.
        catch (InvalidOperationException ex) when (string.IsNullOrWhiteSpace(configuration.GetConnectionString(WarehouseConnection.ConnectionStringName)))
        {
            throw new LocalDatabaseException(ex);
        }
    }

    private static LocalPostgresInstance StartLocal(LocalPostgres local)
    {
        try
        {
            return local.Start();
        }
        catch (InvalidOperationException ex)
        {
            throw new LocalDatabaseException(ex);
        }
    }
}
