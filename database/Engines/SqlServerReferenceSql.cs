using System.Globalization;
using System.Text;
using Warehouse.Database.Migrations;

namespace Warehouse.Database.Engines;

/// <summary>Reference rows as SQL Server writes them: <c>MERGE</c> in chunks of 1,000, N'' literals, typed NULLs.</summary>
public sealed class SqlServerReferenceSql : IReferenceSqlDialect
{
    public static readonly SqlServerReferenceSql Instance = new();

    // Binary comparison of text, so a label stored in another letter case is corrected (the collation ignores case).
    private const string Binary = "Latin1_General_100_BIN2";

    public void AppendRows(StringBuilder sql, ReferenceTable table)
    {
        var identityInsert = table.Identity is not null;
        if (identityInsert)
            sql.Append("SET IDENTITY_INSERT ").Append(table.Table).Append(" ON;\n");
        foreach (var rows in ReferenceSql.Chunks(table))
            AppendChunk(sql, table, rows);
        if (identityInsert)
            sql.Append("SET IDENTITY_INSERT ").Append(table.Table).Append(" OFF;\n");
    }

    private void AppendChunk(StringBuilder sql, ReferenceTable table, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var columns = ReferenceSql.ColumnList(table);
        if (table.Mode == ReferenceMode.Replace)
        {
            sql.Append("INSERT INTO ").Append(table.Table).Append(" (").Append(columns).Append(") VALUES\n");
            ReferenceSql.AppendValues(sql, table, rows, this);
            sql.Append(";\n");
            return;
        }
        sql.Append("MERGE ").Append(table.Table).Append(" AS t\nUSING (VALUES\n");
        ReferenceSql.AppendValues(sql, table, rows, this);
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

    public string Literal(ReferenceType type, string? value)
    {
        var inv = CultureInfo.InvariantCulture;
        return (type, value) switch
        {
            // A VALUES column of bare NULLs is int on SQL Server, which does not convert to date: give it its type.
            (ReferenceType.Text, null) => "CAST(NULL AS nvarchar(4000))",
            (ReferenceType.Int, null) => "CAST(NULL AS bigint)",
            (ReferenceType.Decimal, null) => "CAST(NULL AS decimal(38,10))",
            (ReferenceType.Bool, null) => "CAST(NULL AS bit)",
            (ReferenceType.Date, null) => "CAST(NULL AS date)",
            (_, null) => "CAST(NULL AS datetimeoffset(7))",
            (ReferenceType.Text, _) => "N'" + value.Replace("'", "''") + "'",
            (ReferenceType.Int, _) => long.Parse(value, NumberStyles.AllowLeadingSign, inv).ToString(inv),
            (ReferenceType.Decimal, _) => decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, inv).ToString(inv),
            (ReferenceType.Bool, _) => value == "true" ? "1" : "0",
            // yyyy-MM-dd read as date (not datetime) does not depend on SET DATEFORMAT or the login's language.
            (ReferenceType.Date, _) => $"CAST('{DateOnly.ParseExact(value, "yyyy-MM-dd", inv).ToString("yyyy-MM-dd", inv)}' AS date)",
            _ => $"CAST('{DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:sszzz", inv).ToString("yyyy-MM-dd'T'HH:mm:sszzz", inv)}' AS datetimeoffset(7))",
        };
    }
}
