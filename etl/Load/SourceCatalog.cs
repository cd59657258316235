using Microsoft.Extensions.Configuration;
using Warehouse.Etl.Load.Finance;
using Warehouse.Etl.Load.Reference;

namespace Warehouse.Etl.Load;

/// <summary>A sample file the demo loads, relative to the repository's samples/ folder, in load order.</summary>
public sealed record DemoLoad(string Source, string SamplePath);

/// <summary>
/// Every source the warehouse knows, by name. The CLI (`load &lt;source&gt;`), the inbox folders and the
/// nightly job all come from this list, so a new source is wired in by adding it here.
/// </summary>
public static class SourceCatalog
{
    public static IReadOnlyList<ISource> Create(IConfiguration configuration) =>
    [
        new OrganisationSource(),
        new LineMappingSource(),
        new GeneralLedgerSource(),
        new ForecastSource(),
    ];

    /// <summary>What `demo` loads, in order (reference data before the figures that use it).</summary>
    public static readonly IReadOnlyList<DemoLoad> DemoLoads =
    [
        new("organisation", "finance/organisation-reference.csv"),
        new("line-mapping", "finance/line-mapping.csv"),
        new("finance-gl", "finance/gl-2017-05.csv"),
        new("finance-forecast", "finance/forecast-2017-05.xlsx"),
        new("finance-gl", "finance/gl-2018-05.csv"),
        new("finance-forecast", "finance/forecast-2018-05.xlsx"),
        new("finance-forecast", "finance/forecast-2019-02.xlsx"),
        new("finance-gl", "finance/gl-2019-13.csv"),
        new("finance-forecast", "finance/forecast-2019-13.xlsx"),
    ];

    public static ISource? Find(IEnumerable<ISource> sources, string name) =>
        sources.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
