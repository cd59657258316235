namespace Warehouse.Etl.Publish;

/// <summary>The powerbi/ folder: the model description (model.json) and the generated semantic model beside it.</summary>
public sealed class PowerBiProject(string folder)
{
    public const string DescriptionFile = "model.json";

    public string Folder { get; } = folder;

    public string DescriptionPath => Path.Combine(Folder, DescriptionFile);

    public ModelDescription LoadDescription() => ModelDescription.Load(DescriptionPath);

    /// <summary>Writes every generated file and removes generated-kind files (tables, roles) the model no longer has.</summary>
    public IReadOnlyList<string> Write(SemanticModel model)
    {
        var files = TmdlWriter.Write(model);
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
    public IReadOnlyList<string> Compare(SemanticModel model)
    {
        var files = TmdlWriter.Write(model);
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
