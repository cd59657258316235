using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;
using Warehouse.Database.Migrations;

namespace Warehouse.Database.Engines;

/// <summary>Chooses the engine implementation for a configured <see cref="EngineKind"/>.</summary>
public static class WarehouseEngines
{
    public static IWarehouseEngine Create(EngineKind kind, string connectionString) => kind switch
    {
        EngineKind.PostgreSql => new PostgreSqlEngine(connectionString),
        EngineKind.SqlServer => new SqlServerEngine(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown engine."),
    };

    /// <summary>How the engine writes reference rows (the migrator renders them for either engine without a server).</summary>
    public static IReferenceSqlDialect ReferenceSql(EngineKind kind) => kind switch
    {
        EngineKind.PostgreSql => PostgreSqlReferenceSql.Instance,
        EngineKind.SqlServer => SqlServerReferenceSql.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown engine."),
    };

    /// <summary>How the engine stores the data dictionary's descriptions of views and columns.</summary>
    public static IDictionarySqlDialect DictionarySql(EngineKind kind) => kind switch
    {
        EngineKind.PostgreSql => PostgreSqlDictionarySql.Instance,
        EngineKind.SqlServer => SqlServerDictionarySql.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown engine."),
    };

    /// <summary>
    /// A connection to any database of that kind by its provider, for what only reads a system it does not own
    /// (the children's social care extract): no migrations, bulk copy or locks come with it.
    /// </summary>
    public static DbConnection CreateConnection(EngineKind kind, string connectionString) => kind switch
    {
        EngineKind.PostgreSql => new NpgsqlConnection(connectionString),
        EngineKind.SqlServer => new SqlConnection(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown engine."),
    };

    public static EngineKind ParseKind(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
            return EngineKind.PostgreSql;
        if (Enum.TryParse<EngineKind>(configured.Trim(), ignoreCase: true, out var kind))
            return kind;
        throw new WarehouseConfigurationException(
            $"Warehouse:Engine is '{configured}'; it must be PostgreSql or SqlServer (environment variable Warehouse__Engine).");
    }
}

/// <summary>A setting is missing or wrong: the message says which and how to fix it.</summary>
public sealed class WarehouseConfigurationException(string message) : Exception(message);
