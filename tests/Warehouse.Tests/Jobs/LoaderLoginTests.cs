using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Npgsql;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Cli;
using Warehouse.Jobs.Hosting;
using Warehouse.Tests.Database;

namespace Warehouse.Tests.Jobs;

/// <summary>
/// The jobs host and the nightly run under a login that is only a member of warehouse_loader: no DDL, so
/// everything they need must have been installed and granted by migrate.
/// </summary>
public sealed class LoaderLoginTests : DatabaseTest<PostgresProvider>
{
    private readonly string _login = $"wh_test_loader_{Environment.ProcessId}";
    private readonly string _password = Guid.NewGuid().ToString("N");
    private readonly string _root = TestFolders.New("loader");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Roles are cluster-wide: a run killed before DisposeAsync may have left this one behind.
        await Provider.ExecuteAsync($"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{_login}') THEN
                    CREATE ROLE {_login} LOGIN PASSWORD '{_password}';
                ELSE
                    ALTER ROLE {_login} LOGIN PASSWORD '{_password}';
                END IF;
            END $$;
            GRANT warehouse_loader TO {_login};
            """);
        await JobsTestHost.ClearHangfireAsync(Provider.Engine);
    }

    private string LoaderConnectionString =>
        new NpgsqlConnectionStringBuilder(Provider.Engine.ConnectionString) { Username = _login, Password = _password }.ConnectionString;

    [SkippableFact]
    public async Task HangfireServer_RunsAJob_AsALoginWithoutDdlRights()
    {
        var loader = new PostgreSqlEngine(LoaderConnectionString);
        await using (var connection = loader.CreateConnection())
            // The login really cannot change the schema, so what follows runs on grants alone.
            await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync($"CREATE TABLE {HangfireStorage.Schema}.probe (id int)"));
        var storage = HangfireStorage.Create(loader);
        var marker = Guid.NewGuid().ToString("N");

        var id = new BackgroundJobClient(storage).Create(Job.FromExpression(() => HangfireProbe.Record(marker)), new EnqueuedState("loader-test"));
        using (new BackgroundJobServer(new BackgroundJobServerOptions { Queues = ["loader-test"], WorkerCount = 1 }, storage))
        {
            Assert.True(await Eventually.WaitAsync(() =>
            {
                using var connection = storage.GetConnection();
                return Task.FromResult(connection.GetStateData(id)?.Name == SucceededState.StateName);
            }), $"the job did not succeed under the loader login: {Describe(storage, id)}");
        }

        Assert.Contains(marker, HangfireProbe.Ran);
        Assert.Equal(1L, storage.GetMonitoringApi().SucceededListCount());
    }

    private static string Describe(JobStorage storage, string id)
    {
        var history = storage.GetMonitoringApi().JobDetails(id)?.History ?? [];
        return string.Join(" | ", history.Select(h => $"{h.StateName} {h.Reason} {string.Join("; ", h.Data.Select(d => $"{d.Key}={d.Value}"))}"));
    }

    [SkippableFact]
    public async Task Run_LoadsTheInbox_AsALoginWithoutDdlRights()
    {
        var inbox = Path.Combine(_root, "inbox", "organisation");
        Directory.CreateDirectory(inbox);
        File.Copy(Samples.Organisation, Path.Combine(inbox, "org.csv"));
        File.SetLastWriteTimeUtc(Path.Combine(inbox, "org.csv"), DateTime.UtcNow.AddMinutes(-1));
        var settings = new Dictionary<string, string?>(JobsTestHost.FastSettings(_root))
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = LoaderConnectionString,
        };
        var output = new StringWriter();

        var code = await WarehouseCli.RunAsync(["run", "--source", "organisation"], output, output, _root, settings);

        Assert.True(code == ExitCodes.Ok, output.ToString());
        Assert.Contains("organisation: 1 loaded", output.ToString());
        Assert.True(await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE batch_id > 0") > 0);
    }

    [SkippableFact]
    public async Task HangfireStorageCreate_CreatesNoSchema_OnAnUnmigratedDatabase()
    {
        var name = $"hangfire_bare_{Environment.ProcessId}";
        var bare = new PostgreSqlEngine(PostgresProvider.ServerConnectionString(name));
        bare.EnsureDatabaseExists();
        try
        {
            _ = HangfireStorage.Create(bare);

            await using var connection = bare.CreateConnection();
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = @schema", new { schema = HangfireStorage.Schema }));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Provider.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    public override async Task DisposeAsync()
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(LoaderConnectionString));
        try { await Provider.ExecuteAsync($"DROP ROLE IF EXISTS {_login}"); }
        catch (PostgresException) { /* still connected somewhere: the next run reuses it */ }
    }
}
