using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Warehouse.Etl.Publish;

namespace Warehouse.Tests.Publish;

/// <summary>
/// Every PBIP/PBIR JSON file of powerbi/ against Microsoft's published schemas: in full for the self-contained ones
/// (copies in PbipSchemas/), and for pages and visuals the required properties and enumerations their schemas state
/// (those schemas reference large shared ones not copied here).
/// </summary>
public sealed class PbipSchemaTests
{
    private const string SchemaRoot = "https://developer.microsoft.com/json-schemas/fabric/";

    /// <summary>The schema URL a file names → the copy that validates it.</summary>
    private static readonly Dictionary<string, string> Copies = new(StringComparer.Ordinal)
    {
        [SchemaRoot + "pbip/pbipProperties/1.0.0/schema.json"] = "pbip.pbipProperties.1.0.0.json",
        [SchemaRoot + "item/semanticModel/definitionProperties/1.0.0/schema.json"] = "semanticModel.definitionProperties.1.0.0.json",
        [SchemaRoot + "item/report/definitionProperties/2.0.0/schema.json"] = "report.definitionProperties.2.0.0.json",
        [SchemaRoot + "item/report/definition/versionMetadata/1.0.0/schema.json"] = "report.definition.versionMetadata.1.0.0.json",
        [SchemaRoot + "item/report/definition/pagesMetadata/1.0.0/schema.json"] = "report.definition.pagesMetadata.1.0.0.json",
    };

    private static readonly string Project = RepositoryPaths.Combine("powerbi");

    private static IEnumerable<string> JsonFiles() => Directory.EnumerateFiles(Project, "*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".pbip", StringComparison.Ordinal)
                    || f.EndsWith(".pbir", StringComparison.Ordinal) || f.EndsWith(".pbism", StringComparison.Ordinal))
        .Where(f => Path.GetFileName(f) != PowerBiProject.DescriptionFile)
        .Order(StringComparer.Ordinal);

    private static IReadOnlyList<string> Validate(string file)
    {
        var relative = Path.GetRelativePath(Project, file).Replace('\\', '/');
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var schemaUrl = json["$schema"]?.GetValue<string>();
        if (schemaUrl is null)
            return [$"{relative}: no $schema"];
        if (Copies.TryGetValue(schemaUrl, out var copy))
        {
            var schema = JsonSchema.FromText(File.ReadAllText(RepositoryPaths.Combine("tests", "Warehouse.Tests", "Publish", "PbipSchemas", copy)));
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            return result.IsValid ? [] : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{relative} {d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty($"{relative}: invalid").ToList();
        }
        var problems = new List<string>();
        void Require(params string[] names) =>
            problems.AddRange(names.Where(n => json[n] is null).Select(n => $"{relative}: required property {n} is missing"));
        if (schemaUrl == SchemaRoot + "item/report/definition/page/1.3.0/schema.json")
        {
            Require("$schema", "displayName", "displayOption", "name");
            if (json["name"]?.GetValue<string>() is { Length: > 50 })
                problems.Add($"{relative}: name is longer than 50 characters");
            if (json["displayOption"]?.GetValue<string>() is { } option && option is not ("DeprecatedDynamic" or "FitToPage" or "FitToWidth" or "ActualSize" or "ActualSizeTopLeft"))
                problems.Add($"{relative}: displayOption {option} is not one the schema allows");
            if (json["displayOption"]?.GetValue<string>() != "DeprecatedDynamic")
                Require("height", "width");
        }
        else if (schemaUrl == SchemaRoot + "item/report/definition/visualContainer/1.3.0/schema.json")
        {
            Require("$schema", "name", "position");
            foreach (var p in new[] { "x", "y", "width", "height" }.Where(p => json["position"]?[p] is null))
                problems.Add($"{relative}: position.{p} is missing");
            if (Path.GetFileName(Path.GetDirectoryName(file)) != json["name"]?.GetValue<string>())
                problems.Add($"{relative}: name differs from its folder");
        }
        else if (schemaUrl == SchemaRoot + "item/report/definition/report/1.2.0/schema.json")
            Require("$schema");
        else
            problems.Add($"{relative}: $schema {schemaUrl} is not one this test knows: add its copy or its checks");
        return problems;
    }

    [Fact]
    public void EveryProjectFile_IsValidAgainstItsPublishedSchema()
    {
        var files = JsonFiles().ToList();

        var problems = files.SelectMany(Validate).ToList();

        Assert.True(files.Count >= 20, $"only {files.Count} files found");
        Assert.Contains(files, f => f.EndsWith("definition.pbism", StringComparison.Ordinal));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Pbism_WithoutSchema_FailsValidation()
    {
        var copy = Path.Combine(TestFolders.New("pbism"), "definition.pbism");
        File.WriteAllText(copy, "{\n  \"version\": \"4.0\",\n  \"settings\": {}\n}\n");
        var schema = JsonSchema.FromText(File.ReadAllText(RepositoryPaths.Combine("tests", "Warehouse.Tests", "Publish", "PbipSchemas", "semanticModel.definitionProperties.1.0.0.json")));

        using var document = JsonDocument.Parse(File.ReadAllText(copy));
        var result = schema.Evaluate(document.RootElement);

        Assert.False(result.IsValid);
    }
}
