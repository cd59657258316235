using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;
using Warehouse.Database.Engines;

namespace Warehouse.Tests.Database;

/// <summary>
/// <see cref="IWarehouseEngine.WithDatabase"/>, the one place a connection string is rewritten: only the database
/// changes, whichever key named it. Building the string needs no server, so both engines are checked here.
/// </summary>
public sealed class WithDatabaseTests
{
    [Theory]
    [InlineData("Server=tcp:db.example.org,1433;Database=warehouse;User Id=warehouse_jobs;Password=s3cret;TrustServerCertificate=True;Encrypt=True;Application Name=warehouse jobs;Connect Timeout=30")]
    [InlineData("Data Source=db;Initial Catalog=warehouse;Integrated Security=True;MultipleActiveResultSets=False")]
    [InlineData("Server=db;User Id=sa;Password=\"a;b=c\"")]
    public void WithDatabase_ChangesOnlyTheDatabase_OnSqlServer(string connectionString)
    {
        var moved = new SqlServerEngine(connectionString).WithDatabase("childrens_social_care_sample");

        Assert.Equal("childrens_social_care_sample", new SqlConnectionStringBuilder(moved).InitialCatalog);
        AssertSameExcept(new SqlConnectionStringBuilder(connectionString), new SqlConnectionStringBuilder(moved), "Initial Catalog");
    }

    [Theory]
    [InlineData("Host=db.example.org;Port=6432;Database=warehouse;Username=warehouse_jobs;Password=s3cret;SSL Mode=Require;Application Name=warehouse jobs;Timeout=30")]
    [InlineData("Server=db;User Id=postgres;Password=\"a;b=c\"")]
    public void WithDatabase_ChangesOnlyTheDatabase_OnPostgreSql(string connectionString)
    {
        var moved = new PostgreSqlEngine(connectionString).WithDatabase("childrens_social_care_sample");

        Assert.Equal("childrens_social_care_sample", new NpgsqlConnectionStringBuilder(moved).Database);
        AssertSameExcept(new NpgsqlConnectionStringBuilder(connectionString), new NpgsqlConnectionStringBuilder(moved), "Database");
    }

    [Theory]
    [InlineData("Host=db;Database=warehouse;Username=loader", "warehouse", true)]
    [InlineData("Host=db;Database=warehouse;Username=loader", "Warehouse", false)] // another database to PostgreSQL
    [InlineData("Host=db;Database=warehouse;Username=loader", "warehouse_bench", false)]
    [InlineData("Host=db;Username=loader", "loader", true)] // no database named: Npgsql reaches the login's namesake
    public void NamesOwnDatabase_ComparesExactly_OnPostgreSql(string connectionString, string database, bool own) =>
        Assert.Equal(own, new PostgreSqlEngine(connectionString).NamesOwnDatabase(database));

    [Theory]
    [InlineData("Server=db;Database=warehouse;Integrated Security=True", "WAREHOUSE", true)]
    [InlineData("Data Source=db;Initial Catalog=Warehouse;Integrated Security=True", "warehouse", true)]
    [InlineData("Server=db;Database=warehouse;Integrated Security=True", "warehouse_bench", false)]
    public void NamesOwnDatabase_IgnoresLetterCase_OnSqlServer(string connectionString, string database, bool own) =>
        Assert.Equal(own, new SqlServerEngine(connectionString).NamesOwnDatabase(database));

    [Fact]
    public void WithDatabase_KeepsTheLogin_WhenTheNameHoldsASeparator()
    {
        const string name = "odd;Password=other;User Id=other";

        var sqlServer = new SqlConnectionStringBuilder(new SqlServerEngine("Server=db;Database=w;User Id=loader;Password=p").WithDatabase(name));
        var postgres = new NpgsqlConnectionStringBuilder(new PostgreSqlEngine("Host=db;Database=w;Username=loader;Password=p").WithDatabase(name));

        Assert.Equal((name, "loader", "p"), (sqlServer.InitialCatalog, sqlServer.UserID, sqlServer.Password));
        Assert.Equal((name, "loader", "p"), (postgres.Database, postgres.Username, postgres.Password));
    }

    // Every setting of the original, credentials included, is in the result with the same value, and nothing is added.
    private static void AssertSameExcept(DbConnectionStringBuilder original, DbConnectionStringBuilder moved, string databaseKey)
    {
        var before = original.Keys.Cast<string>().Where(k => k != databaseKey).ToDictionary(k => k, k => original[k]?.ToString());
        var after = moved.Keys.Cast<string>().Where(k => k != databaseKey).ToDictionary(k => k, k => moved[k]?.ToString());
        Assert.Equal(before.OrderBy(p => p.Key), after.OrderBy(p => p.Key));
    }
}

/// <summary>The database <see cref="IWarehouseEngine.WithDatabase"/> names is really reached, on the same server as the same login.</summary>
public sealed class PostgresWithDatabaseTests : DatabaseTest<PostgresProvider>
{
    [SkippableFact]
    public async Task WithDatabase_ReachesTheNamedDatabase_OnTheSameServerAsTheSameLogin()
    {
        var name = $"wh_sibling_{Environment.ProcessId}";
        var sibling = WarehouseEngines.Create(Provider.Kind, Provider.Engine.WithDatabase(name));
        sibling.EnsureDatabaseExists();
        try
        {
            const string where = "SELECT current_database() AS Database, current_user AS Login, inet_server_port() AS Port";
            await using var warehouse = await Provider.OpenAsync();
            await using var other = sibling.CreateConnection();
            var here = await warehouse.QuerySingleAsync<(string Database, string Login, int Port)>(where);
            var there = await other.QuerySingleAsync<(string Database, string Login, int Port)>(where);

            Assert.Equal(name, there.Database);
            Assert.NotEqual(here.Database, there.Database);
            Assert.Equal((here.Login, here.Port), (there.Login, there.Port));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Provider.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }
}
