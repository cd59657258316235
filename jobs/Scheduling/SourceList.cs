using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;

namespace Warehouse.Jobs.Scheduling;

/// <summary>
/// The sources the jobs run, in catalogue order (reference data before the figures that use it):
/// <see cref="Files"/> take files from their inbox folders; <see cref="Extracts"/> read operational
/// systems on every nightly run. Both come from <see cref="SourceCatalog"/>, never from this project.
/// </summary>
public sealed record SourceList(IReadOnlyList<ISource> Files, IReadOnlyList<ISource> Extracts)
{
    public static SourceList FromCatalog(IConfiguration configuration)
    {
        var all = SourceCatalog.Create(configuration);
        // An extract whose operational connection is not configured is left out rather than failing every night.
        return new(all.Where(s => s is not IOperationalExtract).ToList(),
            all.OfType<IOperationalExtract>().Where(e => e.IsConfigured).Cast<ISource>().ToList());
    }

    public IEnumerable<ISource> All => Files.Concat(Extracts);

    public ISource? Find(string name) => SourceCatalog.Find(All, name);

    public bool IsExtract(ISource source) => Extracts.Contains(source);
}

/// <summary>Something derived from loaded data that must be rebuilt after the nightly loads (a materialised table, a cache).</summary>
public interface IRefreshStep
{
    string Name { get; }
    Task<string> RunAsync(CancellationToken cancellationToken);
}
