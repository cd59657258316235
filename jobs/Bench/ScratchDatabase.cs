using Npgsql;
using Warehouse.Database.Engines;

namespace Warehouse.Jobs.Bench;

/// <summary>
/// A benchmark's scratch database made empty before a run. On PostgreSQL it is dropped (closing its connections)
/// and created again; SQL Server is not dropped by a benchmark: there the database must be empty already.
/// </summary>
public static class ScratchDatabase
{
    /// <summary>Drops and re-creates the database on PostgreSQL; says whether it could (false on SQL Server).</summary>
    public static bool Recreate(IWarehouseEngine scratch)
    {
        if (scratch.Kind != EngineKind.PostgreSql)
            return false;
        var database = new NpgsqlConnectionStringBuilder(scratch.ConnectionString).Database
                       ?? throw new InvalidOperationException("The scratch connection string names no database.");
        NpgsqlConnection.ClearAllPools();
        using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(scratch.WithDatabase("postgres")) { Pooling = false }.ConnectionString))
        {
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Replace("\"", "\"\"")}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        scratch.EnsureDatabaseExists();
        return true;
    }
}
