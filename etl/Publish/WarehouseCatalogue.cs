using System.Data.Common;
using Dapper;

namespace Warehouse.Etl.Publish;

/// <summary>One column of a published view as the database reports it (information_schema, common to both engines).</summary>
public sealed record CatalogueColumn(string Schema, string View, string Column, string DataType, int Ordinal)
{
    /// <summary>The column's type in the tabular model's vocabulary (int64, decimal, double, string, boolean, dateTime), or null if unmapped.</summary>
    public string? ModelType => ModelTypes.FromSql(DataType);
}

/// <summary>The live catalogue of the published schemas (report, powerbi): which views exist and their columns in order.</summary>
public sealed class WarehouseCatalogue
{
    private readonly Dictionary<string, IReadOnlyList<CatalogueColumn>> _views;

    public WarehouseCatalogue(IEnumerable<CatalogueColumn> columns)
    {
        _views = columns
            .GroupBy(c => Key(c.Schema, c.View), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CatalogueColumn>)g.OrderBy(c => c.Ordinal).ToList(),
                StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<string> Views => _views.Keys.Order(StringComparer.Ordinal);

    public bool Has(string qualifiedView) => _views.ContainsKey(qualifiedView);

    public IReadOnlyList<CatalogueColumn> Columns(string qualifiedView) =>
        _views.TryGetValue(qualifiedView, out var columns) ? columns : [];

    public CatalogueColumn? Column(string qualifiedView, string column) =>
        Columns(qualifiedView).FirstOrDefault(c => c.Column.Equals(column, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the views and tables of the given schemas. Pass the transaction to see uncommitted DDL.</summary>
    public static async Task<WarehouseCatalogue> ReadAsync(DbConnection connection, DbTransaction? transaction = null,
        IReadOnlyList<string>? schemas = null, CancellationToken cancellationToken = default)
    {
        if (schemas is not { Count: > 0 })
            schemas = ["powerbi", "report"];
        // One parameter per schema: list expansion differs between providers.
        var parameters = new DynamicParameters();
        for (var i = 0; i < schemas.Count; i++)
            parameters.Add("s" + i, schemas[i]);
        // Catalogue names in upper case, as SQL Server defines them: under a case-sensitive collation the
        // lower-case spelling does not resolve, and PostgreSQL folds unquoted names to lower case anyway.
        var rows = await connection.QueryAsync<(string table_schema, string table_name, string column_name, string data_type, int ordinal_position)>(new CommandDefinition(
            "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, ORDINAL_POSITION FROM INFORMATION_SCHEMA.COLUMNS " +
            $"WHERE TABLE_SCHEMA IN ({string.Join(", ", schemas.Select((_, i) => "@s" + i))})", parameters, transaction, cancellationToken: cancellationToken));
        return new WarehouseCatalogue(rows.Select(r =>
            new CatalogueColumn(r.table_schema, r.table_name, r.column_name, r.data_type, r.ordinal_position)));
    }

    public static string Key(string schema, string view) => $"{schema}.{view}";
}

/// <summary>SQL types of both engines mapped onto the tabular model's data types.</summary>
public static class ModelTypes
{
    public static string? FromSql(string sqlType) => sqlType.ToLowerInvariant() switch
    {
        "integer" or "int" or "smallint" or "bigint" or "tinyint" => "int64",
        "numeric" or "decimal" or "money" or "smallmoney" => "decimal",
        "real" or "double precision" or "float" => "double",
        "character varying" or "varchar" or "nvarchar" or "text" or "character" or "char" or "nchar" or "ntext" => "string",
        "boolean" or "bit" => "boolean",
        "date" or "timestamp with time zone" or "timestamp without time zone" or "datetime" or "datetime2"
            or "datetimeoffset" or "smalldatetime" => "dateTime",
        _ => null,
    };

    public static bool IsNumeric(string? modelType) => modelType is "int64" or "decimal" or "double";
}
