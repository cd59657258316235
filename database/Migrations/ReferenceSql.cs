using System.Text;
using Warehouse.Database.Engines;

namespace Warehouse.Database.Migrations;

/// <summary>
/// How one engine writes reference rows: its literals and its idempotent upsert of a chunk of rows. Implemented
/// beside the engines (<c>database/Engines/</c>), chosen by <see cref="WarehouseEngines.ReferenceSql"/>.
/// </summary>
public interface IReferenceSqlDialect
{
    /// <summary>One value as a literal of the engine: quotes doubled, numbers invariant, dates ISO.</summary>
    string Literal(ReferenceType type, string? value);

    /// <summary>Writes every row of the table, in chunks of at most <see cref="ReferenceSql.ChunkSize"/> where the engine needs them.</summary>
    void AppendRows(StringBuilder sql, ReferenceTable table);
}

/// <summary>
/// Renders a <see cref="ReferenceTable"/> into idempotent SQL for an engine (<c>INSERT … ON CONFLICT</c> on
/// PostgreSQL, <c>MERGE</c> on SQL Server). A listed row is updated only when a value differs, so re-applying
/// after every migrate and test reset writes nothing when nothing changed. What is engine-specific lives in the
/// engine's <see cref="IReferenceSqlDialect"/>; this is the part both share.
/// </summary>
public static class ReferenceSql
{
    /// <summary>Rows per statement: SQL Server's INSERT … VALUES takes at most 1,000, and chunks compile quickly.</summary>
    public const int ChunkSize = 1000;

    public static string Render(ReferenceTable table, EngineKind kind)
    {
        var sql = new StringBuilder();
        sql.Append("-- Reference data ").Append(table.Name).Append(" (").Append(table.Table)
            .Append("), rendered by ReferenceSql: edit database/Scripts/reference/ or CalendarReference, not this text.\n");
        if (table.Mode == ReferenceMode.Replace)
            sql.Append("DELETE FROM ").Append(table.Table).Append(";\n");
        WarehouseEngines.ReferenceSql(kind).AppendRows(sql, table);
        return sql.ToString();
    }

    public static string Literal(ReferenceType type, string? value, EngineKind kind) =>
        WarehouseEngines.ReferenceSql(kind).Literal(type, value);

    /// <summary>The table's rows in chunks of <see cref="ChunkSize"/>.</summary>
    public static IEnumerable<IReadOnlyList<IReadOnlyList<string?>>> Chunks(ReferenceTable table)
    {
        for (var start = 0; start < table.Rows.Count; start += ChunkSize)
            yield return table.Rows.Skip(start).Take(ChunkSize).ToList();
    }

    /// <summary>The <c>VALUES</c> rows of a chunk, each value a literal of the dialect.</summary>
    public static void AppendValues(StringBuilder sql, ReferenceTable table, IReadOnlyList<IReadOnlyList<string?>> rows, IReferenceSqlDialect dialect)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append("    (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (c > 0)
                    sql.Append(", ");
                sql.Append(dialect.Literal(table.Columns[c].Type, rows[r][c]));
            }
            sql.Append(r < rows.Count - 1 ? "),\n" : ")\n");
        }
    }

    public static string ColumnList(ReferenceTable table) => string.Join(", ", table.Columns.Select(c => c.Name));
}
