using Warehouse.Etl.Sources.Capital;

namespace Warehouse.Etl.Sources.Integrated;

/// <summary>
/// The council-wide Integrated Resources and Performance Report's revenue summary (docs/formats/capital.md §5):
/// per council service its current budget, actual, forecast variance, status and direction of travel, with the
/// printed subtotals, totals and memorandum items. Its capital tables are capital returns (<see cref="CapitalReturns"/>).
/// </summary>
public static class IntegratedReturns
{
    public static readonly StatementFormat RevenueSummary = new("irpr-revenue-summary",
        "IRPR revenue summary: net budget, actual and forecast variance by council service", "irpr_revenue", Publication.Irpr,
        ["Service"], LineIsService: true,
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Service"] = "service",
            ["Subtotal"] = StatementFormat.Subtotal,
            ["Total"] = StatementFormat.Total,
            ["Memorandum"] = "memorandum",
        },
        [
            new("previous_forecast_variance", false, FigureKind.Money, "Previous Forecast Variance", "forecast variance previous month"),
            new("budget", true, FigureKind.Money, "Current Budget", "budget", "net budget"),
            new("actual", true, FigureKind.Money, "Actual", "actual to date"),
            new("forecast_variance", true, FigureKind.Money, "Forecast Variance"),
            new("forecast_variance_pct", false, FigureKind.Percent, "Forecast Variance %"),
        ],
        HasStatus: true);
}
