using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Warehouse.Database.Engines;

namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// How an extract reaches an operational system it only reads (the children's social care database): a
/// provider and a connection string, nothing else. Deliberately not the warehouse seam: migrations, bulk copy,
/// locks and grants belong to a database the warehouse owns, never to one it reads.
/// </summary>
public sealed class OperationalConnection(EngineKind kind, string connectionString)
{
    public EngineKind Kind { get; } = kind;
    public string ConnectionString { get; } = connectionString;

    public DbConnection Create() => WarehouseEngines.CreateConnection(Kind, ConnectionString);

    public static bool IsConfigured(IConfiguration configuration, string connectionStringName) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(connectionStringName));

    /// <summary>
    /// The connection named <c>ConnectionStrings:&lt;name&gt;</c>; its provider from <paramref name="engineSetting"/>,
    /// else the warehouse's (`Warehouse:Engine`). Unset, it is a configuration error that says how to set it.
    /// </summary>
    public static OperationalConnection FromConfiguration(IConfiguration configuration, string connectionStringName, string engineSetting, string whatToDo)
    {
        var connectionString = configuration.GetConnectionString(connectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new WarehouseConfigurationException($"ConnectionStrings:{connectionStringName} is not set: {whatToDo}");
        return new OperationalConnection(WarehouseEngines.ParseKind(configuration[engineSetting] ?? configuration["Warehouse:Engine"]), connectionString);
    }
}
