using Microsoft.Data.SqlClient;
using Warehouse.Database.Engines;
using Warehouse.Etl.Publish;

namespace Warehouse.Tests.Database;

/// <summary>Which SQL Server collations the warehouse accepts: case-insensitive and accent-sensitive, as the loaders compare codes.</summary>
public sealed class SqlServerCollationNameTests
{
    [Theory]
    [InlineData("Latin1_General_100_CI_AS_SC", true)]
    [InlineData("SQL_Latin1_General_CP1_CI_AS", true)]
    [InlineData("Latin1_General_CI_AS", true)]
    [InlineData("Latin1_General_100_CI_AS_SC_UTF8", true)]
    [InlineData("Latin1_General_CI_AS_KS_WS", true)]
    [InlineData("Latin1_General_100_CS_AS", false)]
    [InlineData("Latin1_General_CI_AI", false)]
    [InlineData("Latin1_General_100_BIN2", false)]
    public void IsCaseInsensitiveAccentSensitive_AcceptsOnlyCiAsCollations(string collation, bool accepted) =>
        Assert.Equal(accepted, SqlServerEngine.IsCaseInsensitiveAccentSensitive(collation));
}

/// <summary>The collation of the databases the warehouse creates or is given (needs WAREHOUSE_TEST_SQLSERVER).</summary>
public sealed class SqlServerCollationTests : DatabaseTest<SqlServerProvider>
{
    [SkippableFact]
    public async Task Migrate_CreatesTheDatabaseWithTheWarehouseCollation()
    {
        Assert.Equal(SqlServerEngine.Collation, await Provider.ScalarAsync<string>("SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS nvarchar(128))"));
    }

    [SkippableFact]
    public async Task EnsureDatabaseExists_RefusesADatabaseWithACaseSensitiveCollation_AndTheCatalogueStillReadsIt()
    {
        var name = $"warehouse_cs_{Environment.ProcessId}";
        var master = new SqlConnectionStringBuilder(Provider.Engine.WithDatabase("master")) { Pooling = false }.ConnectionString;
        var target = new SqlConnectionStringBuilder(Provider.Engine.WithDatabase(name)) { Pooling = false }.ConnectionString;
        await using (var admin = new SqlConnection(master))
            await admin.ExecuteAsync($"CREATE DATABASE [{name}] COLLATE Latin1_General_100_CS_AS");
        try
        {
            var refused = Assert.Throws<WarehouseConfigurationException>(() => new SqlServerEngine(target).EnsureDatabaseExists());
            Assert.Contains("Latin1_General_100_CS_AS", refused.Message);
            Assert.Contains(SqlServerEngine.Collation, refused.Message);

            // The Power BI catalogue query names the catalogue as SQL Server spells it, so it resolves here too.
            await using var connection = new SqlConnection(target);
            await connection.ExecuteAsync("CREATE SCHEMA report");
            await connection.ExecuteAsync("CREATE VIEW report.probe AS SELECT 1 AS one");
            var catalogue = await WarehouseCatalogue.ReadAsync(connection);
            Assert.True(catalogue.Has("report.probe"));
        }
        finally
        {
            SqlConnection.ClearAllPools();
            await using var admin = new SqlConnection(master);
            await admin.ExecuteAsync($"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
        }
    }
}
