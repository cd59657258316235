namespace Warehouse.Tests.Schema;

public sealed record ColumnShape(string Type, bool Nullable);

/// <summary>
/// Tables (columns with canonical type and nullability), views (column names) and named indexes (their key
/// columns; those behind primary keys and unique constraints are left out) of one engine.
/// </summary>
public sealed class SchemaModel
{
    public SortedDictionary<string, SortedDictionary<string, ColumnShape>> Tables { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, List<string>> Views { get; } = new(StringComparer.Ordinal);

    /// <summary>"schema.table.index" → its key columns in order, "a, b".</summary>
    public SortedDictionary<string, string> Indexes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, ColumnShape> AddTable(string name)
    {
        if (!Tables.TryGetValue(name, out var columns))
            Tables[name] = columns = new SortedDictionary<string, ColumnShape>(StringComparer.Ordinal);
        return columns;
    }

    /// <summary>Every difference between two engines' schemas, one readable line each; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(SchemaModel sqlServer, SchemaModel postgres)
    {
        var differences = new List<string>();
        foreach (var table in sqlServer.Tables.Keys.Union(postgres.Tables.Keys).Order(StringComparer.Ordinal))
        {
            if (!postgres.Tables.TryGetValue(table, out var pg))
            {
                differences.Add($"table {table} is declared in T-SQL only");
                continue;
            }
            if (!sqlServer.Tables.TryGetValue(table, out var ms))
            {
                differences.Add($"table {table} exists in PostgreSQL only");
                continue;
            }
            foreach (var column in ms.Keys.Union(pg.Keys).Order(StringComparer.Ordinal))
            {
                var inMs = ms.TryGetValue(column, out var msShape);
                var inPg = pg.TryGetValue(column, out var pgShape);
                if (!inPg)
                    differences.Add($"column {table}.{column} is declared in T-SQL only");
                else if (!inMs)
                    differences.Add($"column {table}.{column} exists in PostgreSQL only");
                else if (msShape != pgShape)
                    differences.Add($"column {table}.{column}: T-SQL {Show(msShape!)} vs PostgreSQL {Show(pgShape!)}");
            }
        }
        foreach (var view in sqlServer.Views.Keys.Union(postgres.Views.Keys).Order(StringComparer.Ordinal))
        {
            if (!postgres.Views.TryGetValue(view, out var pg))
                differences.Add($"view {view} is declared in T-SQL only");
            else if (!sqlServer.Views.TryGetValue(view, out var ms))
                differences.Add($"view {view} exists in PostgreSQL only");
            else if (!ms.SequenceEqual(pg))
                differences.Add($"view {view}: T-SQL columns ({string.Join(", ", ms)}) vs PostgreSQL ({string.Join(", ", pg)})");
        }
        foreach (var index in sqlServer.Indexes.Keys.Union(postgres.Indexes.Keys).Order(StringComparer.Ordinal))
        {
            if (!postgres.Indexes.TryGetValue(index, out var pg))
                differences.Add($"index {index} is declared in T-SQL only");
            else if (!sqlServer.Indexes.TryGetValue(index, out var ms))
                differences.Add($"index {index} exists in PostgreSQL only");
            else if (ms != pg)
                differences.Add($"index {index}: T-SQL ({ms}) vs PostgreSQL ({pg})");
        }
        return differences;
    }

    private static string Show(ColumnShape shape) => $"{shape.Type} {(shape.Nullable ? "NULL" : "NOT NULL")}";
}
