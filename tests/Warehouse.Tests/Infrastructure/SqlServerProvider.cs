using Microsoft.Data.SqlClient;
using Warehouse.Database.Engines;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// SQL Server for the tests, when WAREHOUSE_TEST_SQLSERVER holds a connection string; a fresh database
/// (`warehouse_test_&lt;pid&gt;`) is used per run and dropped when the run ends. Without it every SQL Server
/// test reports as skipped, never as passed.
/// </summary>
public sealed class SqlServerProvider : DatabaseProvider
{
    public const string Variable = "WAREHOUSE_TEST_SQLSERVER";
    private const string Prefix = "warehouse_test_";
    private static readonly string? Configured = Environment.GetEnvironmentVariable(Variable);
    private static readonly string DatabaseName = Prefix + Environment.ProcessId;
    private static readonly Lazy<IWarehouseEngine> Shared = new(() =>
    {
        DropLeftoversOfEarlierRuns();
        return new SqlServerEngine(new SqlServerEngine(Configured!).WithDatabase(DatabaseName));
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Drops a database, closing its connections first (DROP DATABASE fails while any is open).</summary>
    public const string DropDatabaseSql = """
        IF DB_ID(@name) IS NOT NULL
        BEGIN
            DECLARE @quoted nvarchar(260) = QUOTENAME(@name);
            EXEC (N'ALTER DATABASE ' + @quoted + N' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ' + @quoted + N';');
        END;
        """;

    /// <summary>The test databases of earlier runs with no session open on them (so not in use by a run elsewhere).</summary>
    public const string EarlierRunsSql = """
        SELECT d.name FROM sys.databases AS d
        WHERE d.name LIKE N'warehouse[_]test[_]%'
          AND NOT EXISTS (SELECT 1 FROM sys.dm_exec_sessions AS s WHERE s.database_id = d.database_id);
        """;

    public override EngineKind Kind => EngineKind.SqlServer;

    public override string? SkipReason =>
        string.IsNullOrWhiteSpace(Configured) ? $"SQL Server tests need {Variable} (a connection string); none is set." : null;

    public override IWarehouseEngine Engine => Shared.Value;

    /// <summary>Called once when the database collection has finished: drops the run's database.</summary>
    public static void DropIfCreated()
    {
        if (!Shared.IsValueCreated)
            return;
        SqlConnection.ClearAllPools();
        try { Drop(DatabaseName); }
        catch (SqlException) { /* best effort at the end of the run; the next run drops it */ }
    }

    // A test host killed before the end of its run leaves its database behind: drop those whose process is gone
    // (and one with this run's pid, from a dead process whose pid was reused: this run has not created its own yet).
    private static void DropLeftoversOfEarlierRuns()
    {
        try
        {
            using var connection = Master();
            connection.Open();
            var names = connection.Query<string>(EarlierRunsSql).ToList();
            foreach (var name in names)
                if (int.TryParse(name[Prefix.Length..], out var pid) && (pid == Environment.ProcessId || !ProcessIsAlive(pid)))
                    connection.Execute(DropDatabaseSql, new { name });
        }
        catch (SqlException) { /* another run may be dropping the same one; the run's own database is unaffected */ }
    }

    private static void Drop(string name)
    {
        using var connection = Master();
        connection.Open();
        connection.Execute(DropDatabaseSql, new { name });
    }

    private static SqlConnection Master() =>
        new(new SqlConnectionStringBuilder(new SqlServerEngine(Configured!).WithDatabase("master")) { Pooling = false }.ConnectionString);

    private static bool ProcessIsAlive(int pid)
    {
        try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    public override Task DropScratchAsync(string database)
    {
        SqlConnection.ClearAllPools();
        Drop(database);
        return Task.CompletedTask;
    }

    // Grants here are made on schemas, so look for the grant on the object's schema or the object itself.
    public override Task<bool> RoleHasAsync(string role, string permission, string schema, string name) =>
        ScalarAsync<bool>("""
            SELECT CAST(CASE WHEN EXISTS (
                SELECT 1 FROM sys.database_permissions AS p
                JOIN sys.database_principals AS r ON r.principal_id = p.grantee_principal_id
                WHERE r.name = @role AND p.permission_name = @permission AND p.state = 'G'
                  AND ((p.class = 3 AND p.major_id = SCHEMA_ID(@schema))
                    OR (p.class = 1 AND p.major_id = OBJECT_ID(QUOTENAME(@schema) + '.' + QUOTENAME(@name))))
            ) THEN 1 ELSE 0 END AS bit)
            """, new { role, permission, schema, name });
}
