using Warehouse.Database.Engines;

namespace Warehouse.Tests.Schema;

/// <summary>
/// The T-SQL scripts (read by ScriptDom, every script the SQL Server migrator runs, in its order, shared views
/// included) and the migrated PostgreSQL catalogue declare the same model: tables, columns with the documented
/// type map, views with their columns, indexes.
/// </summary>
public sealed class SchemaParityTests : DatabaseTest<PostgresProvider>
{
    private static SchemaModel DeclaredByTSql(string? extraScript = null, Func<string, string, string?>? edit = null)
    {
        // edit: (repository file, text) → the text to use, or null to leave the script out.
        var scripts = EngineScripts.InOrder(EngineKind.SqlServer)
            .Select(s => (s.File, Sql: edit is null ? s.Sql : edit(s.File, s.Sql)))
            .Where(s => s.Sql is not null)
            .Select(s => (s.File, s.Sql!))
            .ToList();
        if (extraScript is not null)
            scripts.Add(("9999_extra.sql", extraScript));
        var model = TSqlSchemaReader.Read(scripts);
        // Only the warehouse schemas take part; DbUp's journal lives elsewhere on each engine.
        foreach (var name in model.Tables.Keys.Where(n => !PostgresSchemaReader.WarehouseSchemas.Contains(n.Split('.')[0])).ToList())
            model.Tables.Remove(name);
        return model;
    }

    [SkippableFact]
    public async Task TSqlScripts_DeclareTheSameTablesColumnsAndViews_AsMigratedPostgres()
    {
        await using var connection = await Provider.OpenAsync();
        var postgres = await PostgresSchemaReader.ReadAsync(connection);
        var sqlServer = DeclaredByTSql();

        Assert.NotEmpty(sqlServer.Tables);
        Assert.NotEmpty(sqlServer.Views);
        Assert.Empty(SchemaModel.Differences(sqlServer, postgres));
    }

    [SkippableFact]
    public async Task Parity_Fails_WhenOneEngineGainsAColumn()
    {
        await using var connection = await Provider.OpenAsync();
        var postgres = await PostgresSchemaReader.ReadAsync(connection);
        var sqlServer = DeclaredByTSql("ALTER TABLE etl.batch ADD operator_note nvarchar(100) NULL;");

        var difference = Assert.Single(SchemaModel.Differences(sqlServer, postgres));
        Assert.Contains("etl.batch.operator_note", difference);
    }

    [SkippableFact]
    public async Task TSqlScripts_DeclareTheRegistrationIndexes_AsMigratedPostgres()
    {
        await using var connection = await Provider.OpenAsync();
        var postgres = await PostgresSchemaReader.ReadAsync(connection);
        var sqlServer = DeclaredByTSql();

        Assert.Equal("file_id, batch_id", sqlServer.Indexes["etl.batch.ix_batch_file"]);
        Assert.Equal("source, state, batch_id", sqlServer.Indexes["etl.batch.ix_batch_source_state"]);
        Assert.Equal(sqlServer.Indexes, postgres.Indexes);
    }

    [SkippableFact]
    public async Task Parity_Fails_WhenOneEngineLacksAnIndex()
    {
        await using var connection = await Provider.OpenAsync();
        var postgres = await PostgresSchemaReader.ReadAsync(connection);
        var sqlServer = DeclaredByTSql("DROP INDEX ix_batch_file ON etl.batch;");

        var difference = Assert.Single(SchemaModel.Differences(sqlServer, postgres));
        Assert.Contains("etl.batch.ix_batch_file", difference);
    }

    [SkippableFact]
    public async Task Parity_Fails_WhenTypesOrNullabilityDiffer()
    {
        await using var connection = await Provider.OpenAsync();
        var postgres = await PostgresSchemaReader.ReadAsync(connection);
        var sqlServer = DeclaredByTSql();
        sqlServer.Tables["etl.control_total"]["source_value"] = new ColumnShape("decimal(18,2)", true);

        var difference = Assert.Single(SchemaModel.Differences(sqlServer, postgres));
        Assert.Contains("etl.control_total.source_value", difference);
        Assert.Contains("decimal(19,2) NOT NULL", difference);
    }

    [SkippableFact]
    public async Task Parity_Fails_WhenOneEngineLacksAView()
    {
        await using var connection = await Provider.OpenAsync();
        var postgres = await PostgresSchemaReader.ReadAsync(connection);
        var sqlServer = DeclaredByTSql(edit: (file, sql) => file.EndsWith("/report.portfolio_rag_counts.sql", StringComparison.Ordinal) ? null : sql);

        var difference = Assert.Single(SchemaModel.Differences(sqlServer, postgres));
        Assert.Equal("view report.portfolio_rag_counts exists in PostgreSQL only", difference);
    }

    [SkippableFact]
    public async Task Parity_Fails_WhenAViewOfOneEngineLacksAColumn()
    {
        await using var connection = await Provider.OpenAsync();
        var postgres = await PostgresSchemaReader.ReadAsync(connection);
        var sqlServer = DeclaredByTSql(edit: (file, sql) =>
            file.EndsWith("/powerbi.indicator_lineage.sql", StringComparison.Ordinal) ? sql.Replace(", generation\n", "\n") : sql);

        var difference = Assert.Single(SchemaModel.Differences(sqlServer, postgres));
        Assert.Contains("view powerbi.indicator_lineage", difference);
        Assert.Contains("generation", difference);
    }
}
