using System.Globalization;
using System.Text;
using Warehouse.Database.Engines;

namespace Warehouse.Database.Migrations;

/// <summary>
/// Renders a <see cref="ReferenceTable"/> into idempotent SQL: <c>INSERT … ON CONFLICT (key) DO …</c> for PostgreSQL,
/// <c>MERGE</c> for SQL Server (N'' literals). Rows are written in chunks of <see cref="ChunkSize"/>, so the
/// calendar's thousands of days stay within SQL Server's 1,000-row INSERT … VALUES limit and compile quickly.
/// A listed row is updated only when a value differs (compared byte for byte on SQL Server, whose collation
/// ignores case), so re-applying after every migrate and test reset writes nothing when nothing changed.
/// </summary>
public static class ReferenceSql
{
    public const int ChunkSize = 1000;

    // Binary comparison of text on SQL Server, so a label stored in another letter case is corrected.
    private const string Binary = "Latin1_General_100_BIN2";

    public static string Render(ReferenceTable table, EngineKind kind)
    {
        var sql = new StringBuilder();
        sql.Append("-- Reference data ").Append(table.Name).Append(" (").Append(table.Table)
            .Append("), rendered by ReferenceSql: edit database/Scripts/reference/ or CalendarReference, not this text.\n");
        if (table.Mode == ReferenceMode.Replace)
            sql.Append("DELETE FROM ").Append(table.Table).Append(";\n");
        var identityInsert = kind == EngineKind.SqlServer && table.Identity is not null;
        if (identityInsert)
            sql.Append("SET IDENTITY_INSERT ").Append(table.Table).Append(" ON;\n");
        if (kind == EngineKind.PostgreSql && table.Rows.Count > ChunkSize)
            PostgreSqlArrays(sql, table);
        else for (var start = 0; start < table.Rows.Count; start += ChunkSize)
        {
            var rows = table.Rows.Skip(start).Take(ChunkSize).ToList();
            if (kind == EngineKind.PostgreSql)
                PostgreSql(sql, table, rows);
            else
                SqlServer(sql, table, rows);
        }
        if (identityInsert)
            sql.Append("SET IDENTITY_INSERT ").Append(table.Table).Append(" OFF;\n");
        return sql.ToString();
    }

    private static void PostgreSql(StringBuilder sql, ReferenceTable table, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        sql.Append("INSERT INTO ").Append(table.Table).Append(" AS t (").Append(columns).Append(") VALUES\n");
        AppendRows(sql, table, rows, EngineKind.PostgreSql);
        PostgreSqlConflict(sql, table);
    }

