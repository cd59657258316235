using Warehouse.Database.Engines;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Samples.Placements;

namespace Warehouse.Samples;

/// <summary>A sample file the demo loads, relative to the repository's samples/ folder, in load order.</summary>
public sealed record DemoLoad(string Source, string SamplePath);

/// <summary>
/// An extract the demo runs: the connection string it reads (`ConnectionStrings:&lt;name&gt;`), the database the demo
/// creates for it beside the warehouse when none is configured, and how to fill that database from the samples folder.
/// </summary>
public sealed record DemoExtract(string Source, string ConnectionStringName, string SampleDatabase,
    Func<IWarehouseEngine, string, CancellationToken, Task<int>> CreateSampleAsync);

/// <summary>
/// What `demo` does with the bundled samples: the files it loads and the sample operational systems it creates
/// and extracts from. Kept out of the production library: a council's warehouse never loads these.
/// </summary>
public static class DemoCatalog
{
    /// <summary>What `demo` loads, in order (reference data before the figures that use it).</summary>
    public static readonly IReadOnlyList<DemoLoad> Loads =
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
        new("indicator-catalogue", "indicators/indicator-catalogue.csv"),
        new("indicator-return", "indicators/indicator-return-2017-04.xlsx"),
        new("indicator-return", "indicators/indicator-return-2018-03.xlsx"),
        new("indicator-return", "indicators/indicator-return-2019-03.xlsx"),
        new("portfolio-return", "indicators/portfolio-2017-04.xlsx"),
        new("portfolio-return", "indicators/portfolio-2018-03.xlsx"),
        new("savings-tracker", "savings/savings-tracker-2019-13.xlsx"),
        new("activity-service-types", "activity/activity-service-types.csv"),
        new("adult-services-return", "activity/adult-services-2018-05.xlsx"),
        new("adult-services-return", "activity/adult-services-2019-13.xlsx"),
        new("sen-placements-return", "activity/sen-placements-2018-05.xlsx"),
        new("sen-placements-return", "activity/sen-placements-2019-13.xlsx"),
        new("lac-placement-types", "activity/lac-placement-types.csv"),
        new("lac-budget", "activity/lac-budget-2018-19.csv"),
        new("lac-printed-totals", "activity/lac-printed-totals.csv"),
        new("supplier-payments", "payments/payments-ccc-2018-q1.csv"),
        new("supplier-payments", "payments/payments-ccc-2018-q2.xlsx"),
        new("finance-gl", "budget/gl-2018-07.csv"),
        new("finance-forecast", "budget/forecast-2018-07.xlsx"),
        new("grants-register", "budget/grants-2017-05.xlsx"),
        new("grants-register", "budget/grants-2018-05.xlsx"),
        new("grants-register", "budget/grants-2018-07.xlsx"),
        new("virement-log", "budget/virements-2017-05.xlsx"),
        new("virement-log", "budget/virements-2018-05.xlsx"),
        new("reserve-schedule", "budget/reserves-2017-05-fpr.xlsx"),
        new("reserve-schedule", "budget/reserves-2018-13-fpr.xlsx"),
        new("reserve-schedule", "budget/reserves-2018-05-irpr.xlsx"),
        new("capital-monitoring-return", "capital/capital-monitoring-2017-05.xlsx"),
        new("capital-funding-return", "capital/capital-funding-2017-05.xlsx"),
        new("capital-variation-return", "capital/capital-variation-2017-05.xlsx"),
        new("capital-monitoring-return", "capital/capital-monitoring-2018-05.xlsx"),
        new("capital-funding-return", "capital/capital-funding-2018-05.xlsx"),
        new("capital-variation-return", "capital/capital-variation-2018-05.xlsx"),
        new("capital-monitoring-return", "capital/capital-monitoring-2019-13.xlsx"),
        new("capital-funding-return", "capital/capital-funding-2019-13.xlsx"),
        new("capital-variation-return", "capital/capital-variation-2019-13.xlsx"),
        new("irpr-revenue-summary", "integrated/irpr-revenue-2018-05.xlsx"),
        new("irpr-capital-summary", "integrated/irpr-capital-2018-05.xlsx"),
        new("irpr-capital-variation", "integrated/irpr-capital-variation-2018-05.xlsx"),
    ];

    /// <summary>
    /// Extracts from operational systems that `demo` runs after the sample loads: the demo first creates the
    /// sample operational database named here on the warehouse's server (unless its connection string is configured).
    /// </summary>
    public static readonly IReadOnlyList<DemoExtract> Extracts =
    [
        new("lac-placements", LacPlacementsSource.ConnectionStringName, "childrens_social_care_sample", LacSample.CreateAsync),
    ];

}
