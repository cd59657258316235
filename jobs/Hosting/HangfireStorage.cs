using Dapper;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Npgsql;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Jobs.Hosting;

/// <summary>
/// Hangfire's storage in the warehouse database, in its own schema: installed and granted to warehouse_loader by
/// migrate (as the owner), opened by the jobs host (as the loader), which never does DDL. Here, not behind the
/// engine seam: Hangfire is the jobs host's tenant of the database, not a difference between the engines for the
/// warehouse, and each Hangfire package speaks one engine, so the engine's kind picks the package.
/// </summary>
public static class HangfireStorage
{
    /// <summary>The one place the Hangfire schema is named: the installer, the grants and the storage all use it.</summary>
    public const string Schema = "hangfire";

    /// <summary>What every migrate of a database the jobs host runs on does after the journaled scripts.</summary>
    public static IMigrationStep MigrationStep { get; } = new InstallStep();

    /// <summary>
    /// Installs or upgrades Hangfire's tables in <see cref="Schema"/> and grants warehouse_loader the reads and
    /// writes the Hangfire server needs there. A no-op on a current schema. Needs the owner and the roles of
    /// 0002_roles.sql, hence run by the migrator after the scripts.
    /// </summary>
    public static void Install(IWarehouseEngine engine)
    {
        switch (engine.Kind)
        {
            case EngineKind.PostgreSql:
            {
                using var connection = (NpgsqlConnection)engine.CreateConnection();
                connection.Open();
                // Applies only the versions the schema table does not record yet.
                PostgreSqlObjectsInstaller.Install(connection, Schema);
                // Granted again after every install, so tables a Hangfire upgrade adds are covered too.
                // Sequences: Hangfire's ids are identity/serial columns, and nextval needs USAGE.
                connection.Execute($"""
                    GRANT USAGE ON SCHEMA "{Schema}" TO warehouse_loader;
                    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{Schema}" TO warehouse_loader;
                    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{Schema}" TO warehouse_loader;
                    """);
                return;
            }
            case EngineKind.SqlServer:
            {
                using var connection = engine.CreateConnection();
                connection.Open();
                // Hangfire skips its heavy migrations (rewrites of big tables on an upgrade) unless asked; migrate is
                // the maintenance step where they belong, as the host does not migrate Hangfire.
                SqlServerObjectsInstaller.Install(connection, Schema, enableHeavyMigrations: true);
                // A schema grant covers the tables later Hangfire versions add. Hangfire.SqlServer creates no procedures
                // (no EXECUTE needed) and its distributed locks are sp_getapplock, which every database user may call.
                connection.Execute($"GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::[{Schema}] TO warehouse_loader");
                return;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(engine), engine.Kind, "Unknown engine.");
        }
    }

    /// <summary>Hangfire storage over the schema migrate installed; it never creates or alters tables.</summary>
    public static JobStorage Create(IWarehouseEngine engine)
    {
        switch (engine.Kind)
        {
            case EngineKind.PostgreSql:
                // Long polling (LISTEN/NOTIFY): a worker starts an enqueued job at once instead of polling every 15 s.
                var options = new PostgreSqlStorageOptions
                {
                    SchemaName = Schema, PrepareSchemaIfNecessary = false, EnableLongPolling = true,
                };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(engine.ConnectionString, options), options);
            case EngineKind.SqlServer:
                return new SqlServerStorage(engine.ConnectionString,
                    new SqlServerStorageOptions { SchemaName = Schema, PrepareSchemaIfNecessary = false });
            default:
                throw new ArgumentOutOfRangeException(nameof(engine), engine.Kind, "Unknown engine.");
        }
    }

    private sealed class InstallStep : IMigrationStep
    {
        public void Apply(IWarehouseEngine engine) => Install(engine);
    }
}