    // A large table (the calendar's days) goes as one array literal per column: PostgreSQL took about 240 ms to
    // parse 5,844 VALUES rows, which every test reset paid, and reads the arrays in a few.
    private static void PostgreSqlArrays(StringBuilder sql, ReferenceTable table)
    {
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        sql.Append("INSERT INTO ").Append(table.Table).Append(" AS t (").Append(columns).Append(")\nSELECT * FROM unnest(\n");
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var type = table.Columns[c].Type;
            var elements = table.Rows.Select(r => ArrayElement(type, r[c]));
            sql.Append("    '{").Append(string.Join(",", elements).Replace("'", "''")).Append("}'::").Append(type switch
            {
                ReferenceType.Text => "text",
                ReferenceType.Int => "bigint",
                ReferenceType.Decimal => "numeric",
                ReferenceType.Bool => "boolean",
                ReferenceType.Date => "date",
                _ => "timestamptz",
            }).Append(c < table.Columns.Count - 1 ? "[],\n" : "[]\n");
        }
        sql.Append(") AS s (").Append(columns).Append(")\n");
        PostgreSqlConflict(sql, table);
    }

    private static string ArrayElement(ReferenceType type, string? value)
    {
        if (value is null)
            return "NULL";
        var inv = CultureInfo.InvariantCulture;
        return type switch
        {
            ReferenceType.Int => long.Parse(value, NumberStyles.AllowLeadingSign, inv).ToString(inv),
            ReferenceType.Decimal => decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, inv).ToString(inv),
            ReferenceType.Bool => value == "true" ? "t" : "f",
            // Text, dates and timestamps are quoted array elements: backslash and double quote escaped.
            _ => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        };
    }

    private static void PostgreSqlConflict(StringBuilder sql, ReferenceTable table)
    {
        var update = table.NonKeyColumns.ToList();
        if (table.Mode == ReferenceMode.Replace)
            sql.Append(";\n");
        else if (table.Mode == ReferenceMode.InsertMissing || update.Count == 0)
            sql.Append("ON CONFLICT (").Append(string.Join(", ", table.Key)).Append(") DO NOTHING;\n");
        else
            sql.Append("ON CONFLICT (").Append(string.Join(", ", table.Key)).Append(") DO UPDATE\nSET ")
                .Append(string.Join(", ", update.Select(c => $"{c.Name} = EXCLUDED.{c.Name}")))
                .Append("\nWHERE (").Append(string.Join(", ", update.Select(c => "t." + c.Name)))
                .Append(") IS DISTINCT FROM (").Append(string.Join(", ", update.Select(c => "EXCLUDED." + c.Name))).Append(");\n");
    }

    private static void SqlServer(StringBuilder sql, ReferenceTable table, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        if (table.Mode == ReferenceMode.Replace)
        {
            sql.Append("INSERT INTO ").Append(table.Table).Append(" (").Append(columns).Append(") VALUES\n");
            AppendRows(sql, table, rows, EngineKind.SqlServer);
            sql.Append(";\n");
            return;
        }
        sql.Append("MERGE ").Append(table.Table).Append(" AS t\nUSING (VALUES\n");
        AppendRows(sql, table, rows, EngineKind.SqlServer);
        sql.Append(") AS s (").Append(columns).Append(")\nON ")
            .Append(string.Join(" AND ", table.Key.Select(k => $"t.{k} = s.{k}"))).Append('\n');
        var update = table.NonKeyColumns.ToList();
        if (table.Mode == ReferenceMode.Upsert && update.Count > 0)
        {
            string Compared(string alias, ReferenceColumn c) =>
                c.Type == ReferenceType.Text ? $"{alias}.{c.Name} COLLATE {Binary}" : $"{alias}.{c.Name}";
            // EXCEPT compares NULLs as equal: SQL Server 2019 has no IS DISTINCT FROM.
            sql.Append("WHEN MATCHED AND EXISTS (SELECT ").Append(string.Join(", ", update.Select(c => Compared("t", c))))
                .Append("\n    EXCEPT SELECT ").Append(string.Join(", ", update.Select(c => Compared("s", c))))
                .Append(")\n    THEN UPDATE SET ").Append(string.Join(", ", update.Select(c => $"{c.Name} = s.{c.Name}"))).Append('\n');
        }
        sql.Append("WHEN NOT MATCHED BY TARGET THEN INSERT (").Append(columns).Append(")\n    VALUES (")
            .Append(string.Join(", ", table.Columns.Select(c => "s." + c.Name))).Append(");\n");
    }

    private static void AppendRows(StringBuilder sql, ReferenceTable table, IReadOnlyList<IReadOnlyList<string?>> rows, EngineKind kind)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append("    (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (c > 0)
                    sql.Append(", ");
                sql.Append(Literal(table.Columns[c].Type, rows[r][c], kind));
            }
            sql.Append(r < rows.Count - 1 ? "),\n" : ")\n");
        }
    }

    /// <summary>One value as a literal of the engine: quotes doubled, numbers invariant, dates ISO, NULL typed on SQL Server.</summary>
    public static string Literal(ReferenceType type, string? value, EngineKind kind)
    {
        var sqlServer = kind == EngineKind.SqlServer;
        if (value is null)
            // A VALUES column of bare NULLs is int on SQL Server, which does not convert to date: give it its type.
            return !sqlServer ? "NULL" : type switch
            {
                ReferenceType.Text => "CAST(NULL AS nvarchar(4000))",
                ReferenceType.Int => "CAST(NULL AS bigint)",
                ReferenceType.Decimal => "CAST(NULL AS decimal(38,10))",
                ReferenceType.Bool => "CAST(NULL AS bit)",
                ReferenceType.Date => "CAST(NULL AS date)",
                _ => "CAST(NULL AS datetimeoffset(7))",
            };
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ReferenceType.Text:
                return (sqlServer ? "N'" : "'") + value.Replace("'", "''") + "'";
            case ReferenceType.Int:
                return long.Parse(value, NumberStyles.AllowLeadingSign, inv).ToString(inv);
            case ReferenceType.Decimal:
                return decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, inv).ToString(inv);
            case ReferenceType.Bool:
                return value == "true" ? (sqlServer ? "1" : "true") : (sqlServer ? "0" : "false");
            case ReferenceType.Date:
                var date = DateOnly.ParseExact(value, "yyyy-MM-dd", inv).ToString("yyyy-MM-dd", inv);
                // yyyy-MM-dd read as date (not datetime) does not depend on SET DATEFORMAT or the login's language.
                return sqlServer ? $"CAST('{date}' AS date)" : $"DATE '{date}'";
            default:
                var at = DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:sszzz", inv).ToString("yyyy-MM-dd'T'HH:mm:sszzz", inv);
                return sqlServer ? $"CAST('{at}' AS datetimeoffset(7))" : $"TIMESTAMPTZ '{at}'";
        }
    }
}
