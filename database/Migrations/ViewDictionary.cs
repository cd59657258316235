using System.Text;
using System.Text.RegularExpressions;
using Warehouse.Database.Engines;

namespace Warehouse.Database.Migrations;

/// <summary>One described column of a view.</summary>
public sealed record ColumnDoc(string Name, string Description);

/// <summary>
/// A view's entry in the data dictionary, read from the <c>--</c> block at the top of its file: what it is, its grain,
/// the printed table it reproduces (if any) and one description per column.
/// </summary>
public sealed record ViewDoc(string View, string Summary, string? Grain, string? Reproduces, IReadOnlyList<ColumnDoc> Columns,
    IReadOnlyList<string> Problems)
{
    public string Schema => View.Split('.')[0];

    public string Name => View.Split('.')[1];

    public ColumnDoc? Column(string name) =>
        Columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The view's description as one paragraph: summary, grain and the table it reproduces.</summary>
    public string Description
    {
        get
        {
            var text = new StringBuilder(Summary);
            if (Grain is not null)
                text.Append(text.Length > 0 ? " " : "").Append("Grain: ").Append(Grain).Append('.');
            if (Reproduces is not null)
                text.Append(" Reproduces: ").Append(Reproduces).Append('.');
            return text.ToString().Trim();
        }
    }
}

/// <summary>
/// The data dictionary, written once where the schema is defined: the comment block that opens every view file
/// (docs/decisions.md, "One data dictionary"):
/// <code>
/// -- what the view is (one or more lines)
/// -- grain: one row per …
/// -- reproduces: the printed table (optional)
/// -- column name: description, units
/// </code>
/// A line that is none of these continues the entry above it, so long descriptions may wrap. The migrator
/// renders it into the database, the Power BI generator into the TMDL descriptions and docs/data-dictionary.md.
/// </summary>
public static partial class ViewDictionary
{
    [GeneratedRegex(@"^\s*grain\s*:\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex GrainLine();

    [GeneratedRegex(@"^\s*reproduces\s*:\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReproducesLine();

    [GeneratedRegex(@"^\s*column\s+[`""\[]?([A-Za-z_][A-Za-z0-9_]*)[`""\]]?\s*:\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnLine();

    [GeneratedRegex(@"^\s*CREATE\s+(OR\s+ALTER\s+)?VIEW\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreateView();

    /// <summary>The entry of every view the engine creates, in creation order.</summary>
    public static IReadOnlyList<ViewDoc> All(EngineKind kind) => Cache[kind].Value;

    private static readonly Dictionary<EngineKind, Lazy<IReadOnlyList<ViewDoc>>> Cache =
        Enum.GetValues<EngineKind>().ToDictionary(k => k, k => new Lazy<IReadOnlyList<ViewDoc>>(
            () => Migrator.Views(k).Select(v => Parse(v.View, v.Sql)).ToList()));

    /// <summary>Reads the comment block before the CREATE VIEW; what is missing or repeated is a problem, not an exception.</summary>
    public static ViewDoc Parse(string view, string sql)
    {
        var summary = new List<string>();
        string? grain = null, reproduces = null;
        var columns = new List<(string Name, StringBuilder Text)>();
        var problems = new List<string>();
        // The entry a continuation line extends: 's' summary, 'g' grain, 'r' reproduces, 'c' the last column.
        var current = 's';
        foreach (var raw in sql.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (CreateView().IsMatch(line))
                break;
            if (line.Length == 0)
                continue;
            if (!line.StartsWith("--", StringComparison.Ordinal))
                break;
            var text = line[2..].Trim();
            if (text.Length == 0)
                continue;
            Match match;
            if ((match = GrainLine().Match(text)).Success)
            {
                if (grain is not null)
                    problems.Add($"{view}: grain is given twice.");
                grain = match.Groups[1].Value.Trim();
                current = 'g';
            }
            else if ((match = ReproducesLine().Match(text)).Success)
            {
                reproduces = match.Groups[1].Value.Trim().Trim('"');
                current = 'r';
            }
            else if ((match = ColumnLine().Match(text)).Success)
            {
                var name = match.Groups[1].Value;
                if (columns.Any(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    problems.Add($"{view}: column {name} is described twice.");
                columns.Add((name, new StringBuilder(match.Groups[2].Value.Trim())));
                current = 'c';
            }
            else
                switch (current)
                {
                    case 's': summary.Add(text); break;
                    case 'g': grain += " " + text; break;
                    case 'r': reproduces += " " + text; break;
                    default: columns[^1].Text.Append(' ').Append(text); break;
                }
        }
        if (string.IsNullOrWhiteSpace(grain))
            problems.Add($"{view}: the block has no '-- grain:' line.");
        foreach (var (name, text) in columns.Where(c => c.Text.Length == 0))
            problems.Add($"{view}: column {name} has an empty description.");
        return new ViewDoc(view, string.Join(" ", summary), string.IsNullOrWhiteSpace(grain) ? null : grain.Trim(),
            string.IsNullOrWhiteSpace(reproduces) ? null : reproduces.Trim(),
            columns.Select(c => new ColumnDoc(c.Name, c.Text.ToString().Trim())).ToList(), problems);
    }

    /// <summary>
    /// The script that writes the dictionary into the database after the views are re-created (run group
    /// <see cref="Migrator.DictionaryGroup"/>): COMMENT ON or extended properties, chosen by the engine.
    /// </summary>
    public static string Render(EngineKind kind, IReadOnlyList<ViewDoc> views)
    {
        var dialect = WarehouseEngines.DictionarySql(kind);
        var sql = new StringBuilder("-- The data dictionary from the comment blocks of database/Scripts/views/, rendered by ViewDictionary: edit the view files, not this text.\n");
        foreach (var view in views)
        {
            if (view.Description.Length > 0)
                dialect.AppendViewDescription(sql, view.Schema, view.Name, view.Description);
            foreach (var column in view.Columns)
                dialect.AppendColumnDescription(sql, view.Schema, view.Name, column.Name, column.Description);
        }
        return sql.ToString();
    }
}

/// <summary>How one engine stores descriptions of views and their columns. Implemented beside the engines.</summary>
public interface IDictionarySqlDialect
{
    void AppendViewDescription(StringBuilder sql, string schema, string view, string description);

    void AppendColumnDescription(StringBuilder sql, string schema, string view, string column, string description);
}
