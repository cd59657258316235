using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Cli;
using Warehouse.Tests.Schema;

namespace Warehouse.Tests.Jobs;

/// <summary>
/// docker-compose.yml configures the jobs host with the setting names the app really reads, migrates as the owner
/// first and runs the jobs host under its own login.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryPaths.Combine("docker-compose.yml"));
    private const string LoginScript = "database/sqlserver/create-jobs-login.sql";

    // The file is small and regular; read one block of a service (`environment:`, `depends_on:`) by indentation.
    private static List<(int Indent, string Text)> Block(string service, string key)
    {
        var result = new List<(int, string)>();
        var serviceIndent = -1;
        var keyIndent = -1;
        foreach (var line in Lines)
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            var indent = line.Length - line.TrimStart().Length;
            var text = line.Trim();
            if (serviceIndent < 0)
            {
                if (text == service + ":")
                    serviceIndent = indent;
                continue;
            }
            if (indent <= serviceIndent)
                break;
            if (keyIndent < 0)
            {
                if (text == key + ":")
                    keyIndent = indent;
                continue;
            }
            if (indent <= keyIndent)
            {
                keyIndent = -1;
                continue;
            }
            result.Add((indent, text));
        }
        return result;
    }

    private static Dictionary<string, string> Environment(string service)
    {
        var result = new Dictionary<string, string>();
        foreach (var (_, text) in Block(service, "environment"))
        {
            var match = Regex.Match(text, "^([A-Za-z0-9_]+):\\s*\"?(.*?)\"?$");
            if (match.Success)
                result[match.Groups[1].Value] = match.Groups[2].Value;
        }
        return result;
    }

    // depends_on as service -> condition.
    private static Dictionary<string, string> DependsOn(string service)
    {
        var block = Block(service, "depends_on");
        var result = new Dictionary<string, string>();
        for (var i = 0; i < block.Count; i++)
            if (block[i].Text.EndsWith(':') && i + 1 < block.Count && block[i + 1].Text.StartsWith("condition:"))
                result[block[i].Text.TrimEnd(':')] = block[i + 1].Text["condition:".Length..].Trim();
        return result;
    }

    private static string ServiceLine(string service, string key) =>
        Lines.SkipWhile(l => l.Trim() != service + ":").Skip(1).TakeWhile(l => l.Length == 0 || l.StartsWith("    ") || l.TrimStart().StartsWith('#'))
            .Single(l => l.Trim().StartsWith(key + ":")).Trim();

    private static SqlConnectionStringBuilder ConnectionString(string service)
    {
        var settings = Environment(service).ToDictionary(
            kv => kv.Key.Replace("__", ":"),
            kv => (string?)Regex.Replace(kv.Value, "\\$\\{[A-Z_]+\\}", "Example-Passw0rd"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Assert.Equal(EngineKind.SqlServer, WarehouseEngines.ParseKind(configuration[WarehouseConnection.EngineSetting]));
        return new SqlConnectionStringBuilder(configuration.GetConnectionString(WarehouseConnection.ConnectionStringName));
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("migrate")]
    public void Service_SetsOnlySettingsTheAppReads_WhenItRunsTheApp(string service)
    {
        var environment = Environment(service);

        Assert.NotEmpty(environment);
        string[] dashboard = ["Warehouse:Dashboard:Username", "Warehouse:Dashboard:Password"];
        foreach (var key in environment.Keys)
            Assert.Contains(key.Replace("__", ":"), WarehouseConnection.DatabaseSettings.Concat(dashboard));
    }

    [Fact]
    public void AppServices_RunThePublishedBuild_NotTheSdk()
    {
        var dockerfile = File.ReadAllText(RepositoryPaths.Combine("jobs", "Dockerfile"));

        Assert.Equal("image: warehouse:local", ServiceLine("migrate", "image"));
        Assert.Equal("image: warehouse:local", ServiceLine("jobs", "image"));
        Assert.Equal("dockerfile: jobs/Dockerfile", Block("migrate", "build").Single(l => l.Text.StartsWith("dockerfile:")).Text);
        Assert.DoesNotContain("dotnet", string.Join('\n', Lines.Where(l => l.Trim().StartsWith("command:"))));
        Assert.Contains("RUN dotnet publish jobs -c Release -r linux-x64 --self-contained -o /app", dockerfile);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0", dockerfile);
        Assert.Contains("USER $APP_UID", dockerfile);
        Assert.Contains("ENTRYPOINT [\"warehouse\"]", dockerfile);
        // The jobs host is reached from outside its container: not local, so the dashboard has credentials.
        Assert.Contains("${WAREHOUSE_DASHBOARD_PASSWORD", Environment("jobs")["Warehouse__Dashboard__Password"]);
        Assert.Contains("WAREHOUSE_DASHBOARD_PASSWORD=", File.ReadAllText(RepositoryPaths.Combine(".env.example")));
    }

    [Fact]
    public void JobsService_ResolvesToSqlServer_WithAUsableConnectionString()
    {
        var connection = ConnectionString("jobs");

        Assert.Equal("warehouse", connection.InitialCatalog);
        Assert.Equal("sqlserver,1433", connection.DataSource);
    }

    [Fact]
    public void JobsService_ConnectsAsWarehouseJobs_NotAsSa()
    {
        var connection = ConnectionString("jobs");

        Assert.Equal("warehouse_jobs", connection.UserID);
        Assert.Contains("Password=${WAREHOUSE_JOBS_PASSWORD}", Environment("jobs")["ConnectionStrings__Warehouse"]);
        Assert.DoesNotContain("MSSQL_SA_PASSWORD", string.Join('\n', Block("jobs", "environment").Select(l => l.Text)));
        Assert.Contains("WAREHOUSE_JOBS_PASSWORD=", File.ReadAllText(RepositoryPaths.Combine(".env.example")));
    }

    [Fact]
    public void MigrateService_MigratesAsTheOwner_BeforeTheLoginAndTheJobsHost()
    {
        var migrate = ConnectionString("migrate");

        Assert.Equal("sa", migrate.UserID);
        Assert.Equal("warehouse", migrate.InitialCatalog);
        Assert.Equal("command: [\"migrate\"]", ServiceLine("migrate", "command"));
        Assert.Equal("service_healthy", DependsOn("migrate")["sqlserver"]);
        Assert.Equal("service_completed_successfully", DependsOn("jobs-login")["migrate"]);
        Assert.Equal("service_completed_successfully", DependsOn("jobs")["migrate"]);
        Assert.Equal("service_completed_successfully", DependsOn("jobs")["jobs-login"]);
    }

    [Fact]
    public void JobsLoginService_RunsAScript_ThatPutsWarehouseJobsInTheLoaderRole()
    {
        var command = ServiceLine("jobs-login", "command");
        var mount = Block("jobs-login", "volumes").Single().Text;
        Assert.Contains("\"-i\", \"/scripts/create-jobs-login.sql\"", command);
        Assert.Contains("\"-b\"", command); // a failed statement fails the service, so the jobs host does not start
        Assert.Equal("- ./database/sqlserver:/scripts:ro", mount);
        Assert.Equal("${MSSQL_SA_PASSWORD}", Environment("jobs-login")["SQLCMDPASSWORD"]);
        Assert.Contains("${WAREHOUSE_JOBS_PASSWORD", Environment("jobs-login")["WAREHOUSE_JOBS_PASSWORD"]);

        // sqlcmd fills the variable from the service's environment; what the server then parses must be valid T-SQL.
        var sql = File.ReadAllText(RepositoryPaths.Combine(LoginScript)).Replace("$(WAREHOUSE_JOBS_PASSWORD)", "Example-Passw0rd");
        var errors = TSqlSchemaReader.Parse(sql, out var fragment);
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"{LoginScript}({e.Line},{e.Column}): {e.Message}")));
        Assert.DoesNotContain("$(", sql);
        var members = new RoleMembers();
        fragment.Accept(members);
        Assert.Contains(("warehouse_loader", "warehouse_jobs"), members.Added);
        Assert.Contains("warehouse_jobs", members.Logins);
    }

    [Fact]
    public void SqlServerService_HasHealthCheckVolumeAndPasswordFromEnvFile()
    {
        var text = string.Join('\n', Lines);
        var environment = Environment("sqlserver");

        Assert.Contains("healthcheck:", text);
        Assert.Contains("sqlserver-data:/var/opt/mssql", text);
        Assert.Contains("${MSSQL_SA_PASSWORD", environment["MSSQL_SA_PASSWORD"]);
        Assert.Contains("MSSQL_SA_PASSWORD=", File.ReadAllText(RepositoryPaths.Combine(".env.example")));
        Assert.Contains(".env", File.ReadAllLines(RepositoryPaths.Combine(".gitignore")));
    }

    private sealed class RoleMembers : TSqlFragmentVisitor
    {
        public List<(string Role, string Member)> Added { get; } = [];
        public List<string> Logins { get; } = [];

        public override void Visit(AlterRoleStatement node)
        {
            if (node.Action is AddMemberAlterRoleAction add)
                Added.Add((node.Name.Value, add.Member.Value));
        }

        public override void Visit(CreateLoginStatement node) => Logins.Add(node.Name.Value);
    }
}
