using System.Data.Common;
using System.Security.Cryptography;
using Warehouse.Jobs.Status;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Jobs.Hosting;
using Warehouse.Samples;
using Warehouse.Samples.Placements;

namespace Warehouse.Jobs.Cli;

/// <summary>
/// `lac-sample create` builds the sample children's social care database; `lac-sample extract` runs the
/// lac-placements extract from the configured one. Also the demo's extracts (DemoCatalog.Extracts).
/// </summary>
internal static class LacSampleCommands
{
    public const string Usage = "warehouse lac-sample create [--connection <connection string>] | extract [--full-refresh]";

    public static async Task<int> RunAsync(CommandContext context)
    {
        var action = context.Positionals().FirstOrDefault();
        var configuration = context.Configuration();
        switch (action)
        {
            case "create":
            {
                var samples = LoadCommands.FindSamples(context.WorkingDirectory)
                              ?? throw new WarehouseConfigurationException("The samples/ folder was not found: run lac-sample from the checkout.");
                // Only where --connection says, else beside the warehouse; never the configured system by default:
                // in production ConnectionStrings:ChildrensSocialCare is the council's case management system, and
                // creating the sample drops and refills the csc.placement_episode its extract reads.
                var connectionString = context.Option("--connection");
                IWarehouseEngine operational;
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    var warehouse = Commands.ResolveEngine(context);
                    operational = WarehouseEngines.Create(warehouse.Kind, warehouse.WithDatabase(SampleDatabase));
                    if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(LacPlacementsSource.ConnectionStringName)))
                        context.Error.WriteLine($"ConnectionStrings:{LacPlacementsSource.ConnectionStringName} is configured and is left alone: the sample goes to " +
                                                $"{SampleDatabase} beside the warehouse, and `lac-sample extract` reads the configured system, not the sample. " +
                                                "To make the sample where the extract reads, name that database with --connection.");
                }
                else
                    operational = WarehouseEngines.Create(
                        WarehouseEngines.ParseKind(configuration[LacPlacementsSource.EngineSetting] ?? configuration[WarehouseConnection.EngineSetting]), connectionString);
                var count = await LacSample.CreateAsync(operational, samples, context.Cancellation);
                context.Output.WriteLine($"Created the sample children's social care system with {count:N0} synthetic placement episodes.");
                context.Output.WriteLine($"Extract it with ConnectionStrings__{LacPlacementsSource.ConnectionStringName}=\"{Redact(operational.ConnectionString)}\" " +
                                         "and Warehouse__PseudonymisationKey set: `warehouse lac-sample extract`.");
                return ExitCodes.Ok;
            }
            case "extract":
            {
                var engine = Commands.ResolveEngine(context);
                JobsMigrator.For(engine).Migrate();
                // Straight after `demo` (or `lac-sample create`) nothing is configured: read the sample database beside
                // the warehouse with the key demo made, as demo did. A configured connection or key always wins, and
                // a key is never invented here: without one the extract refuses, as in production.
                var overrides = new Dictionary<string, string?>(context.Settings ?? new Dictionary<string, string?>());
                var sampleSystem = string.IsNullOrWhiteSpace(configuration.GetConnectionString(LacPlacementsSource.ConnectionStringName));
                if (sampleSystem)
                    overrides["ConnectionStrings:" + LacPlacementsSource.ConnectionStringName] = engine.WithDatabase(SampleDatabase);
                // The demo key only ever pseudonymises the demo's sample system, never a configured one.
                if (sampleSystem && string.IsNullOrWhiteSpace(configuration[LacPlacementsSource.KeySetting]) && File.Exists(DemoKeyPath(context.WorkingDirectory)))
                {
                    overrides[LacPlacementsSource.KeySetting] = File.ReadAllText(DemoKeyPath(context.WorkingDirectory)).Trim();
                    context.Error.WriteLine("Using the demo pseudonymisation key in .warehouse/pseudonymisation.key (set Warehouse__PseudonymisationKey in production).");
                }
                var source = new LacPlacementsSource(WarehouseConnection.LoadConfiguration(context.WorkingDirectory, overrides))
                {
                    FullRefresh = context.Args.Contains("--full-refresh"),
                };
                return await ExtractAsync(context, engine, source);
            }
            default:
                throw new UsageException("Say create or extract.");
        }
    }

    private const string SampleDatabase = "childrens_social_care_sample";

    /// <summary>For `demo`: creates each demo extract's sample database beside the warehouse (unless configured) and runs the extract.</summary>
    public static async Task<int> RunDemoExtractsAsync(CommandContext context, IWarehouseEngine engine, string samples)
    {
        var worst = ExitCodes.Ok;
        var configuration = context.Configuration();
        foreach (var demo in DemoCatalog.Extracts)
        {
            var overrides = new Dictionary<string, string?>(context.Settings ?? new Dictionary<string, string?>());
            if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(demo.ConnectionStringName)))
            {
                var operational = WarehouseEngines.Create(engine.Kind, engine.WithDatabase(demo.SampleDatabase));
                var count = await demo.CreateSampleAsync(operational, samples, context.Cancellation);
                context.Output.WriteLine($"{demo.Source}: created the sample operational database {demo.SampleDatabase} ({count:N0} rows).");
                overrides["ConnectionStrings:" + demo.ConnectionStringName] = operational.ConnectionString;
            }
            if (string.IsNullOrWhiteSpace(configuration[LacPlacementsSource.KeySetting]))
                overrides[LacPlacementsSource.KeySetting] = LocalDemoKey(context.WorkingDirectory, context.Output);
            var sources = SourceCatalog.Create(WarehouseConnection.LoadConfiguration(context.WorkingDirectory, overrides));
            worst = Math.Max(worst, await ExtractAsync(context, engine, SourceCatalog.Find(sources, demo.Source)!));
        }
        return worst;
    }

    private static async Task<int> ExtractAsync(CommandContext context, IWarehouseEngine engine, ISource source)
    {
        var outcome = await new IngestionPipeline(engine).RunExtractAsync(source, context.Cancellation);
        var writer = outcome.Succeeded ? context.Output : context.Error;
        writer.WriteLine($"{outcome.Source}: {outcome.Status.Words()} — {outcome.Message}");
        foreach (var error in outcome.Errors.Take(20))
            writer.WriteLine($"  {error}");
        return outcome.Status switch
        {
            LoadStatus.Loaded => ExitCodes.Ok,
            LoadStatus.Busy => ExitCodes.Infrastructure,
            _ => ExitCodes.RejectedInput,
        };
    }

    // The demo's key lives in the git-ignored .warehouse/ folder, made once per checkout: never committed.
    private static string LocalDemoKey(string workingDirectory, TextWriter output)
    {
        var path = DemoKeyPath(workingDirectory);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
            output.WriteLine("Made a demo pseudonymisation key in .warehouse/pseudonymisation.key (set Warehouse__PseudonymisationKey in production).");
        }
        return File.ReadAllText(path).Trim();
    }

    private static string DemoKeyPath(string workingDirectory) => Path.Combine(workingDirectory, ".warehouse", "pseudonymisation.key");

    private static string Redact(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (builder.ContainsKey("Password"))
            builder["Password"] = "***";
        return builder.ConnectionString;
    }
}
