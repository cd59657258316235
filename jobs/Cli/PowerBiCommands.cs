using Warehouse.Database.Migrations;
using Warehouse.Etl.Publish;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Cli;

/// <summary>
/// `powerbi generate|check`: the TMDL semantic model is written from powerbi/model.json plus the live catalogue of
/// the migrated warehouse; check fails when the description names something the views lack, or the committed
/// files differ from what would be generated.
/// </summary>
internal static class PowerBiCommands
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        var action = context.Positionals().FirstOrDefault() ?? throw new UsageException("Say generate or check.");
        if (action is not ("generate" or "check"))
            throw new UsageException($"Unknown powerbi action '{action}'.");
        var folder = context.Option("--project") is { } given
            ? Path.GetFullPath(given, context.WorkingDirectory)
            : FindProject(context.WorkingDirectory)
              ?? throw new UsageException("The powerbi/ folder with model.json was not found: run from the checkout or pass --project <folder>.");
        var project = new PowerBiProject(folder);
        if (!File.Exists(project.DescriptionPath))
            throw new UsageException($"{project.DescriptionPath} does not exist.");

        var engine = Commands.ResolveEngine(context);
        JobsMigrator.For(engine).Migrate();
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(context.Cancellation);
        // dw too: the data dictionary describes the dw views the published ones read.
        var catalogue = await WarehouseCatalogue.ReadAsync(connection, schemas: SharedViews.Schemas, cancellationToken: context.Cancellation);
        var dictionary = ViewDictionary.All(engine.Kind);
        var model = SemanticModel.Build(project.LoadDescription(), catalogue, dictionary);
        var dataDictionary = DataDictionaryWriter.Write(dictionary, catalogue);
        foreach (var problem in model.Problems)
            context.Error.WriteLine($"  {problem}");
        if (!model.IsValid)
        {
            context.Error.WriteLine($"The model description does not match the warehouse's powerbi views ({model.Problems.Count} problem(s)); nothing written.");
            return ExitCodes.RejectedInput;
        }

        if (action == "generate")
        {
            var changed = project.Write(model, dataDictionary);
            foreach (var file in changed)
                context.Output.WriteLine($"  wrote {file}");
            context.Output.WriteLine(changed.Count == 0
                ? $"The semantic model in {folder} is up to date ({model.Tables.Count} tables, {model.Tables.Sum(t => t.Measures.Count)} measures)."
                : $"Generated {changed.Count} file(s) in {folder}.");
            return ExitCodes.Ok;
        }

        var differences = project.Compare(model, dataDictionary).Concat(project.CheckReport(model)).ToList();
        foreach (var difference in differences)
            context.Error.WriteLine($"  {difference}");
        if (differences.Count > 0)
        {
            context.Error.WriteLine("The committed Power BI project does not match: run `dotnet run --project jobs -- powerbi generate` and commit the result, and fix report visuals that name fields the model lacks.");
            return ExitCodes.RejectedInput;
        }
        context.Output.WriteLine($"The semantic model matches the warehouse: {model.Tables.Count} tables, " +
                                 $"{model.Tables.Sum(t => t.Columns.Count)} columns, {model.Relationships.Count} relationships, " +
                                 $"{model.Tables.Sum(t => t.Measures.Count)} measures, {model.Roles.Count} roles.");
        return ExitCodes.Ok;
    }

    public static string? FindProject(string workingDirectory)
    {
        foreach (var start in new[] { workingDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "powerbi");
                if (File.Exists(Path.Combine(candidate, PowerBiProject.DescriptionFile)))
                    return candidate;
            }
        return null;
    }
}
