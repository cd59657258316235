using Microsoft.Extensions.Configuration;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Samples;

namespace Warehouse.Tests.Sources.Activity;

/// <summary>The activity sources are registered, and `demo` loads their samples in a working order.</summary>
public abstract class ActivityDemoLoadTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly string[] ActivitySources = ["activity-service-types", "adult-services-return", "sen-placements-return"];

    [SkippableFact]
    public async Task DemoLoads_LoadEveryActivitySample_ThroughTheCatalogue()
    {
        var sources = SourceCatalog.Create(new ConfigurationBuilder().Build());
        var loads = DemoCatalog.Loads.Where(d => ActivitySources.Contains(d.Source)).ToList();

        foreach (var demo in loads)
        {
            var source = SourceCatalog.Find(sources, demo.Source);
            Assert.NotNull(source);
            var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(source, RepositoryPaths.Combine("samples", demo.SamplePath));
            Assert.True(outcome.Status == LoadStatus.Loaded, $"{demo.SamplePath}: {outcome.Message}");
        }

        Assert.Equal(5, loads.Count);
        Assert.Equal(44 + 47, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_adult_activity"));
        Assert.Equal(13 + 14, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_sen_placement"));
    }
}

public sealed class PostgresActivityDemoLoadTests : ActivityDemoLoadTests<PostgresProvider>;

public sealed class SqlServerActivityDemoLoadTests : ActivityDemoLoadTests<SqlServerProvider>;
