using Microsoft.Extensions.Configuration;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Samples;

namespace Warehouse.Tests.Publish;

/// <summary>Loads bundled samples, by their demo paths, through the real pipeline for the Power BI tests.</summary>
internal static class SampleLoads
{
    public static async Task LoadAsync(IWarehouseEngine engine, params string[] samplePaths)
    {
        var sources = SourceCatalog.Create(new ConfigurationBuilder().Build());
        foreach (var demo in DemoCatalog.Loads.Where(d => samplePaths.Contains(d.SamplePath)))
        {
            var outcome = await new IngestionPipeline(engine).LoadFileAsync(SourceCatalog.Find(sources, demo.Source)!,
                RepositoryPaths.Combine("samples", demo.SamplePath));
            Assert.True(outcome.Succeeded, $"{demo.SamplePath}: {outcome.Message}");
        }
    }
}
