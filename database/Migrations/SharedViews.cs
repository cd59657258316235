using System.Text.RegularExpressions;
using Warehouse.Database.Engines;

namespace Warehouse.Database.Migrations;

/// <summary>One view as an engine runs it: its file, its text and the views it reads.</summary>
public sealed record ViewDefinition(string View, string File, string Sql, IReadOnlyList<string> DependsOn);

/// <summary>
/// The views, each defined once in <c>database/Scripts/views/&lt;schema&gt;/&lt;schema&gt;.&lt;view&gt;.sql</c> in SQL both
/// engines accept, put in dependency order. A view that really must differ may have a per-engine file of the same
/// name in <c>views/&lt;engine&gt;/</c>, which replaces the shared one for that engine only (there is none today).
/// Dependencies are read from the text: a reference to another view's <c>schema.name</c>. <c>report</c> and
/// <c>powerbi</c> hold views only and views in <c>dw</c> are named <c>v_*</c>, so a reference to one of those
/// that no file defines is an error, as is a cycle.
/// </summary>
public static class SharedViews
{
    public static readonly IReadOnlyList<string> Schemas = ["dw", "report", "powerbi"];

    private static readonly Regex CreateView = new(@"\bCREATE\s+VIEW\s+([A-Za-z_][\w]*)\s*\.\s*([A-Za-z_][\w]*)", RegexOptions.IgnoreCase);
    private static readonly Regex Reference = new(@"(?<![\w.])[""\[]?(dw|report|powerbi)[""\]]?\s*\.\s*[""\[]?([A-Za-z_]\w*)", RegexOptions.IgnoreCase);
    private static readonly Regex CommentsAndStrings = new(@"--[^\n]*|/\*.*?\*/|N?'(?:[^']|'')*'", RegexOptions.Singleline);

    /// <summary>
    /// The engine's views from their files (view name → file name under views/, text), overrides applied.
    /// </summary>
    public static IReadOnlyList<(string View, string File, string Sql)> Files(EngineKind kind, IEnumerable<(string Path, string Sql)> resources)
    {
        var engine = Migrator.FolderOf(kind);
        var engines = new[] { Migrator.FolderOf(EngineKind.PostgreSql), Migrator.FolderOf(EngineKind.SqlServer) };
        var shared = new SortedDictionary<string, (string File, string Sql)>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, (string File, string Sql)>(StringComparer.Ordinal);
        foreach (var (path, sql) in resources)
        {
            // path: "<schema>/<schema>.<view>.sql" or "<engine>/<schema>.<view>.sql" (or "<engine>/drop_views.sql").
            var parts = path.Split('/');
            if (parts.Length != 2 || !parts[1].EndsWith(".sql", StringComparison.Ordinal))
                throw new InvalidOperationException($"views/{path}: a view file is views/<schema>/<schema>.<view>.sql or views/<engine>/<schema>.<view>.sql.");
            var (folder, file) = (parts[0], parts[1]);
            if (engines.Contains(folder) && file == DropScript)
                continue;
            var view = file[..^".sql".Length];
            var name = view.Split('.');
            if (name.Length != 2 || !Schemas.Contains(name[0]))
                throw new InvalidOperationException($"views/{path}: the file must be named <schema>.<view>.sql with schema dw, report or powerbi.");
            CheckDefines(path, view, sql);
            if (engines.Contains(folder))
            {
                if (folder == engine)
                    overrides[view] = (path, sql);
            }
            else if (folder != name[0])
                throw new InvalidOperationException($"views/{path}: a view of {name[0]} belongs in views/{name[0]}/.");
            else
                shared[view] = (path, sql);
        }
        foreach (var view in overrides.Keys.Where(v => !shared.ContainsKey(v)))
            throw new InvalidOperationException($"views/{overrides[view].File} overrides {view}, which has no shared file views/{view.Split('.')[0]}/{view}.sql: every view exists on both engines.");
        return shared.Select(v => overrides.TryGetValue(v.Key, out var o) ? (v.Key, o.File, o.Sql) : (v.Key, v.Value.File, v.Value.Sql)).ToList();
    }

    public const string DropScript = "drop_views.sql";

    /// <summary>Views in an order each can be created in: every view after the views it reads (ties by name).</summary>
    public static IReadOnlyList<ViewDefinition> InDependencyOrder(IReadOnlyList<(string View, string File, string Sql)> views)
    {
        var known = views.Select(v => v.View).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var definitions = views.Select(v => new ViewDefinition(v.View, v.File, v.Sql, DependenciesOf(v.View, v.File, v.Sql, known))).ToList();
        var ordered = new List<ViewDefinition>();
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var left = definitions.OrderBy(d => d.View, StringComparer.Ordinal).ToList();
        while (left.Count > 0)
        {
            var ready = left.FirstOrDefault(d => d.DependsOn.All(done.Contains));
            if (ready is null)
                throw new InvalidOperationException("Views read each other in a cycle: " +
                    string.Join("; ", left.Select(d => $"{d.View} reads {string.Join(", ", d.DependsOn.Where(x => !done.Contains(x)))}")) + ".");
            ordered.Add(ready);
            done.Add(ready.View);
            left.Remove(ready);
        }
        return ordered;
    }

    /// <summary>The other views a view's text reads (comments and string literals are not read).</summary>
    public static IReadOnlyList<string> DependenciesOf(string view, string file, string sql, IReadOnlySet<string> known)
    {
        // The view's own name in its CREATE VIEW is not a reference; any other mention of it is.
        var code = CreateView.Replace(CommentsAndStrings.Replace(sql, " "), " ", 1);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in Reference.Matches(code))
        {
            var schema = match.Groups[1].Value.ToLowerInvariant();
            var name = $"{schema}.{match.Groups[2].Value.ToLowerInvariant()}";
            if (name == view.ToLowerInvariant())
                throw new InvalidOperationException($"views/{file}: {view} reads itself.");
            if (known.Contains(name))
                found.Add(name);
            else if (schema != "dw" || match.Groups[2].Value.StartsWith("v_", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"views/{file}: {view} reads {name}, which is not a view any file in database/Scripts/views/ defines.");
        }
        return found.ToList();
    }

    private static void CheckDefines(string path, string view, string sql)
    {
        var code = CommentsAndStrings.Replace(sql, " ");
        var creates = CreateView.Matches(code);
        if (creates.Count != 1)
            throw new InvalidOperationException($"views/{path}: a view file holds exactly one CREATE VIEW (it has {creates.Count}).");
        var defined = $"{creates[0].Groups[1].Value}.{creates[0].Groups[2].Value}";
        if (!defined.Equals(view, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"views/{path}: defines {defined}, but the file is named for {view}.");
        if (Regex.IsMatch(code, @"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase))
            throw new InvalidOperationException($"views/{path}: a view file has no GO (PostgreSQL does not know it; the file is one batch).");
    }
}
