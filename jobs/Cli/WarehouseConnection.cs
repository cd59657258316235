using Warehouse.Database.Engines;
using Warehouse.Database.Local;

namespace Warehouse.Jobs.Cli;

/// <summary>
/// Resolves the warehouse engine from configuration (`Warehouse:Engine`, `ConnectionStrings:Warehouse`).
/// With no connection string on PostgreSQL it starts or reuses the private local cluster.
/// </summary>
public static class WarehouseConnection
{
    public const string EngineSetting = "Warehouse:Engine";
    public const string ConnectionStringName = "Warehouse";

    /// <summary>Every configuration key the app reads to reach its database (environment: replace ':' by '__').</summary>
    public static readonly IReadOnlyList<string> DatabaseSettings = [EngineSetting, "ConnectionStrings:" + ConnectionStringName];

    public static IConfiguration LoadConfiguration(string workingDirectory, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(workingDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? [])
            .Build();

    public static IWarehouseEngine Resolve(IConfiguration configuration, string workingDirectory, TextWriter output)
    {
        var kind = WarehouseEngines.ParseKind(configuration[EngineSetting]);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
            return WarehouseEngines.Create(kind, connectionString);

        if (kind == EngineKind.SqlServer)
            throw new WarehouseConfigurationException(
                "Warehouse:Engine is SqlServer but ConnectionStrings:Warehouse is empty: set ConnectionStrings__Warehouse, or run `docker compose up`.");

        var local = new LocalPostgres(workingDirectory, log: message => output.WriteLine(message));
        var instance = local.Start();
        output.WriteLine(
            $"Using the local PostgreSQL database on 127.0.0.1:{instance.Port} (data: {instance.DataDirectory}). " +
            "Stop it with `dotnet run --project jobs -- db stop`.");
        return WarehouseEngines.Create(EngineKind.PostgreSql, instance.ConnectionString());
    }
}
