using System.Data.Common;
using Respawn;
using Respawn.Graph;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// One engine the integration tests run against (as Dapper's tests do: provider-generic bases, one
/// concrete class per engine). A provider migrates its database once per test run, as the jobs verbs do (so the
/// Hangfire tables are there for the jobs tests), and resets the data between tests with Respawn, keeping the
/// journal and the static reference tables.
/// </summary>
public abstract class DatabaseProvider
{
    // Static reference tables that nothing loads into; Respawn leaves them alone. Rows that must survive
    // a reset in loaded tables (batch 0, Unknown members) are put back by the reference scripts.
    private static readonly Table[] KeptTables =
    [
        new("dw", "dim_date"), new("dw", "dim_period"), new("dw", "dim_committee"), new("etl", "batch_state"),
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Respawner? _respawner;
    private bool _migrated;

    public abstract EngineKind Kind { get; }

    /// <summary>Why this engine is not available in this run, or null when it is.</summary>
    public abstract string? SkipReason { get; }

    public abstract IWarehouseEngine Engine { get; }

    /// <summary>Respawn's dialect for an engine. Respawn is a test tool, so this lives with the tests, not behind the seam.</summary>
    public static IDbAdapter RespawnAdapter(EngineKind kind) => kind switch
    {
        EngineKind.PostgreSql => DbAdapter.Postgres,
        EngineKind.SqlServer => DbAdapter.SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown engine."),
    };

    /// <summary>Migrates (once per run) and clears every loaded table, then restores reference rows.</summary>
    public async Task ResetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_migrated)
            {
                JobsMigrator.For(Engine).Migrate();
                _migrated = true;
            }
            await using var connection = Engine.CreateConnection();
            await connection.OpenAsync();
            _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = RespawnAdapter(Kind),
                SchemasToInclude = ["etl", "stg", "dw"],
                TablesToIgnore = KeptTables,
            });
            await _respawner.ResetAsync(connection);
            new Migrator(Engine).ApplyReferenceData();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether a database role may SELECT from an object (the catalogue query differs per engine).</summary>
    public Task<bool> RoleCanSelectAsync(string role, string schema, string name) => RoleHasAsync(role, "SELECT", schema, name);

    /// <summary>Whether a database role holds a permission (SELECT, INSERT, UPDATE, DELETE) on a table, granted on it or its schema.</summary>
    public abstract Task<bool> RoleHasAsync(string role, string permission, string schema, string name);

    /// <summary>An engine on another, not yet created database of the same server, for a test that must start from nothing.</summary>
    public IWarehouseEngine Scratch(string database) => WarehouseEngines.Create(Kind, Engine.WithDatabase(database));

    /// <summary>Drops a database <see cref="Scratch"/> named, closing its connections.</summary>
    public abstract Task DropScratchAsync(string database);

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = Engine.CreateConnection();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = Engine.CreateConnection();
        return await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<DbConnection> OpenAsync()
    {
        var connection = Engine.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }
}
