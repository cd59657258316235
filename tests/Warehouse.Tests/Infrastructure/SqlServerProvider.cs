using Microsoft.Data.SqlClient;
using Warehouse.Database.Engines;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// SQL Server for the tests, when WAREHOUSE_TEST_SQLSERVER holds a connection string; a fresh database
/// is used per run. Without it every SQL Server test reports as skipped, never as passed.
/// </summary>
public sealed class SqlServerProvider : DatabaseProvider
{
    public const string Variable = "WAREHOUSE_TEST_SQLSERVER";
    private static readonly string? Configured = Environment.GetEnvironmentVariable(Variable);
    private static readonly Lazy<IWarehouseEngine> Shared = new(() =>
    {
        var builder = new SqlConnectionStringBuilder(Configured) { InitialCatalog = $"warehouse_test_{Environment.ProcessId}" };
        return new SqlServerEngine(builder.ConnectionString);
    });

    public override EngineKind Kind => EngineKind.SqlServer;

    public override string? SkipReason =>
        string.IsNullOrWhiteSpace(Configured) ? $"SQL Server tests need {Variable} (a connection string); none is set." : null;

    public override IWarehouseEngine Engine => Shared.Value;

    // Grants here are made on schemas, so look for a SELECT grant on the object's schema or the object itself.
    public override Task<bool> RoleCanSelectAsync(string role, string schema, string name) =>
        ScalarAsync<bool>("""
            SELECT CAST(CASE WHEN EXISTS (
                SELECT 1 FROM sys.database_permissions AS p
                JOIN sys.database_principals AS r ON r.principal_id = p.grantee_principal_id
                WHERE r.name = @role AND p.permission_name = 'SELECT' AND p.state = 'G'
                  AND ((p.class = 3 AND p.major_id = SCHEMA_ID(@schema))
                    OR (p.class = 1 AND p.major_id = OBJECT_ID(QUOTENAME(@schema) + '.' + QUOTENAME(@name))))
            ) THEN 1 ELSE 0 END AS bit)
            """, new { role, schema, name });
}
