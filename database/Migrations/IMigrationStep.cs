using Warehouse.Database.Engines;

namespace Warehouse.Database.Migrations;

/// <summary>
/// Work a user of the database needs from every migrate, as the owner, after the journaled scripts (so the roles
/// of 0002_roles.sql exist) and before the reference data: the jobs host's Hangfire tables, for one. The database
/// project does not know its users; whoever migrates for one passes its steps to the <see cref="Migrator"/>.
/// </summary>
public interface IMigrationStep
{
    /// <summary>Runs at every <see cref="Migrator.Migrate"/>, so it must be a no-op when there is nothing to do.</summary>
    void Apply(IWarehouseEngine engine);
}
