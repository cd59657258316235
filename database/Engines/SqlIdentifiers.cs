using System.Text.RegularExpressions;
using Dapper;

namespace Warehouse.Database.Engines;

/// <summary>Names that an engine operation writes into SQL text: only plain (optionally schema-qualified) identifiers pass.</summary>
public static partial class SqlIdentifiers
{
    public static string Checked(string name) => PlainName().IsMatch(name)
        ? name
        : throw new ArgumentException($"'{name}' is not a plain SQL name (letters, digits and underscores, optionally schema.name).", nameof(name));

    /// <summary><c>INSERT INTO table (a, b)</c> and <c>VALUES (@a, @b)</c>: the parts both engines' identity inserts share.</summary>
    public static (string Into, string Values) Insert(string table, IEnumerable<string> columns)
    {
        var names = columns.Select(Checked).ToList();
        return ($"INSERT INTO {Checked(table)} ({string.Join(", ", names)})", $"VALUES ({string.Join(", ", names.Select(c => "@" + c))})");
    }

    /// <summary>Each value as a parameter named after its column.</summary>
    public static DynamicParameters Parameters(IReadOnlyDictionary<string, object?> values)
    {
        var parameters = new DynamicParameters();
        foreach (var (column, value) in values)
            parameters.Add(Checked(column), value);
        return parameters;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex PlainName();
}
