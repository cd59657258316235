using System.Globalization;
using System.Text;
using Warehouse.Database.Migrations;

namespace Warehouse.Database.Engines;

/// <summary>Reference rows as PostgreSQL writes them: <c>INSERT … ON CONFLICT (key) DO UPDATE … WHERE … IS DISTINCT FROM</c>.</summary>
public sealed class PostgreSqlReferenceSql : IReferenceSqlDialect
{
    public static readonly PostgreSqlReferenceSql Instance = new();

    public void AppendRows(StringBuilder sql, ReferenceTable table)
    {
        var columns = ReferenceSql.ColumnList(table);
        // A large table (the calendar's days) goes as one array literal per column: PostgreSQL took about 240 ms to
        // parse 5,844 VALUES rows, which every test reset paid, and reads the arrays in a few.
        if (table.Rows.Count > ReferenceSql.ChunkSize)
        {
            sql.Append("INSERT INTO ").Append(table.Table).Append(" AS t (").Append(columns).Append(")\nSELECT * FROM unnest(\n");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var type = table.Columns[c].Type;
                var elements = table.Rows.Select(r => ArrayElement(type, r[c]));
                sql.Append("    '{").Append(string.Join(",", elements).Replace("'", "''")).Append("}'::").Append(TypeName(type))
                    .Append(c < table.Columns.Count - 1 ? "[],\n" : "[]\n");
            }
            sql.Append(") AS s (").Append(columns).Append(")\n");
            AppendConflict(sql, table);
            return;
        }
        foreach (var rows in ReferenceSql.Chunks(table))
        {
            sql.Append("INSERT INTO ").Append(table.Table).Append(" AS t (").Append(columns).Append(") VALUES\n");
            ReferenceSql.AppendValues(sql, table, rows, this);
            AppendConflict(sql, table);
        }
    }

    public string Literal(ReferenceType type, string? value)
    {
        if (value is null)
            return "NULL";
        var inv = CultureInfo.InvariantCulture;
        return type switch
        {
            ReferenceType.Text => "'" + value.Replace("'", "''") + "'",
            ReferenceType.Int => long.Parse(value, NumberStyles.AllowLeadingSign, inv).ToString(inv),
            ReferenceType.Decimal => decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, inv).ToString(inv),
            ReferenceType.Bool => value == "true" ? "true" : "false",
            ReferenceType.Date => $"DATE '{DateOnly.ParseExact(value, "yyyy-MM-dd", inv).ToString("yyyy-MM-dd", inv)}'",
            _ => $"TIMESTAMPTZ '{DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:sszzz", inv).ToString("yyyy-MM-dd'T'HH:mm:sszzz", inv)}'",
        };
    }

    private static string TypeName(ReferenceType type) => type switch
    {
        ReferenceType.Text => "text",
        ReferenceType.Int => "bigint",
        ReferenceType.Decimal => "numeric",
        ReferenceType.Bool => "boolean",
        ReferenceType.Date => "date",
        _ => "timestamptz",
    };

    private static string ArrayElement(ReferenceType type, string? value)
    {
        if (value is null)
            return "NULL";
        return type switch
        {
            ReferenceType.Int or ReferenceType.Decimal => Instance.Literal(type, value),
            ReferenceType.Bool => value == "true" ? "t" : "f",
            // Text, dates and timestamps are quoted array elements: backslash and double quote escaped.
            _ => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        };
    }

    private static void AppendConflict(StringBuilder sql, ReferenceTable table)
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
}
