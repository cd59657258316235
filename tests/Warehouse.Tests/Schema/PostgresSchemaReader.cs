using System.Data.Common;

namespace Warehouse.Tests.Schema;

/// <summary>Reads the warehouse schemas from PostgreSQL's catalogue in the same canonical form as the T-SQL reader.</summary>
public static class PostgresSchemaReader
{
    public static readonly string[] WarehouseSchemas = ["etl", "stg", "dw", "report", "powerbi"];

    public static async Task<SchemaModel> ReadAsync(DbConnection connection)
    {
        var model = new SchemaModel();
        var columns = await connection.QueryAsync<CatalogueColumn>("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.character_maximum_length,
                   c.numeric_precision, c.numeric_scale, c.is_nullable, t.table_type
            FROM information_schema.columns AS c
            JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = ANY(@schemas)
            ORDER BY c.table_schema, c.table_name, c.ordinal_position
            """, new { schemas = WarehouseSchemas });
        foreach (var column in columns)
        {
            var name = $"{column.table_schema}.{column.table_name}";
            if (column.table_type == "VIEW")
            {
                if (!model.Views.TryGetValue(name, out var list))
                    model.Views[name] = list = [];
                list.Add(column.column_name);
            }
            else
            {
                model.AddTable(name)[column.column_name] = new ColumnShape(CanonicalType(column), column.is_nullable == "YES");
            }
        }
        // Named indexes only: those behind a primary key or unique constraint belong to the table's shape.
        var indexes = await connection.QueryAsync<(string schema, string table, string index, string columns)>("""
            SELECT n.nspname, t.relname, i.relname,
                   array_to_string(ARRAY(
                       SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                       JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = k.attnum
                       ORDER BY k.ord), ', ')
            FROM pg_index AS x
            JOIN pg_class AS i ON i.oid = x.indexrelid
            JOIN pg_class AS t ON t.oid = x.indrelid
            JOIN pg_namespace AS n ON n.oid = t.relnamespace
            WHERE n.nspname = ANY(@schemas) AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = x.indexrelid)
            """, new { schemas = WarehouseSchemas });
        foreach (var (schema, table, index, keys) in indexes)
            model.Indexes[$"{schema}.{table}.{index}"] = keys;
        return model;
    }

    private static string CanonicalType(CatalogueColumn c) => c.data_type switch
    {
        "integer" => "int",
        "bigint" => "bigint",
        "smallint" => "smallint",
        "boolean" => "bool",
        "date" => "date",
        "timestamp with time zone" => "timestamptz",
        "timestamp without time zone" => "timestamp",
        "numeric" => $"decimal({c.numeric_precision},{c.numeric_scale})",
        "character varying" => c.character_maximum_length is null ? "text" : $"varchar({c.character_maximum_length})",
        "character" => $"char({c.character_maximum_length})",
        "text" => "text",
        "uuid" => "uuid",
        "bytea" => "bytea",
        "double precision" => "double",
        var other => other,
    };

    private sealed record CatalogueColumn(string table_schema, string table_name, string column_name, string data_type,
        int? character_maximum_length, int? numeric_precision, int? numeric_scale, string is_nullable, string table_type);
}
