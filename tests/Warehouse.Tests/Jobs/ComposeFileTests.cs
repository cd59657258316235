using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Cli;
using Warehouse.Tests.Infrastructure;
using Xunit;

namespace Warehouse.Tests.Jobs;

/// <summary>docker-compose.yml configures the jobs host with the setting names the app really reads.</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryPaths.Combine("docker-compose.yml"));

    // The file is small and regular; read one service's `environment:` map by indentation.
    private static Dictionary<string, string> Environment(string service)
    {
        var result = new Dictionary<string, string>();
        var serviceIndent = -1;
        var envIndent = -1;
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
            if (envIndent < 0)
            {
                if (text == "environment:")
                    envIndent = indent;
                continue;
            }
            if (indent <= envIndent)
            {
                envIndent = -1;
                continue;
            }
            var match = Regex.Match(text, "^([A-Za-z0-9_]+):\\s*\"?(.*?)\"?$");
            if (match.Success)
                result[match.Groups[1].Value] = match.Groups[2].Value;
        }
        return result;
    }

    [Fact]
    public void JobsService_SetsOnlySettingsTheAppReads()
    {
        var environment = Environment("jobs");

        Assert.NotEmpty(environment);
        foreach (var key in environment.Keys)
            Assert.Contains(key.Replace("__", ":"), WarehouseConnection.DatabaseSettings);
    }

    [Fact]
    public void JobsService_ResolvesToSqlServer_WithAUsableConnectionString()
    {
        var settings = Environment("jobs").ToDictionary(
            kv => kv.Key.Replace("__", ":"),
            kv => (string?)kv.Value.Replace("${MSSQL_SA_PASSWORD}", "Example-Passw0rd"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal(EngineKind.SqlServer, WarehouseEngines.ParseKind(configuration[WarehouseConnection.EngineSetting]));
        var connection = new SqlConnectionStringBuilder(configuration.GetConnectionString(WarehouseConnection.ConnectionStringName));
        Assert.Equal("warehouse", connection.InitialCatalog);
        Assert.Equal("sqlserver,1433", connection.DataSource);
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
}
