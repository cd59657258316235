using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Samples;

namespace Warehouse.Tests.BadInput;

/// <summary>
/// The bar of issue 20 on a generated corpus of bad and odd files over every file source: 0 crashes (no
/// exception escapes the pipeline), 0 faults of the data reported as infrastructure, 0 wrongly accepted, every
/// cell-level fault named at its row and column, and the warehouse unchanged by all of them. The good samples
/// are loaded first, so "unchanged" means their data survived every refused file.
/// </summary>
public abstract class BadInputCorpusTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    [SkippableFact]
    public async Task EveryBadFile_IsRejected_NamingItsPlace_AndChangesNothing()
    {
        var sources = SourceCatalog.Create(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        foreach (var demo in DemoCatalog.Loads)
        {
            var loaded = await new IngestionPipeline(Provider.Engine).LoadFileAsync(SourceCatalog.Find(sources, demo.Source)!,
                RepositoryPaths.Combine("samples", demo.SamplePath));
            Assert.True(loaded.Succeeded, loaded.Message);
        }
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var corpus = BadInputCorpus.Build(TestFolders.New("corpus")).ToList();
        var crashes = new List<string>();
        var accepted = new List<string>();
        var unplaced = new List<string>();
        var misnamed = new List<string>();

        foreach (var bad in corpus)
        {
            LoadOutcome outcome;
            try
            {
                outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(SourceCatalog.Find(sources, bad.Source)!, bad.Path);
            }
            catch (Exception ex)
            {
                crashes.Add($"{bad}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }
            if (outcome.Status is not (LoadStatus.Rejected or LoadStatus.PreviouslyRejected))
            {
                accepted.Add($"{bad}: {outcome.Status}: {outcome.Message}");
                continue;
            }
            if (outcome.Errors.Any(e => e.File != Path.GetFileName(bad.Path)) || outcome.Message.Contains("Parameter '", StringComparison.Ordinal))
                misnamed.Add($"{bad} ({bad.Path}): {outcome.Status} batch {outcome.BatchId}: {outcome.Message} [{string.Join("; ", outcome.Errors.Select(e => e.File))}]");
            if (bad.CellLevel && !outcome.Errors.Any(e => e.Row is not null && e.Column is not null))
                unplaced.Add($"{bad}: {outcome.Message}");
        }

        Assert.True(corpus.Count >= 150, $"the corpus has {corpus.Count} cases");
        Assert.True(crashes.Count == 0, "crashed or reported as infrastructure:\n" + string.Join("\n", crashes));
        Assert.True(accepted.Count == 0, "wrongly accepted:\n" + string.Join("\n", accepted));
        Assert.True(misnamed.Count == 0, "another file named, or a library's words:\n" + string.Join("\n", misnamed));
        Assert.True(unplaced.Count == 0, "cell-level faults not named at their cell:\n" + string.Join("\n", unplaced));
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }
}

public sealed class PostgresBadInputCorpusTests : BadInputCorpusTests<PostgresProvider>;
