using Warehouse.Etl.Publish;
using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Publish;

/// <summary>The committed TMDL against a freshly migrated warehouse: generated from model.json and the live views.</summary>
public sealed class SemanticModelTests : DatabaseTest<PostgresProvider>
{
    private static readonly string ProjectFolder = RepositoryPaths.Combine("powerbi");

    private static ModelDescription Description() => new PowerBiProject(ProjectFolder).LoadDescription();

    private async Task<WarehouseCatalogue> CatalogueAsync()
    {
        await using var connection = await Provider.OpenAsync();
        return await WarehouseCatalogue.ReadAsync(connection);
    }

    [SkippableFact]
    public async Task Build_FindsNoProblems_AgainstMigratedWarehouse()
    {
        var model = SemanticModel.Build(Description(), await CatalogueAsync());

        Assert.Empty(model.Problems);
        Assert.Contains(model.Tables, t => t.IsDateTable && t.Columns.Single(c => c.IsKey).DataType == "dateTime");
        Assert.Equal(["Directorate", "Service Group", "Budget Line"],
            model.Table("Organisation")!.Hierarchies.Single().Levels.Select(l => l.Name));
        Assert.All(model.Tables, t => Assert.Equal("powerbi", t.Schema));
    }

    [SkippableFact]
    public async Task Generate_HasNoDiff_AgainstCommittedFiles()
    {
        var model = SemanticModel.Build(Description(), await CatalogueAsync());

        var differences = new PowerBiProject(ProjectFolder).Compare(model);

        Assert.True(differences.Count == 0,
            "Run `dotnet run --project jobs -- powerbi generate` and commit: " + string.Join("; ", differences));
    }

    [SkippableFact]
    public async Task Generate_IsDeterministic_AcrossRuns()
    {
        var catalogue = await CatalogueAsync();

        var first = TmdlWriter.Write(SemanticModel.Build(Description(), catalogue));
        var second = TmdlWriter.Write(SemanticModel.Build(Description(), catalogue));

        Assert.Equal(first, second);
        Assert.DoesNotContain(first.Values, content => content.Contains('\r'));
    }

    [SkippableFact]
    public async Task Compare_ReportsDiff_WhenCommittedFileIsEdited()
    {
        var copy = CopyProject();
        var table = Path.Combine(copy, TmdlWriter.SemanticModelFolder, "definition", "tables", "Organisation.tmdl");
        File.WriteAllText(table, File.ReadAllText(table).Replace("sourceColumn: directorate", "sourceColumn: directorate_name"));
        File.WriteAllText(Path.Combine(copy, TmdlWriter.SemanticModelFolder, "definition", "tables", "Stale.tmdl"), "table Stale\n");

        var differences = new PowerBiProject(copy).Compare(SemanticModel.Build(Description(), await CatalogueAsync()));

        Assert.Contains(differences, d => d.Contains("Organisation.tmdl") && d.Contains("directorate_name"));
        Assert.Contains(differences, d => d.Contains("Stale.tmdl"));
    }

    [SkippableFact]
    public async Task ReportVisuals_UseOnlyFieldsOfTheModel()
    {
        var model = SemanticModel.Build(Description(), await CatalogueAsync());

        Assert.Empty(new PowerBiProject(ProjectFolder).CheckReport(model));
        Assert.True(File.Exists(RepositoryPaths.Combine("powerbi", "Warehouse.pbip")));
    }

    [SkippableFact]
    public async Task ReportVisuals_FailCheck_WhenAMeasureIsRenamed()
    {
        var copy = CopyProject();
        var visual = Directory.EnumerateFiles(Path.Combine(copy, "Warehouse.Report"), "visual.json", SearchOption.AllDirectories)
            .First(f => File.ReadAllText(f).Contains("\"Forecast Variance\""));
        File.WriteAllText(visual, File.ReadAllText(visual).Replace("\"Forecast Variance\"", "\"Forecast Var\""));

        var problems = new PowerBiProject(copy).CheckReport(SemanticModel.Build(Description(), await CatalogueAsync()));

        Assert.Contains(problems, p => p.Contains("measure 'Revenue Monitoring'[Forecast Var]"));
    }

    [SkippableFact]
    public async Task Build_Fails_WhenViewLosesAColumnTheModelUses()
    {
        await using var connection = await Provider.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // DDL is transactional in PostgreSQL: the broken view never outlives this test.
        await connection.ExecuteAsync("""
            DROP VIEW powerbi.dim_organisation;
            CREATE VIEW powerbi.dim_organisation AS
            SELECT organisation_key, budget_line_code, budget_line, service_group, line_type,
                   dsg_funded, pooled_budget, sort_order, valid_from, valid_to, is_current
            FROM dw.dim_organisation;
            """, transaction: transaction);
        var catalogue = await WarehouseCatalogue.ReadAsync(connection, transaction);
        await transaction.RollbackAsync();

        var model = SemanticModel.Build(Description(), catalogue);

        Assert.Contains(model.Problems, p => p.Contains("column directorate does not exist in powerbi.dim_organisation"));
        Assert.Contains(model.Problems, p => p.Contains("hierarchy 'Organisation Hierarchy' level directorate"));
    }

