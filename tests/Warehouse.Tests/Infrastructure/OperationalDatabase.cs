using Npgsql;
using Warehouse.Database.Engines;
using Warehouse.Samples.Placements;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// A second real PostgreSQL database on the test server, standing in for the children's social care system
/// (`csc_test_&lt;pid&gt;`): created on first use, its csc schema recreated empty by <see cref="ResetAsync"/>,
/// dropped when the test process exits.
/// </summary>
public static class OperationalDatabase
{
    private static readonly Lazy<IWarehouseEngine> Database = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Name { get; } = $"csc_test_{Environment.ProcessId}";

    public static IWarehouseEngine Engine => Database.Value;

    public static string ConnectionString => Database.Value.ConnectionString;

    /// <summary>An empty csc.placement_episode.</summary>
    public static async Task<IWarehouseEngine> ResetAsync()
    {
        await ChildrensSocialCareSystem.CreateSchemaAsync(Engine);
        return Engine;
    }

    private static IWarehouseEngine Create()
    {
        var engine = new PostgreSqlEngine(PostgresProvider.ServerConnectionString(Name));
        engine.EnsureDatabaseExists();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(engine);
        return engine;
    }

    private static void Drop(IWarehouseEngine engine)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(engine.WithDatabase("postgres")) { Pooling = false }.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (Exception) { /* best effort at exit; a throwaway cluster goes anyway */ }
    }
}
