using System.Globalization;
using System.Text;

namespace Warehouse.Database.Migrations;

/// <summary>The type of a reference column, which decides how a value is written in each engine's SQL.</summary>
public enum ReferenceType { Text, Int, Decimal, Bool, Date, TimestampTz }

/// <summary>What re-applying the rows does to the table (see docs/decisions.md, "The SQL tree").</summary>
public enum ReferenceMode
{
    /// <summary>Missing rows are inserted; listed rows that differ are updated; rows no longer listed are kept.</summary>
    Upsert,

    /// <summary>Missing rows are inserted; rows already there are left as they are (batch 0, Unknown members).</summary>
    InsertMissing,

    /// <summary>The rows are the whole table: rows no longer listed are deleted.</summary>
    Replace,
}

public sealed record ReferenceColumn(string Name, ReferenceType Type);

/// <summary>
/// One table's reference rows, engine-neutral: values are kept as the invariant text of the data file (null is
/// SQL NULL), and <see cref="ReferenceSql"/> renders them for each engine.
/// </summary>
public sealed class ReferenceTable
{
    public ReferenceTable(string name, string table, IReadOnlyList<string> key, ReferenceMode mode, string? identity,
        IReadOnlyList<ReferenceColumn> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        Name = name;
        Table = table;
        Key = key;
        Mode = mode;
        Identity = identity;
        Columns = columns;
        Rows = rows;
        Validate();
    }

    /// <summary>The data file's name without extension (<c>0003_committees</c>); orders the tables.</summary>
    public string Name { get; }

    public string Table { get; }

    public IReadOnlyList<string> Key { get; }

    public ReferenceMode Mode { get; }

    /// <summary>The identity column whose values the rows give (SQL Server needs IDENTITY_INSERT for them).</summary>
    public string? Identity { get; }

    public IReadOnlyList<ReferenceColumn> Columns { get; }

    public IReadOnlyList<IReadOnlyList<string?>> Rows { get; }

    public IEnumerable<ReferenceColumn> NonKeyColumns => Columns.Where(c => !Key.Contains(c.Name, StringComparer.Ordinal));

    private void Validate()
    {
        if (!SqlName.IsMatch(Table) || Columns.Any(c => !SqlName.IsMatch(c.Name)))
            throw Problem("names a table or column that is not a plain schema.name / column name");
        if (Key.Count == 0 || Key.Any(k => Columns.All(c => c.Name != k)))
            throw Problem($"has a key ({string.Join(", ", Key)}) that is not among its columns");
        if (Identity is not null && Columns.All(c => c.Name != Identity))
            throw Problem($"names identity column {Identity}, which is not among its columns");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            if (row.Count != Columns.Count)
                throw Problem($"row {r + 1} has {row.Count} values for {Columns.Count} columns");
            for (var c = 0; c < Columns.Count; c++)
                if (row[c] is { } value && !Parses(Columns[c].Type, value))
                    throw Problem($"row {r + 1}, column {Columns[c].Name}: '{value}' is not a {Columns[c].Type}");
            var key = string.Join("\u001f", Key.Select(k => row[IndexOf(k)] ?? "\u0000"));
            if (!keys.Add(key))
                throw Problem($"row {r + 1} repeats the key ({string.Join(", ", Key.Select(k => row[IndexOf(k)]))})");
        }
    }

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column)
                return i;
        throw new ArgumentException($"{Table} has no reference column {column}", nameof(column));
    }

    private InvalidOperationException Problem(string what) => new($"Reference data {Name} ({Table}) {what}.");

    private static readonly System.Text.RegularExpressions.Regex SqlName = new(@"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$");

    private static bool Parses(ReferenceType type, string value) => type switch
    {
        ReferenceType.Text => true,
        ReferenceType.Int => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ReferenceType.Decimal => decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _),
        ReferenceType.Bool => value is "true" or "false",
        ReferenceType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        ReferenceType.TimestampTz => DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => false,
    };

    /// <summary>
    /// Reads a data file: <c># key: value</c> directives (table, key, mode, identity) and free comments, then a
    /// header of <c>name:type</c> cells, then one row per line (RFC 4180 quoting; an empty unquoted field is
    /// NULL, <c>""</c> is the empty string).
    /// </summary>
    public static ReferenceTable Parse(string name, string text)
    {
        string? table = null, mode = null, identity = null;
        IReadOnlyList<string> key = [];
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var at = 0;
        for (; at < lines.Length && lines[at].StartsWith('#'); at++)
        {
            var directive = lines[at][1..].Trim();
            var colon = directive.IndexOf(':');
            if (colon < 0)
                continue;
            var value = directive[(colon + 1)..].Trim();
            switch (directive[..colon].Trim())
            {
                case "table": table = value; break;
                case "key": key = value.Split(',').Select(k => k.Trim()).ToList(); break;
                case "mode": mode = value; break;
                case "identity": identity = value; break;
            }
        }
        if (table is null || mode is null || at >= lines.Length)
            throw new InvalidOperationException($"Reference data {name} needs '# table:', '# key:' and '# mode:' lines, then a header.");
        var columns = ParseLine(lines[at], name, at + 1).Select(h =>
        {
            var parts = (h ?? "").Split(':');
            if (parts.Length != 2)
                throw new InvalidOperationException($"Reference data {name}: header cell '{h}' is not name:type.");
            return new ReferenceColumn(parts[0].Trim(), parts[1].Trim() switch
            {
                "text" => ReferenceType.Text,
                "int" => ReferenceType.Int,
                "decimal" => ReferenceType.Decimal,
                "bool" => ReferenceType.Bool,
                "date" => ReferenceType.Date,
                "timestamptz" => ReferenceType.TimestampTz,
                var other => throw new InvalidOperationException($"Reference data {name}: unknown type '{other}' (text, int, decimal, bool, date, timestamptz)."),
            });
        }).ToList();
        var rows = new List<IReadOnlyList<string?>>();
        for (var i = at + 1; i < lines.Length; i++)
            if (lines[i].Length > 0)
                rows.Add(ParseLine(lines[i], name, i + 1));
        return new ReferenceTable(name, table, key, mode switch
        {
            "upsert" => ReferenceMode.Upsert,
            "insert-missing" => ReferenceMode.InsertMissing,
            "replace" => ReferenceMode.Replace,
            _ => throw new InvalidOperationException($"Reference data {name}: unknown mode '{mode}' (upsert, insert-missing, replace)."),
        }, identity, columns, rows);
    }

    // One CSV record on one line (reference values hold no line breaks).
    private static List<string?> ParseLine(string line, string name, int lineNumber)
    {
        var values = new List<string?>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new InvalidOperationException($"Reference data {name}, line {lineNumber}: unterminated quote.");
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"') { value.Append('"'); i += 2; }
                    else if (line[i] == '"') { i++; break; }
                    else value.Append(line[i++]);
                }
                values.Add(value.ToString());
                if (i < line.Length && line[i] != ',')
                    throw new InvalidOperationException($"Reference data {name}, line {lineNumber}: text after a closing quote.");
            }
            else
            {
                var end = line.IndexOf(',', i);
                var raw = end < 0 ? line[i..] : line[i..end];
                values.Add(raw.Length == 0 ? null : raw);
                i = end < 0 ? line.Length : end;
            }
            if (i >= line.Length)
                return values;
            i++; // the comma
            if (i == line.Length)
            {
                values.Add(null);
                return values;
            }
        }
    }
}