    [SkippableFact]
    public async Task Build_Fails_WhenViewColumnChangesType()
    {
        await using var connection = await Provider.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            DROP VIEW powerbi.dim_date;
            CREATE VIEW powerbi.dim_date AS
            SELECT date_key, CAST(calendar_date AS varchar(10)) AS calendar_date, calendar_year, calendar_month, month_name, month_label,
                   day_of_month, fiscal_year, fiscal_year_start, fiscal_period, fiscal_quarter, is_month_end, period_key
            FROM dw.dim_date;
            """, transaction: transaction);
        var catalogue = await WarehouseCatalogue.ReadAsync(connection, transaction);
        await transaction.RollbackAsync();

        var model = SemanticModel.Build(Description(), catalogue);

        Assert.Contains(model.Problems, p => p.Contains("calendar_date") && p.Contains("expects dateTime"));
        Assert.Contains(model.Problems, p => p.Contains("date table"));
    }

    [SkippableFact]
    public async Task Build_Fails_WhenTableViewIsMissing_OrNotInPowerBiSchema()
    {
        var description = Description() with
        {
            Tables = [.. Description().Tables,
                new TableDescription { Name = "Forecast", View = "powerbi.no_such_view" },
                new TableDescription { Name = "Loads", View = "report.load_status" }],
        };

        var model = SemanticModel.Build(description, await CatalogueAsync());

        Assert.Contains(model.Problems, p => p.Contains("powerbi.no_such_view does not exist"));
        Assert.Contains(model.Problems, p => p.Contains("report.load_status' is not a powerbi view"));
    }

    [SkippableFact]
    public async Task Build_ChecksMeasureReferences_AndAggregatedTypes()
    {
        var organisation = Description().Tables.Single(t => t.Name == "Organisation");
        var broken = organisation with
        {
            Measures = [.. organisation.Measures,
                new MeasureDescription { Name = "Ghost", Expression = "SUM('Organisation'[Ghost Column])" },
                new MeasureDescription { Name = "Text Sum", Expression = "SUM('Organisation'[Directorate])" },
                new MeasureDescription { Name = "Uses Missing", Expression = "[No Such Measure] + [Budget Lines]" },
                new MeasureDescription { Name = "Quoted", Expression = "CALCULATE([Budget Lines], 'Organisation'[Directorate] = \"[not a ref]\")" }],
        };
        var description = Description() with { Tables = Description().Tables.Select(t => t.Name == "Organisation" ? broken : t).ToList() };

        var problems = SemanticModel.Build(description, await CatalogueAsync()).Problems;

        Assert.Contains(problems, p => p.StartsWith("Measure 'Ghost'") && p.Contains("[Ghost Column]"));
        Assert.Contains(problems, p => p.StartsWith("Measure 'Text Sum'") && p.Contains("string, not a number"));
        Assert.Contains(problems, p => p.StartsWith("Measure 'Uses Missing'") && p.Contains("[No Such Measure]"));
        Assert.DoesNotContain(problems, p => p.StartsWith("Measure 'Quoted'"));
        Assert.Equal(3, problems.Count);
    }

    [SkippableFact]
    public async Task Build_ChecksRelationshipKeys_ExistWithTheSameType()
    {
        // Without the model's relationships its roles would not reach the facts, which is another problem.
        var description = Description() with
        {
            Roles = [],
            Relationships =
            [
                new RelationshipDescription { From = "Date.period_key", To = "Period.period_key" },
                new RelationshipDescription { From = "Date.month_label", To = "Period.period_key" },
                new RelationshipDescription { From = "Date.no_key", To = "Period.period_key" },
            ],
        };

        var model = SemanticModel.Build(description, await CatalogueAsync());

        Assert.Equal(2, model.Problems.Count);
        Assert.Contains(model.Problems, p => p.Contains("Date.month_label") && p.Contains("key types differ"));
        Assert.Contains(model.Problems, p => p.Contains("column no_key does not exist"));
        var file = TmdlWriter.Write(model)[$"{TmdlWriter.SemanticModelFolder}/definition/relationships.tmdl"];
        Assert.Contains("\tfromColumn: Date.'Period Key'\n\ttoColumn: Period.'Period Key'\n", file);
    }

    [SkippableFact]
    public async Task PowerBiCheck_ExitsOk_AndGenerateWritesSameFiles()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        };
        var output = new StringWriter();
        var code = await WarehouseCli.RunAsync(["powerbi", "check", "--project", ProjectFolder], output, output, Path.GetTempPath(), settings);
        Assert.True(code == ExitCodes.Ok, output.ToString());

        var copy = CopyProject();
        Directory.Delete(Path.Combine(copy, TmdlWriter.SemanticModelFolder), recursive: true);
        code = await WarehouseCli.RunAsync(["powerbi", "generate", "--project", copy], output, output, Path.GetTempPath(), settings);
        Assert.Equal(ExitCodes.Ok, code);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ProjectFolder, TmdlWriter.SemanticModelFolder), "*", SearchOption.AllDirectories))
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(copy, Path.GetRelativePath(ProjectFolder, file))));
    }

    [SkippableFact]
    public void Tmdl_UsesTabIndentation_AndQuotesNamesWithSpaces()
    {
        Assert.Equal("Organisation", TmdlWriter.Name("Organisation"));
        Assert.Equal("'Budget Line'", TmdlWriter.Name("Budget Line"));
        Assert.Equal("'Director''s Line'", TmdlWriter.Name("Director's Line"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ProjectFolder, TmdlWriter.SemanticModelFolder), "*.tmdl", SearchOption.AllDirectories))
            Assert.All(File.ReadAllLines(file), line => Assert.False(line.StartsWith(' '), $"{Path.GetFileName(file)}: '{line}' is indented with spaces"));
    }

    private static string CopyProject()
    {
        var target = TestFolders.New("pbi");
        foreach (var file in Directory.EnumerateFiles(ProjectFolder, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(ProjectFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
