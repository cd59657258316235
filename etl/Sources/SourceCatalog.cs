using Microsoft.Extensions.Configuration;
using Warehouse.Etl.Sources.Activity;
using Warehouse.Etl.Sources.Budget;
using Warehouse.Etl.Sources.Capital;
using Warehouse.Etl.Sources.Finance;
using Warehouse.Etl.Sources.Payments;
using Warehouse.Etl.Sources.Indicators;
using Warehouse.Etl.Sources.Integrated;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Etl.Sources.Savings;

namespace Warehouse.Etl.Sources;

/// <summary>
/// Every source the warehouse knows, by name. The CLI (`load &lt;source&gt;`), the inbox folders and the
/// nightly job all come from this list, so a new source is wired in by adding it here.
/// </summary>
public static class SourceCatalog
{
    public static IReadOnlyList<ISource> Create(IConfiguration configuration)
    {
        ReadLimits.Configure(configuration); // what a file may cost to read (Warehouse:Limits)
        return Sources(configuration);
    }

    private static IReadOnlyList<ISource> Sources(IConfiguration configuration) =>
    [
        new OrganisationSource(),
        new LineMappingSource(),
        new IndicatorCatalogueSource(),
        new IndicatorReturnSource(),
        new PortfolioReturnSource(),
        new ActivityServiceTypeSource(),
        new AdultServicesReturnSource(),
        new SenPlacementsReturnSource(),
        new PlacementTypeSource(),
        new BudgetSource(),
        new LacPlacementsSource(configuration),
        new PrintedTotalsSource(),
        new GeneralLedgerSource(),
        new ForecastSource(),
        new SavingsTrackerSource(),
        new SupplierPaymentsSource(),
        new GrantsRegisterSource(),
        new VirementLogSource(),
        new ReserveScheduleSource(),
        new StatementReturnSource(CapitalReturns.Monitoring),
        new StatementReturnSource(CapitalReturns.Funding),
        new StatementReturnSource(CapitalReturns.Variation),
        new StatementReturnSource(CapitalReturns.IrprSummary),
        new StatementReturnSource(CapitalReturns.IrprVariation),
        new StatementReturnSource(IntegratedReturns.RevenueSummary),
    ];

    public static ISource? Find(IEnumerable<ISource> sources, string name) =>
        sources.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
