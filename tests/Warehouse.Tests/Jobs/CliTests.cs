using Npgsql;
using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Jobs;

public sealed class CliTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await WarehouseCli.RunAsync(args, output, error, Path.GetTempPath(), settings);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_ListsEveryVerb_AndExitsOk()
    {
        var (code, output, _) = await RunAsync(null, "--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var verb in WarehouseCli.Verbs)
            Assert.Contains(verb.Name, output);
    }

    [Fact]
    public async Task VerbHelp_ShowsUsage_ForEveryVerb()
    {
        foreach (var verb in WarehouseCli.Verbs)
        {
            var (code, output, _) = await RunAsync(null, verb.Name, "--help");

            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains(verb.Usage, output);
        }
    }

    [Fact]
    public async Task UnknownVerb_ExitsWithUsageCode()
    {
        var (code, _, error) = await RunAsync(null, "frobnicate");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("frobnicate", error);
    }

    [Fact]
    public async Task Migrate_ExitsWithInfrastructureCode_AndNoStackTrace_WhenDatabaseUnreachable()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=warehouse;Timeout=2",
        };

        var (code, _, error) = await RunAsync(settings, "migrate");

        Assert.Equal(ExitCodes.Infrastructure, code);
        Assert.Contains("could not be reached", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Migrate_ExitsWithInfrastructureCode_WhenEngineSettingIsWrong()
    {
        var (code, _, error) = await RunAsync(new Dictionary<string, string?> { ["Warehouse:Engine"] = "Oracle" }, "migrate");

        Assert.Equal(ExitCodes.Infrastructure, code);
        Assert.Contains("PostgreSql or SqlServer", error);
    }

    [Fact]
    public async Task Migrate_NeedsConnectionString_OnSqlServer()
    {
        var (code, _, error) = await RunAsync(new Dictionary<string, string?> { ["Warehouse:Engine"] = "SqlServer" }, "migrate");

        Assert.Equal(ExitCodes.Infrastructure, code);
        Assert.Contains("ConnectionStrings__Warehouse", error);
    }
}

/// <summary>The CLI against the real test server: migrate creates a database from nothing, then is a no-op.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CliMigrateTests
{
    [Fact]
    public async Task Migrate_CreatesAndMigratesDatabase_ThenReportsUpToDate()
    {
        var database = $"cli_migrate_{Environment.ProcessId}";
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = PostgresProvider.ServerConnectionString(database),
        };
        var first = new StringWriter();
        var second = new StringWriter();

        var firstCode = await WarehouseCli.RunAsync(["migrate"], first, first, Path.GetTempPath(), settings);
        var secondCode = await WarehouseCli.RunAsync(["migrate"], second, second, Path.GetTempPath(), settings);

        Assert.Equal(ExitCodes.Ok, firstCode);
        Assert.Contains($"Applied {Warehouse.Database.Migrations.Migrator.MigrationScripts(Warehouse.Database.Engines.EngineKind.PostgreSql).Count} migration script(s)", first.ToString());
        Assert.Equal(ExitCodes.Ok, secondCode);
        Assert.Contains("up to date", second.ToString());
        await using var connection = new NpgsqlConnection(settings["ConnectionStrings:Warehouse"]);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM dw.dim_period", connection);
        Assert.Equal(208L, await count.ExecuteScalarAsync());
    }
}
