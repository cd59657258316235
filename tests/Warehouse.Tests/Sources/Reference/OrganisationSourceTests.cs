using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Sources.Reference;

/// <summary>The organisation reference through the real pipeline: SCD2 across the 2017→2018 restructure, committees, lineage.</summary>
public abstract class OrganisationSourceTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    protected static readonly string Sample = RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv");

    protected Task<LoadOutcome> LoadAsync(string path) => new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), path);

    // The 2018/19 lines as dw holds them now: the optional attributes an absent column must not reset.
    private const string Lines2018 = """
        SELECT budget_line_code, service_group, dsg_funded, pooled_budget, sort_order FROM dw.dim_organisation
        WHERE valid_from = @from AND organisation_key > 0 ORDER BY budget_line_code
        """;

    // A csv line's fields as written (quotes kept), for names with a comma.
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == '"')
                quoted = !quoted;
            else if (i == line.Length || (line[i] == ',' && !quoted))
            {
                fields.Add(line[start..i]);
                start = i + 1;
            }
        }
        return fields;
    }

    /// <summary>The sample's 2018/19 rows without the given columns, and one new line (L0999) after them.</summary>
    private static string Without(params string[] dropped)
    {
        var lines = File.ReadAllLines(Sample);
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !dropped.Contains(header[i])).ToArray();
        string Cut(string line) => string.Join(",", keep.Select(i => Fields(line)[i]));
        var newLine = "2018/19,Education,,L0999,New Provision,expenditure,CYP,Y,LD,C10999,New Provision - Delivery,99";
        var path = Path.Combine(TestFolders.New("organisation"), "organisation-reference.csv");
        File.WriteAllLines(path, [Cut(lines[0]), .. lines.Skip(1).Where(l => l.StartsWith("2018/19,", StringComparison.Ordinal)).Select(Cut), Cut(newLine)]);
        return path;
    }

    [SkippableFact]
    public async Task Load_KeepsStoredOptionalAttributes_WhenTheFileOmitsTheirColumns()
    {
        Assert.Equal(LoadStatus.Loaded, (await LoadAsync(Sample)).Status);
        await using var connection = await Provider.OpenAsync();
        var from = new DateTime(2018, 4, 1);
        var before = (await connection.QueryAsync<(string code, string? group, bool dsg, string? pooled, int sort)>(Lines2018, new { from })).ToList();
        Assert.Equal(7, before.Count(l => l.dsg)); // the sample's DSG-funded 2018/19 lines (docs/formats/finance.md §2.2)
        Assert.Equal(6, before.Count(l => l.pooled == "LD"));

        var outcome = await LoadAsync(Without("service_group", "dsg_funded", "pooled_budget", "sort_order"));

        Assert.True(outcome.Status == LoadStatus.Loaded, $"{outcome.Message} {string.Join("; ", outcome.Errors)}");
        var after = (await connection.QueryAsync<(string code, string? group, bool dsg, string? pooled, int sort)>(Lines2018, new { from })).ToList();
        Assert.Equal(before, after.Where(l => l.code != "L0999").ToList()); // every line keeps its group, DSG flag, pool and order
        var added = Assert.Single(after, l => l.code == "L0999");
        Assert.Equal(((string?)null, false, (string?)null), (added.group, added.dsg, added.pooled)); // the documented defaults
        // Kept in place: no new version for an unchanged line.
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE budget_line_code = 'L0207' AND valid_from = @from", new { from }));
    }

    [SkippableFact]
    public async Task Load_OverwritesDsgFunded_WhenTheFileStatesTheColumn()
    {
        Assert.Equal(LoadStatus.Loaded, (await LoadAsync(Sample)).Status);

        // The same 2018/19 rows with every optional column, the new line among them: a stated N does reset.
        var path = Without();
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l => l.Replace(",expenditure,CYP,Y,", ",expenditure,CYP,N,", StringComparison.Ordinal)));
        var outcome = await LoadAsync(path);

        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE valid_from = @from AND dsg_funded = @yes",
            new { from = new DateTime(2018, 4, 1), yes = true }));
    }

    [SkippableFact]
    public async Task Load_KeepsHistory_WhenALineMovesDirectorate()
    {
        var outcome = await LoadAsync(Sample);

        Assert.Equal(LoadStatus.Loaded, outcome.Status);
        await using var connection = await Provider.OpenAsync();
        var versions = (await connection.QueryAsync<(string directorate, DateTime valid_from, DateTime valid_to, bool is_current)>(
            "SELECT directorate, valid_from, valid_to, is_current FROM dw.dim_organisation WHERE budget_line_code = 'L0207' ORDER BY valid_from")).ToList();
        Assert.Equal(
        [
            ("Children & Families", new DateTime(2017, 4, 1), new DateTime(2018, 3, 31), false),
            ("Commissioning", new DateTime(2018, 4, 1), new DateTime(9999, 12, 31), true),
        ], versions);
    }

    [SkippableFact]
    public async Task Load_EndsLines_ThatTheLatestStructureNoLongerLists()
    {
        await LoadAsync(Sample);

        await using var connection = await Provider.OpenAsync();
        var renamedAway = await connection.QuerySingleAsync<(DateTime valid_to, bool is_current)>(
            "SELECT valid_to, is_current FROM dw.dim_organisation WHERE budget_line_code = 'L1101'");
        Assert.Equal((new DateTime(2018, 3, 31), false), renamedAway);
        Assert.Equal(71, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE is_current = @yes AND organisation_key > 0", new { yes = true }));
    }

    [SkippableFact]
    public async Task Load_RecordsCommitteePerLineAndYear()
    {
        await LoadAsync(Sample);

        Assert.Equal("CYP", await Provider.ScalarAsync<string>(
            "SELECT committee_code FROM powerbi.committee_responsibility WHERE budget_line_code = 'L0207' AND fiscal_year_start = 2018"));
        Assert.Equal("Adults", await Provider.ScalarAsync<string>(
            "SELECT committee_code FROM powerbi.committee_responsibility WHERE budget_line_code = 'L0109' AND fiscal_year_start = 2018"));
    }

    [SkippableFact]
    public async Task Load_TagsEveryRowWithItsBatch_AndReconciles()
    {
        var outcome = await LoadAsync(Sample);

        Assert.Equal(0, await Provider.ScalarAsync<int>(
            "SELECT COUNT(*) FROM dw.dim_organisation WHERE organisation_key > 0 AND batch_id <> @batch", new { batch = outcome.BatchId }));
        Assert.Equal(3, await Provider.ScalarAsync<int>(
            "SELECT COUNT(*) FROM report.reconciliation WHERE batch_id = @batch AND result = 'match'", new { batch = outcome.BatchId }));
        Assert.Equal(242L, await Provider.ScalarAsync<long>("SELECT rows_loaded FROM etl.batch WHERE batch_id = @batch", new { batch = outcome.BatchId }));
    }

    [SkippableFact]
    public async Task Load_IsANoOp_WhenTheSameFileComesAgain()
    {
        var first = await LoadAsync(Sample);
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var second = await LoadAsync(Sample);

        Assert.Equal(LoadStatus.Duplicate, second.Status);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE source = 'organisation'"));
    }

    [SkippableFact]
    public async Task Load_OverwritesAVersion_WhenACorrectedFileRestatesTheSameYear()
    {
        await LoadAsync(Sample);
        var corrected = TempCopy(File.ReadAllText(Sample).Replace(
            "2018/19,Commissioning,Childrens Commissioning,L0207,Looked After Children Placements,",
            "2018/19,Commissioning,Childrens Commissioning,L0207,Looked After Children's Placements,"));

        var outcome = await LoadAsync(corrected);

        Assert.Equal(LoadStatus.Loaded, outcome.Status);
        Assert.Equal("Looked After Children's Placements", await Provider.ScalarAsync<string>(
            "SELECT budget_line FROM dw.dim_organisation WHERE budget_line_code = 'L0207' AND is_current = @yes", new { yes = true }));
        Assert.Equal(2, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE budget_line_code = 'L0207'"));
    }

    [SkippableFact]
    public async Task Load_RejectsWithPlaces_AndChangesNothing_WhenCellsAreInvalid()
    {
        await LoadAsync(Sample);
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var lines = File.ReadAllLines(Sample).ToList();
        var cyp = lines.FindIndex(l => l.Contains(",CYP,"));
        lines[cyp] = lines[cyp].Replace(",CYP,", ",Cabinet,");
        lines[9] = lines[9].Replace("2017/18,", "2017/19,");
        var broken = TempCopy(string.Join('\n', lines));

        var outcome = await LoadAsync(broken);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Row == cyp + 1 && e.Column == "committee" && e.Value == "Cabinet");
        Assert.Contains(outcome.Errors, e => e.Row == 10 && e.Column == "effective_from" && e.Reason.Contains("financial year"));
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal(2, await Provider.ScalarAsync<int>(
            "SELECT COUNT(*) FROM report.rejections WHERE batch_id = @batch", new { batch = outcome.BatchId }));
        Assert.Equal(BatchState.Rejected, BatchStates.Parse(await Provider.ScalarAsync<string>("SELECT state FROM etl.batch WHERE batch_id = @batch", new { batch = outcome.BatchId })));
    }

    [SkippableFact]
    public async Task Load_AnswersFromTheRegistry_WhenRejectedBytesComeAgain()
    {
        var broken = TempCopy(File.ReadAllText(Sample).Replace(",CYP,", ",Cabinet,"));
        var first = await LoadAsync(broken);

        var second = await LoadAsync(broken);

        Assert.Equal(LoadStatus.PreviouslyRejected, second.Status);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.NotEmpty(second.Errors);
    }

    [SkippableFact]
    public async Task Load_RejectsDuplicateCostCentreInOneYear()
    {
        var lines = File.ReadAllLines(Sample).ToList();
        lines.Add(lines[1]);
        var broken = TempCopy(string.Join('\n', lines));

        var outcome = await LoadAsync(broken);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Row == lines.Count && e.Reason.Contains("more than once"));
    }

    [SkippableFact]
    public async Task LineMapping_NeedsTheOrganisationFirst()
    {
        var mapping = RepositoryPaths.Combine("samples", "finance", "line-mapping.csv");
        var pipeline = new IngestionPipeline(Provider.Engine);

        var early = await pipeline.LoadFileAsync(new LineMappingSource(), mapping);
        await LoadAsync(Sample);
        var retried = await pipeline.LoadFileAsync(new LineMappingSource(), TempCopy(File.ReadAllText(mapping) + "\n"));

        Assert.Equal(LoadStatus.Rejected, early.Status);
        Assert.Contains("load that first", early.Errors[0].Reason);
        Assert.Equal(LoadStatus.Loaded, retried.Status);
        Assert.Equal(62, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.budget_line_mapping"));
    }

    private static string TempCopy(string content)
    {
        var path = Path.Combine(TestFolders.New("org"), "organisation.csv");
        File.WriteAllText(path, content);
        return path;
    }
}

public sealed class PostgresOrganisationSourceTests : OrganisationSourceTests<PostgresProvider>;

public sealed class SqlServerOrganisationSourceTests : OrganisationSourceTests<SqlServerProvider>;
