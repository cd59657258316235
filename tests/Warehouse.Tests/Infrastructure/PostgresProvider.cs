using Npgsql;
using Warehouse.Database.Engines;
using Warehouse.Database.Local;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// PostgreSQL for the tests: one throwaway cluster per test run (started on first use, removed at exit),
/// or the server named by WAREHOUSE_TEST_POSTGRES, on which a fresh database is created for the run.
/// </summary>
public sealed class PostgresProvider : DatabaseProvider
{
    private static readonly Lazy<TestCluster> Cluster = new(TestCluster.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public override EngineKind Kind => EngineKind.PostgreSql;
    public override string? SkipReason => null;
    public override IWarehouseEngine Engine => Cluster.Value.Engine;

    public override Task<bool> RoleHasAsync(string role, string permission, string schema, string name) =>
        ScalarAsync<bool>("SELECT has_table_privilege(@role, @qualified, @permission)", new { role, qualified = $"\"{schema}\".\"{name}\"", permission });

    public override async Task DropScratchAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <summary>Called once when the database collection has finished: removes the run's cluster or database.</summary>
    public static void ShutdownIfStarted()
    {
        if (Cluster.IsValueCreated)
            Cluster.Value.Shutdown();
    }

    /// <summary>An admin connection string for the server (to create more databases, e.g. an operational one).</summary>
    public static string ServerConnectionString(string database) =>
        Cluster.Value.Engine.WithDatabase(database);

    private sealed class TestCluster
    {
        public required IWarehouseEngine Engine { get; init; }
        public Action Shutdown { get; init; } = () => { };

        public static TestCluster Start()
        {
            var existing = Environment.GetEnvironmentVariable("WAREHOUSE_TEST_POSTGRES");
            var database = $"warehouse_test_{Environment.ProcessId}";
            if (!string.IsNullOrWhiteSpace(existing))
            {
                var server = new PostgreSqlEngine(existing);
                return new TestCluster { Engine = new PostgreSqlEngine(server.WithDatabase(database)), Shutdown = () => DropDatabase(server, database) };
            }

            RemoveLeftoversOfEarlierRuns();
            // Keep the path short and under the system temp folder, which the postgres OS user can reach.
            var home = Path.Combine(Path.GetTempPath(), $"wh-test-{Environment.ProcessId}");
            Directory.CreateDirectory(home);
            var local = new LocalPostgres(home, options: new LocalPostgresOptions { Throwaway = true });
            var instance = local.Start();
            return new TestCluster
            {
                Engine = new PostgreSqlEngine(instance.ConnectionString(database)),
                Shutdown = () =>
                {
                    NpgsqlConnection.ClearAllPools();
                    local.Destroy();
                    Directory.Delete(home, recursive: true);
                },
            };
        }

        // A test host killed before its exit handler finished leaves its cluster behind: clear those of dead runs.
        private static void RemoveLeftoversOfEarlierRuns()
        {
            foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "wh-test-*"))
            {
                if (!int.TryParse(Path.GetFileName(folder)["wh-test-".Length..], out var pid) || ProcessIsAlive(pid))
                    continue;
                try
                {
                    new LocalPostgres(folder, options: new LocalPostgresOptions { Throwaway = true }).Destroy();
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception) { /* another run may be clearing it at the same moment */ }
            }
        }

        private static bool ProcessIsAlive(int pid)
        {
            try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
            catch (ArgumentException) { return false; }
        }

        private static void DropDatabase(IWarehouseEngine server, string database)
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                using var connection = new NpgsqlConnection(server.WithDatabase("postgres"));
                connection.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
            catch (NpgsqlException) { /* best effort at exit */ }
        }
    }
}
