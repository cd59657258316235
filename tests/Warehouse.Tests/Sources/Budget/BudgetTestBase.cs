using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Samples;
using Warehouse.Tests.Sources.Finance;

namespace Warehouse.Tests.Sources.Budget;

/// <summary>Loads the finance and budget samples in demo order and reads the published views back.</summary>
public abstract class BudgetTestBase<TProvider> : FinanceTestBase<TProvider> where TProvider : DatabaseProvider, new()
{
    protected static string BudgetSample(string name) => RepositoryPaths.Combine("samples", "budget", name);

    /// <summary>Every finance and budget load of the demo, in the demo's order.</summary>
    protected async Task LoadDemoSamplesAsync()
    {
        var sources = SourceCatalog.Create(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        foreach (var demo in DemoCatalog.Loads.Where(d => d.SamplePath.StartsWith("finance/") || d.SamplePath.StartsWith("budget/")))
        {
            var outcome = await LoadAsync(SourceCatalog.Find(sources, demo.Source)!, RepositoryPaths.Combine("samples", demo.SamplePath));
            Assert.True(outcome.Status == LoadStatus.Loaded, $"{demo.SamplePath}: {outcome.Message} {string.Join("; ", outcome.Errors.Take(5))}");
        }
    }

    protected async Task<LoadOutcome> LoadBudgetAsync(ISource source, string path)
    {
        var outcome = await LoadAsync(source, path);
        return outcome;
    }
}
