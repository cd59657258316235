namespace Warehouse.Etl.Sources.Capital;

/// <summary>
/// The capital returns (docs/formats/capital.md): the capital programme (Appendix 6.1), its funding (6.2) and the
/// capital programme variations budget, each for the paper it reproduces: the directorate's F&amp;PR prints them
/// by scheme and source of funding, the IRPR by council service.
/// </summary>
public static class CapitalReturns
{
    private static readonly Dictionary<string, string> DetailAndTotals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Subtotal"] = StatementFormat.Subtotal,
        ["Total"] = StatementFormat.Total,
    };

    private static Dictionary<string, string> RowTypes(params (string Typed, string Stored)[] detail)
    {
        var types = new Dictionary<string, string>(DetailAndTotals, StringComparer.OrdinalIgnoreCase);
        foreach (var (typed, stored) in detail)
            types[typed] = stored;
        return types;
    }

    private static readonly StatementMeasure[] ProgrammeMeasures =
    [
        new("original_budget", true, FigureKind.Money, "Original Budget", "original budget as per bp", "original budget as per business plan"),
        new("revised_budget", true, FigureKind.Money, "Revised Budget"),
        new("actual", false, FigureKind.Money, "Actual Spend", "actual", "actual to date"),
        new("forecast_outturn", false, FigureKind.Money, "Forecast Outturn", "forecast spend outturn", "forecast spend"),
        new("forecast_variance", false, FigureKind.Money, "Forecast Variance", "outturn variance", "forecast variance outturn"),
        new("total_scheme_revised_budget", false, FigureKind.Money, "Total Scheme Revised Budget"),
        new("total_scheme_forecast_variance", false, FigureKind.Money, "Total Scheme Forecast Variance", "total scheme variance"),
    ];

    private static readonly StatementMeasure[] VariationMeasures =
    [
        new("variations_budget", true, FigureKind.Money, "Capital Programme Variations Budget", "variations budget"),
        new("forecast_variance", true, FigureKind.Money, "Forecast Outturn Variance", "forecast variance", "outturn variance", "forecast variance outturn"),
        new("budget_used", true, FigureKind.Money, "Capital Programme Variations Budget Used", "budget used"),
        new("budget_used_pct", false, FigureKind.Percent, "Capital Programme Variations Budget Used %", "budget used %"),
        new("revised_forecast_variance", true, FigureKind.Money, "Revised Outturn Variance", "revised forecast variance", "revised forecast variance outturn"),
    ];

    public static readonly StatementFormat Monitoring = new("capital-monitoring-return",
        "Capital monitoring return: the F&PR capital programme by scheme (Appendix 6.1)", "capital_programme", Publication.Fpr,
        ["Scheme", "scheme category", "line"], LineIsService: false, RowTypes(("Scheme", "scheme")), ProgrammeMeasures);

    public static readonly StatementFormat Funding = new("capital-funding-return",
        "Capital funding return: the F&PR capital funding by source (Appendix 6.2)", "capital_funding", Publication.Fpr,
        ["Source of Funding", "funding source", "source"], LineIsService: false, RowTypes(("Source", "source")),
        [
            new("original_funding", true, FigureKind.Money, "Original Funding Allocation", "original funding", "original allocation"),
            new("revised_funding", true, FigureKind.Money, "Revised Funding"),
            new("forecast_outturn", false, FigureKind.Money, "Forecast Funding Outturn", "funding outturn", "forecast outturn"),
            new("forecast_variance", false, FigureKind.Money, "Forecast Funding Variance", "funding variance", "forecast variance"),
        ]);

    public static readonly StatementFormat Variation = new("capital-variation-return",
        "Capital programme variations budget return: the F&PR's use of the variation budget by service", "capital_variation", Publication.Fpr,
        ["Service"], LineIsService: true, RowTypes(("Service", "service")), VariationMeasures);

    public static readonly StatementFormat IrprSummary = new("irpr-capital-summary",
        "IRPR capital summary: the council's capital programme by service", "capital_programme", Publication.Irpr,
        ["Service"], LineIsService: true, RowTypes(("Service", "service")), ProgrammeMeasures);

    public static readonly StatementFormat IrprVariation = new("irpr-capital-variation",
        "IRPR capital programme variations budgets by service", "capital_variation", Publication.Irpr,
        ["Service"], LineIsService: true, RowTypes(("Service", "service")), VariationMeasures);
}
