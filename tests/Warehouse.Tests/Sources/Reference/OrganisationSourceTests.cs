using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Sources.Reference;

/// <summary>The organisation reference through the real pipeline: SCD2 across the 2017→2018 restructure, committees, lineage.</summary>
public abstract class OrganisationSourceTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    protected static readonly string Sample = RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv");

    protected Task<LoadOutcome> LoadAsync(string path) => new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), path);

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
