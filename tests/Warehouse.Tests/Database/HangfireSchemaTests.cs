using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Tests.Database;

/// <summary>
/// The jobs host's migrate step (<see cref="HangfireStorage.MigrationStep"/>) installs Hangfire's schema and grants it
/// to the loader; the database project's migrator alone does not. On every available engine.
/// </summary>
public abstract class HangfireSchemaTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    // Tables both Hangfire.PostgreSql and Hangfire.SqlServer create (names differ only in case).
    private static readonly string[] CoreTables = ["counter", "hash", "job", "jobparameter", "jobqueue", "list", "schema", "server", "set", "state"];

    private static async Task<List<string>> HangfireTablesAsync(IWarehouseEngine engine)
    {
        await using var connection = engine.CreateConnection();
        return (await connection.QueryAsync<string>(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = @schema", new { schema = HangfireStorage.Schema }))
            .Order(StringComparer.Ordinal).ToList();
    }

    [SkippableFact]
    public async Task Migrate_InstallsTheHangfireTables_OnlyWithTheJobsStep()
    {
        var name = $"wh_scratch_hangfire_{Environment.ProcessId}";
        var scratch = Provider.Scratch(name);
        try
        {
            new Migrator(scratch).Migrate();
            Assert.Empty(await HangfireTablesAsync(scratch));

            JobsMigrator.For(scratch).Migrate();
            Assert.Superset(CoreTables.ToHashSet(), (await HangfireTablesAsync(scratch)).Select(t => t.ToLowerInvariant()).ToHashSet());
        }
        finally
        {
            await Provider.DropScratchAsync(name);
        }
    }

    [SkippableFact]
    public async Task HangfireStep_GrantsTheLoaderReadsAndWrites_OnEveryHangfireTable()
    {
        var tables = await HangfireTablesAsync(Provider.Engine);

        Assert.NotEmpty(tables);
        foreach (var table in tables)
            foreach (var permission in new[] { "SELECT", "INSERT", "UPDATE", "DELETE" })
                Assert.True(await Provider.RoleHasAsync("warehouse_loader", permission, HangfireStorage.Schema, table), $"{permission} on {table}");
    }

    [SkippableFact]
    public async Task HangfireStep_GrantsTheLoader_OnATableAddedSinceTheLastMigrate()
    {
        // What a Hangfire upgrade does: a new table in the schema, created by the owner.
        await Provider.ExecuteAsync($"CREATE TABLE {HangfireStorage.Schema}.later_probe (id int)");
        try
        {
            JobsMigrator.For(Provider.Engine).Migrate();

            Assert.True(await Provider.RoleHasAsync("warehouse_loader", "INSERT", HangfireStorage.Schema, "later_probe"));
        }
        finally
        {
            await Provider.ExecuteAsync($"DROP TABLE {HangfireStorage.Schema}.later_probe");
        }
    }

    [SkippableFact]
    public async Task Migrate_LeavesTheHangfireSchemaAndItsJobsAlone_WhenRunAgain()
    {
        var storage = HangfireStorage.Create(Provider.Engine);
        var client = new BackgroundJobClient(storage);
        // A queue no server works, so the job stays enqueued for the test to find.
        var id = client.Create(Job.FromExpression(() => HangfireProbe.Nothing()), new EnqueuedState("migrate-test-none"));
        var tablesBefore = await HangfireTablesAsync(Provider.Engine);

        var result = JobsMigrator.For(Provider.Engine).Migrate();

        Assert.Empty(result.AppliedScripts);
        Assert.Equal(tablesBefore, await HangfireTablesAsync(Provider.Engine));
        using (var connection = storage.GetConnection())
            Assert.Equal(EnqueuedState.StateName, connection.GetStateData(id)?.Name);
        client.Delete(id);
    }
}

public sealed class PostgresHangfireSchemaTests : HangfireSchemaTests<PostgresProvider>;

public sealed class SqlServerHangfireSchemaTests : HangfireSchemaTests<SqlServerProvider>;

public static class HangfireProbe
{
    public static readonly System.Collections.Concurrent.ConcurrentBag<string> Ran = [];

    public static void Nothing() { }

    public static void Record(string marker) => Ran.Add(marker);
}
