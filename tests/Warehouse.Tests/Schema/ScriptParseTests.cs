using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Schema;

public sealed class ScriptParseTests
{
    /// <summary>Every script the SQL Server migrator runs, by repository file.</summary>
    public static TheoryData<string> TSqlScripts()
    {
        var data = new TheoryData<string>();
        foreach (var script in EngineScripts.InOrder(EngineKind.SqlServer))
            data.Add(script.File);
        return data;
    }

    public static string TSqlOf(string file) => EngineScripts.InOrder(EngineKind.SqlServer).Single(s => s.File == file).Sql;

    [Theory]
    [MemberData(nameof(TSqlScripts))]
    public void TSqlScript_ParsesWithoutErrors(string file)
    {
        var errors = TSqlSchemaReader.Parse(TSqlOf(file), out _);

        Assert.True(errors.Count == 0,
            string.Join(Environment.NewLine, errors.Select(e => $"{file}({e.Line},{e.Column}): {e.Message}")));
    }

    // The SQL Server test provider's own SQL runs only where a server is configured: check it parses everywhere.
    [Theory]
    [InlineData(nameof(SqlServerProvider.DropDatabaseSql), SqlServerProvider.DropDatabaseSql)]
    [InlineData(nameof(SqlServerProvider.EarlierRunsSql), SqlServerProvider.EarlierRunsSql)]
    public void TSql_ParsesWithoutErrors_InTheSqlServerTestProvider(string name, string sql)
    {
        var errors = TSqlSchemaReader.Parse(sql, out _);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{name}({e.Line},{e.Column}): {e.Message}")));
    }

    [Fact]
    public void Parse_ReportsLineOfError_WhenScriptIsBroken()
    {
        var errors = TSqlSchemaReader.Parse("CREATE TABLE dw.x (a int NOT NULL);\nCREATE TABLE dw.y (b int NOT NULL", out _);

        Assert.NotEmpty(errors);
        Assert.Equal(2, errors[0].Line);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EngineFolders_HoldTheSameScriptNamesInTheSameOrder(bool reference)
    {
        var postgres = (reference ? Migrator.ReferenceScripts(EngineKind.PostgreSql) : Migrator.MigrationScripts(EngineKind.PostgreSql)).Select(s => s.Name).ToList();
        var sqlServer = (reference ? Migrator.ReferenceScripts(EngineKind.SqlServer) : Migrator.MigrationScripts(EngineKind.SqlServer)).Select(s => s.Name).ToList();

        Assert.NotEmpty(postgres);
        Assert.Equal(postgres, sqlServer);
    }
}
