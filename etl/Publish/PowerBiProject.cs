using System.Text.Json.Nodes;

namespace Warehouse.Etl.Publish;

/// <summary>The powerbi/ folder: the model description (model.json) and the generated semantic model beside it.</summary>
public sealed class PowerBiProject(string folder)
{
    public const string DescriptionFile = "model.json";

    public string Folder { get; } = folder;

    public string DescriptionPath => Path.Combine(Folder, DescriptionFile);

    public ModelDescription LoadDescription() => ModelDescription.Load(DescriptionPath);

    /// <summary>Every generated file by path relative to the folder: the TMDL and, when given, docs/data-dictionary.md.</summary>
    private static SortedDictionary<string, string> Generated(SemanticModel model, string? dataDictionary)
    {
        var files = TmdlWriter.Write(model);
        if (dataDictionary is not null)
            files[DataDictionaryWriter.RelativePath] = dataDictionary;
        return files;
    }

    /// <summary>Writes every generated file and removes generated-kind files (tables, roles) the model no longer has.</summary>
    public IReadOnlyList<string> Write(SemanticModel model, string? dataDictionary = null)
    {
        var files = Generated(model, dataDictionary);
        var changed = new List<string>();
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(Folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path) && File.ReadAllText(path) == content)
                continue;
            File.WriteAllText(path, content);
            changed.Add(relative);
        }
        foreach (var stale in OwnedFiles().Where(f => !files.ContainsKey(f)))
        {
            File.Delete(Path.Combine(Folder, stale));
            changed.Add(stale + " (removed)");
        }
        return changed;
    }

    /// <summary>What differs between the committed files and what the model generates now.</summary>
    public IReadOnlyList<string> Compare(SemanticModel model, string? dataDictionary = null)
    {
        var files = Generated(model, dataDictionary);
        var differences = new List<string>();
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(Folder, relative);
            if (!File.Exists(path))
                differences.Add($"{relative} is missing");
            else if (File.ReadAllText(path).Replace("\r\n", "\n") != content)
                differences.Add($"{relative} differs from what the model generates{FirstDifference(File.ReadAllText(path).Replace("\r\n", "\n"), content)}");
        }
        foreach (var extra in OwnedFiles().Where(f => !files.ContainsKey(f)))
            differences.Add($"{extra} is not part of the model any more");
        return differences;
    }

    /// <summary>Every field a report visual uses (Entity + Property of a Column or Measure) must be in the model.</summary>
    public IReadOnlyList<string> CheckReport(SemanticModel model)
    {
        var problems = new List<string>();
        var pages = Path.Combine(Folder, "Warehouse.Report", "definition", "pages");
        if (!Directory.Exists(pages))
            return ["Warehouse.Report/definition/pages is missing"];
        foreach (var file in Directory.EnumerateFiles(pages, "visual.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Folder, file).Replace('\\', '/');
            foreach (var (kind, entity, property) in Fields(JsonNode.Parse(File.ReadAllText(file))))
            {
                var table = model.Table(entity);
                var found = table is not null && (kind == "Measure"
                    ? table.Measures.Any(m => m.Name.Equals(property, StringComparison.OrdinalIgnoreCase))
                    : table.ByName(property) is not null || table.Hierarchies.Any(h => h.Name == property));
                if (!found)
                    problems.Add($"{relative}: {kind.ToLowerInvariant()} '{entity}'[{property}] is not in the model.");
            }
        }
        return problems;
    }

    private static IEnumerable<(string Kind, string Entity, string Property)> Fields(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "Column" or "Measure" && value is JsonObject field
                        && field["Expression"]?["SourceRef"]?["Entity"]?.GetValue<string>() is { } entity
                        && field["Property"]?.GetValue<string>() is { } property)
                        yield return (key, entity, property);
                    foreach (var inner in Fields(value))
                        yield return inner;
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    foreach (var inner in Fields(item))
                        yield return inner;
                break;
        }
    }

    private IEnumerable<string> OwnedFiles()
    {
        foreach (var sub in new[] { "definition/tables", "definition/roles" })
        {
            var dir = Path.Combine(Folder, TmdlWriter.SemanticModelFolder, sub);
            if (!Directory.Exists(dir))
                continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*.tmdl").Order(StringComparer.Ordinal))
                yield return $"{TmdlWriter.SemanticModelFolder}/{sub}/{Path.GetFileName(file)}";
        }
    }

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end)";
            var right = i < b.Length ? b[i] : "(end)";
            if (left != right)
                return $" (line {i + 1}: committed \"{left.Trim()}\", generated \"{right.Trim()}\")";
        }
        return "";
    }
}
