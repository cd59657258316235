using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Database.Local;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Load;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Cli;

internal static class Commands
{
    public static Task<int> MigrateAsync(CommandContext context)
    {
        var engine = ResolveEngine(context);
        var result = new Migrator(engine, message => context.Output.WriteLine(message)).Migrate();
        context.Output.WriteLine(result.AppliedScripts.Count == 0
            ? $"The {engine.Kind} warehouse is up to date."
            : $"Applied {result.AppliedScripts.Count} migration script(s) to the {engine.Kind} warehouse.");
        return Task.FromResult(ExitCodes.Ok);
    }

    public static async Task<int> DemoAsync(CommandContext context)
    {
        var engine = ResolveEngine(context);
        var result = new Migrator(engine, message => context.Output.WriteLine(message)).Migrate();
        context.Output.WriteLine($"Warehouse migrated ({result.AppliedScripts.Count} new script(s)).");
        var samples = LoadCommands.FindSamples(context.WorkingDirectory)
                      ?? throw new WarehouseConfigurationException("The samples/ folder was not found: run demo from the checkout.");
        var sources = SourceCatalog.Create(context.Configuration());
        var worst = ExitCodes.Ok;
        foreach (var demo in SourceCatalog.DemoLoads)
        {
            var source = SourceCatalog.Find(sources, demo.Source)!;
            worst = Math.Max(worst, await LoadCommands.LoadOneAsync(context, engine, source, Path.Combine(samples, demo.SamplePath)));
        }
        worst = Math.Max(worst, await LacSampleCommands.RunDemoExtractsAsync(context, engine, samples));
        context.Output.WriteLine(worst == ExitCodes.Ok
            ? "Demo loaded. Next: `dotnet run --project jobs -- status` shows the loads; `-- serve` starts the dashboard."
            : "Some samples did not load: see the messages above.");
        return worst;
    }

    public static async Task<int> StatusAsync(CommandContext context)
    {
        var limit = int.TryParse(context.Option("--limit") ?? "20", out var n) && n > 0
            ? n
            : throw new UsageException("--limit takes a positive whole number.");
        var engine = ResolveEngine(context);
        await using var connection = engine.CreateConnection();
        var pending = new Migrator(engine).PendingScripts();
        if (pending.Count > 0)
        {
            context.Output.WriteLine($"The warehouse has {pending.Count} migration(s) to apply: run `warehouse migrate`.");
            return ExitCodes.Ok;
        }
        var rows = (await connection.QueryAsync<(int batch_id, string source, string? file_name, string state, long? rows_loaded, string? message)>(
            engine.Limit("SELECT batch_id, source, file_name, state, rows_loaded, message FROM report.load_status ORDER BY batch_id DESC", limit))).ToList();
        if (rows.Count == 0)
        {
            context.Output.WriteLine("No loads yet.");
            return ExitCodes.Ok;
        }
        context.Output.WriteLine($"{"batch",6}  {"source",-14} {"state",-11} {"rows",8}  file");
        foreach (var row in rows)
            context.Output.WriteLine($"{row.batch_id,6}  {row.source,-14} {row.state,-11} {row.rows_loaded,8}  {row.file_name}{(row.message is null ? "" : "  — " + row.message)}");
        return ExitCodes.Ok;
    }

    public static async Task<int> ServeAsync(CommandContext context)
    {
        var engine = ResolveEngine(context);
        new Migrator(engine, message => context.Output.WriteLine(message)).Migrate();
        var urls = context.Option("--urls") ?? "http://127.0.0.1:5080";
        await using var app = JobsHost.Build(engine, urls, context.Configuration());
        context.Output.WriteLine($"Serving on {urls} (dashboard: /hangfire, health: /health). Ctrl+C stops.");
        await app.RunAsync();
        return ExitCodes.Ok;
    }

    public static Task<int> DbAsync(CommandContext context)
    {
        var action = context.Positionals().FirstOrDefault() ?? throw new UsageException("Say start, stop or status.");
        var local = new LocalPostgres(context.WorkingDirectory, log: message => context.Output.WriteLine(message));
        switch (action)
        {
            case "start":
                var instance = local.Start();
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
                return Task.FromResult(ExitCodes.Ok);
            default:
                throw new UsageException($"Unknown db action '{action}'.");
        }
    }

    public static IWarehouseEngine ResolveEngine(CommandContext context) =>
        WarehouseConnection.Resolve(context.Configuration(), context.WorkingDirectory, context.Output);
}
