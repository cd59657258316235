using Dapper;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Warehouse.Jobs.Hosting;
using Warehouse.Tests.Infrastructure;
using Xunit;

namespace Warehouse.Tests.Database;

/// <summary>Migrate installs Hangfire's schema (the jobs host no longer does), on every available engine.</summary>
public abstract class HangfireSchemaTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    // Tables both Hangfire.PostgreSql and Hangfire.SqlServer create (names differ only in case).
    private static readonly string[] CoreTables = ["counter", "hash", "job", "jobparameter", "jobqueue", "list", "schema", "server", "set", "state"];

    private async Task<List<string>> HangfireTablesAsync()
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<string>(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = @schema", new { schema = HangfireStorage.Schema }))
            .Select(t => t.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
    }

    [SkippableFact]
    public async Task Migrate_InstallsTheHangfireTables_InTheHangfireSchema()
    {
        new Migrator(Provider.Engine).Migrate();

        Assert.Superset(CoreTables.ToHashSet(), (await HangfireTablesAsync()).ToHashSet());
    }

    [SkippableFact]
    public async Task Migrate_LeavesTheHangfireSchemaAndItsJobsAlone_WhenRunAgain()
    {
        var storage = HangfireStorage.Create(Provider.Engine);
        var client = new BackgroundJobClient(storage);
        // A queue no server works, so the job stays enqueued for the test to find.
        var id = client.Create(Job.FromExpression(() => HangfireProbe.Nothing()), new EnqueuedState("migrate-test-none"));
        var tablesBefore = await HangfireTablesAsync();

        var result = new Migrator(Provider.Engine).Migrate();

        Assert.Empty(result.AppliedScripts);
        Assert.Equal(tablesBefore, await HangfireTablesAsync());
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
