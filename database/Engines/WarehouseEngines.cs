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
