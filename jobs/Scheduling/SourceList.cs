using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;

namespace Warehouse.Jobs.Scheduling;

/// <summary>
/// The sources the jobs run, in catalogue order (reference data before the figures that use it):
/// <see cref="Files"/> take files from their inbox folders; <see cref="Extracts"/> read operational
/// systems on every nightly run. Both come from <see cref="SourceCatalog"/>, never from this project.
/// </summary>
/// <param name="NotConfigured">Extracts whose operational connection is not set: listed by `status`, never run.</param>
public sealed record SourceList(IReadOnlyList<ISource> Files, IReadOnlyList<ISource> Extracts, IReadOnlyList<ISource> NotConfigured)
{
    public SourceList(IReadOnlyList<ISource> files, IReadOnlyList<ISource> extracts) : this(files, extracts, []) { }

    public static SourceList FromCatalog(IConfiguration configuration)
    {
        var all = SourceCatalog.Create(configuration);
        // An extract whose operational connection is not configured is not run rather than failing every night;
        // it is still listed (as not configured), so nobody takes its absence for a quiet night.
        return new(all.Where(s => s is not IOperationalExtract).ToList(),
            all.OfType<IOperationalExtract>().Where(e => e.IsConfigured).Cast<ISource>().ToList(),
            all.OfType<IOperationalExtract>().Where(e => !e.IsConfigured).Cast<ISource>().ToList());
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
