using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Publish;

namespace Warehouse.Tests.Publish;

/// <summary>The data dictionary of the view files: complete against the live views, in the database after a migrate,
/// rendered for SQL Server, and the committed docs/data-dictionary.md current.</summary>
public sealed class DataDictionaryTests : DatabaseTest<PostgresProvider>
{
    private static IReadOnlyList<ViewDoc> Dictionary => ViewDictionary.All(EngineKind.PostgreSql);

    private async Task<IReadOnlyList<(string View, string Column)>> ViewColumnsAsync()
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<(string, string)>("""
            SELECT c.table_schema || '.' || c.table_name, c.column_name
            FROM information_schema.columns AS c
            JOIN information_schema.views AS v ON v.table_schema = c.table_schema AND v.table_name = c.table_name
            WHERE c.table_schema IN ('dw', 'report', 'powerbi')
            """)).ToList();
    }

    [SkippableFact]
    public async Task EveryViewColumn_HasADescription_AndEveryDescribedColumnExists()
    {
        var live = await ViewColumnsAsync();

        var undescribed = live.Where(c => Dictionary.SingleOrDefault(d => d.View == c.View)?.Column(c.Column) is null)
            .Select(c => $"{c.View}.{c.Column}").ToList();
        var phantom = Dictionary.SelectMany(d => d.Columns.Select(c => (d.View, c.Name)))
            .Where(c => !live.Contains((c.View, c.Name))).Select(c => $"{c.View}.{c.Name}").ToList();

        Assert.True(live.Count > 500, $"only {live.Count} view columns: is the warehouse migrated?");
        Assert.True(undescribed.Count == 0, "Add a '-- column <name>: …' line to the view file for: " + string.Join(", ", undescribed));
        Assert.True(phantom.Count == 0, "Described columns the views do not have: " + string.Join(", ", phantom));
        Assert.All(Dictionary, d => Assert.Empty(d.Problems));
        Assert.All(Dictionary, d => Assert.False(string.IsNullOrWhiteSpace(d.Grain), d.View));
    }

    [SkippableFact]
    public async Task Migrate_WritesTheDescriptions_AsCommentsOnViewsAndColumns()
    {
        await using var connection = await Provider.OpenAsync();
        var comments = (await connection.QueryAsync<(string View, string? Column, string Text)>("""
            SELECT n.nspname || '.' || c.relname, a.attname, d.description
            FROM pg_description AS d
            JOIN pg_class AS c ON c.oid = d.objoid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
            WHERE c.relkind = 'v' AND n.nspname IN ('dw', 'report', 'powerbi')
            """)).ToList();

        var ledger = Dictionary.Single(d => d.View == "powerbi.fact_ledger");
        Assert.Contains(comments, c => c.View == "powerbi.fact_ledger" && c.Column is null && c.Text == ledger.Description);
        Assert.Contains(comments, c => c.View == "powerbi.fact_ledger" && c.Column == "budget" && c.Text.Contains("£ full precision"));
        Assert.Contains(comments, c => c.View == "report.fpr_service_lines" && c.Column is null && c.Text.Contains("Reproduces: F&PR Appendix 1."));
        Assert.Equal(Dictionary.Sum(d => d.Columns.Count), comments.Count(c => c.Column is not null));
    }

    [Fact]
    public void Render_ForSqlServer_AddsOrUpdatesAnMsDescriptionPerViewAndColumn()
    {
        var sql = ViewDictionary.Render(EngineKind.SqlServer, Dictionary);

        Assert.Equal(Dictionary.Count + Dictionary.Sum(d => d.Columns.Count), CountOf(sql, "EXEC sys.sp_addextendedproperty"));
        Assert.Contains("@level0name = N'report', @level1type = N'VIEW', @level1name = N'fpr_service_lines', @level2type = N'COLUMN', @level2name = N'budget_k'", sql);
        // Quotes in descriptions are doubled inside N'…'.
        Assert.Contains("(the paper''s ''actual spend'')", sql);
        Assert.DoesNotContain("COMMENT ON", sql);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public void Parse_ReadsTheBlock_WithWrappedLinesAndQuotedNames_AndReportsWhatIsMissing()
    {
        var doc = ViewDictionary.Parse("report.sample", """
            -- What the view is,
            -- over two lines.
            -- grain: one row per thing
            -- reproduces: "F&PR Appendix 9"
            -- column amount_k: the amount, £000
            --   rounded at presentation
            -- column "Odd_Name": quoted in the block
            CREATE VIEW report.sample AS SELECT 1 AS amount_k;
            -- column after_create: not part of the block
            """);
        var broken = ViewDictionary.Parse("report.broken", "-- column a: one\n-- column A: again\n-- column b:\nCREATE VIEW report.broken AS SELECT 1 AS a;");

        Assert.Equal("What the view is, over two lines.", doc.Summary);
        Assert.Equal("one row per thing", doc.Grain);
        Assert.Equal("F&PR Appendix 9", doc.Reproduces);
        Assert.Equal("the amount, £000 rounded at presentation", doc.Column("amount_k")!.Description);
        Assert.NotNull(doc.Column("odd_name"));
        Assert.Null(doc.Column("after_create"));
        Assert.Empty(doc.Problems);
        Assert.Equal("What the view is, over two lines. Grain: one row per thing. Reproduces: F&PR Appendix 9.", doc.Description);
        Assert.Contains(broken.Problems, p => p.Contains("no '-- grain:'"));
        Assert.Contains(broken.Problems, p => p.Contains("column A is described twice"));
        Assert.Contains(broken.Problems, p => p.Contains("column b has an empty description"));
    }

    [SkippableFact]
    public async Task DataDictionaryDoc_IsCurrent_AndTheModelCarriesTheColumnDescriptions()
    {
        await using var connection = await Provider.OpenAsync();
        var catalogue = await WarehouseCatalogue.ReadAsync(connection, schemas: SharedViews.Schemas);
        var project = new PowerBiProject(RepositoryPaths.Combine("powerbi"));
        var model = SemanticModel.Build(project.LoadDescription(), catalogue);

        var generated = DataDictionaryWriter.Write(Dictionary, catalogue);
        var committed = File.ReadAllText(RepositoryPaths.Combine("docs", "data-dictionary.md")).Replace("\r\n", "\n");

        Assert.True(generated == committed, "Run `dotnet run --project jobs -- powerbi generate` and commit docs/data-dictionary.md.");
        Assert.DoesNotContain("(no description)", generated);
        Assert.All(model.Tables.SelectMany(t => t.Columns), c => Assert.False(string.IsNullOrWhiteSpace(c.Description), c.SourceColumn));
        Assert.Contains("| `budget_k` | decimal |", generated);
    }

    [SkippableFact]
    public async Task Build_Fails_WhenAViewColumnHasNoDescription()
    {
        await using var connection = await Provider.OpenAsync();
        var catalogue = await WarehouseCatalogue.ReadAsync(connection);
        var withoutLedgerActual = Dictionary.Select(d => d.View != "powerbi.fact_ledger" ? d
            : d with { Columns = d.Columns.Where(c => c.Name != "actual").ToList() }).ToList();

        var model = SemanticModel.Build(new PowerBiProject(RepositoryPaths.Combine("powerbi")).LoadDescription(), catalogue, withoutLedgerActual);

        Assert.Contains(model.Problems, p => p.Contains("column actual of powerbi.fact_ledger has no '-- column actual:' line"));
    }
}
