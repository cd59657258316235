using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Jobs.Hosting;

/// <summary>
/// The migrator for a database the jobs host runs on: the warehouse's scripts, then Hangfire's tables. Every verb
/// that migrates goes through here, so whichever migrates first (as the owner) leaves the database ready for
/// `serve` and `run`, which as the loader migrate only when a script is pending.
/// </summary>
public static class JobsMigrator
{
    public static Migrator For(IWarehouseEngine engine, Action<string>? log = null) =>
        new(engine, log, [HangfireStorage.MigrationStep]);
}
