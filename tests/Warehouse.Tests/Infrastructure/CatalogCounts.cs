using Microsoft.Extensions.Configuration;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// How many sources the catalogue holds, read from it, so a test of `status` or `run` does not change
/// each time a source is added. With no configuration the operational extracts are not configured.
/// </summary>
public static class CatalogCounts
{
    private static IReadOnlyList<ISource> All => SourceCatalog.Create(new ConfigurationBuilder().Build());

    /// <summary>Every source `status` lists, configured or not.</summary>
    public static int Listed => All.Count;

    /// <summary>The sources a `run` without extract connection strings runs.</summary>
    public static int RunWithoutExtracts => All.Count(s => s is not IOperationalExtract { IsConfigured: false });
}
