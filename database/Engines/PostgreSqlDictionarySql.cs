using System.Text;
using Warehouse.Database.Migrations;

namespace Warehouse.Database.Engines;

/// <summary>The data dictionary as PostgreSQL keeps it: <c>COMMENT ON VIEW</c> and <c>COMMENT ON COLUMN</c> (replace in place).</summary>
public sealed class PostgreSqlDictionarySql : IDictionarySqlDialect
{
    public static readonly PostgreSqlDictionarySql Instance = new();

    public void AppendViewDescription(StringBuilder sql, string schema, string view, string description) =>
        sql.Append("COMMENT ON VIEW ").Append(SqlIdentifiers.Checked($"{schema}.{view}"))
            .Append(" IS ").Append(Literal(description)).Append(";\n");

    public void AppendColumnDescription(StringBuilder sql, string schema, string view, string column, string description) =>
        sql.Append("COMMENT ON COLUMN ").Append(SqlIdentifiers.Checked($"{schema}.{view}")).Append('.').Append(SqlIdentifiers.Checked(column))
            .Append(" IS ").Append(Literal(description)).Append(";\n");

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";
}
