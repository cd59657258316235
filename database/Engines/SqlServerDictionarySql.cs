using System.Text;
using Warehouse.Database.Migrations;

namespace Warehouse.Database.Engines;

/// <summary>
/// The data dictionary as SQL Server keeps it: the <c>MS_Description</c> extended property of the view and of each
/// column (what SSMS, Azure Data Studio and Power BI's navigator show). Views are re-created on every migrate, which
/// drops their properties; the update branch keeps a re-run of the script alone harmless too.
/// </summary>
public sealed class SqlServerDictionarySql : IDictionarySqlDialect
{
    public static readonly SqlServerDictionarySql Instance = new();

    public void AppendViewDescription(StringBuilder sql, string schema, string view, string description) =>
        Append(sql, schema, view, null, description);

    public void AppendColumnDescription(StringBuilder sql, string schema, string view, string column, string description) =>
        Append(sql, schema, view, column, description);

    private static void Append(StringBuilder sql, string schema, string view, string? column, string description)
    {
        var qualified = SqlIdentifiers.Checked($"{schema}.{view}");
        var minor = column is null ? "0" : $"COLUMNPROPERTY(OBJECT_ID(N'{qualified}'), N'{SqlIdentifiers.Checked(column)}', 'ColumnId')";
        var arguments = $"@name = N'MS_Description', @value = {Literal(description)}, @level0type = N'SCHEMA', @level0name = N'{SqlIdentifiers.Checked(schema)}', " +
                        $"@level1type = N'VIEW', @level1name = N'{SqlIdentifiers.Checked(view)}'" +
                        (column is null ? "" : $", @level2type = N'COLUMN', @level2name = N'{SqlIdentifiers.Checked(column)}'");
        sql.Append($"IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'{qualified}') AND minor_id = {minor} AND name = N'MS_Description')\n")
            .Append("    EXEC sys.sp_updateextendedproperty ").Append(arguments).Append(";\n")
            .Append("ELSE\n")
            .Append("    EXEC sys.sp_addextendedproperty ").Append(arguments).Append(";\n");
    }

    private static string Literal(string text) => "N'" + text.Replace("'", "''") + "'";
}
