using System.Globalization;

namespace Warehouse.Etl.Publish.Pack;

public sealed record StatusRow(string? Previous, string Category, string Target, string? Current, string SectionRef);

public sealed record RagCountRow(string Label, decimal Red, decimal Amber, decimal Green, decimal? NoTarget, decimal Total);

/// <summary>
/// The front page as the paper has it (seed 000 l.15–25): the finance status table, a sentence on the position, the
/// key figures, and the indicator RAG counts, all from the pack's own tables so the front page and the appendices
/// cannot disagree.
/// </summary>
public sealed record FrontPage(IReadOnlyList<StatusRow> Status, IReadOnlyList<string> Narrative,
    IReadOnlyList<(string Label, decimal? Value)> KeyFigures, IReadOnlyList<RagCountRow> Rag)
{
    public static FrontPage From(ReportPack pack)
    {
        var forCommittee = !pack.Committee.Equals("all", StringComparison.OrdinalIgnoreCase);
        var summary = pack.Tables.FirstOrDefault(t => t.Key == (forCommittee ? "committee" : "summary"))
                      ?? pack.Tables.FirstOrDefault(t => t.Key == "summary");
        object?[]? Row(string lineType) => summary?.Rows.FirstOrDefault(r => Equals(r[summary.Index("line_type")], lineType));
        decimal? Value(object?[]? row, string column) =>
            row is null || summary!.Index(column) < 0 || row[summary.Index(column)] is null ? null : Convert.ToDecimal(row[summary.Index(column)], CultureInfo.InvariantCulture);

        var net = Row("total") ?? Row("total_expenditure");
        var expenditure = Row("total_expenditure");
        var variance = Value(net, "forecast_variance_k");
        var previous = Value(net, "previous_forecast_variance_k");
        var budget = Value(net, "budget_k");
        var status = new List<StatusRow>();
        if (net is not null)
            status.Add(new StatusRow(pack.Context.HasPreviousForecast ? StatusOf(previous) : null, "Income and Expenditure",
                "Balanced year end position", StatusOf(variance), "2.1"));
        var narrative = new List<string>();
        if (variance is { } v && budget is { } b)
        {
            var what = v > 0 ? "an overspend" : v < 0 ? "an underspend" : "a balanced position";
            var amount = v == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" of £{Math.Abs(v):#,##0}k ({PackLayout.Percent(v, b, false):0.0}% of the net budget of £{b:#,##0}k)");
            var who = forCommittee ? $"the services reporting to the {pack.Context.CommitteeName}" : "the service";
            narrative.Add(pack.Period.IsClosedown
                ? $"The outturn for {pack.Period.FiscalYear} for {who} is {what}{amount}."
                : $"At the end of {pack.Context.ReportMonth}, {who} {(forCommittee ? "forecast" : "forecasts")} {what}{amount} at year end.");
            if (pack.Context.HasPreviousForecast && previous is { } p && p != v)
                narrative.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The forecast has moved by £{v - p:#,##0}k since {pack.Context.PreviousMonth} (£{p:#,##0}k)."));
        }
        var keys = new List<(string, decimal?)>();
        if (expenditure is not null)
            keys.AddRange([("Budget — total expenditure", Value(expenditure, "budget_k")), ("Actual to date — total expenditure", Value(expenditure, "actual_k")),
                (pack.Period.IsClosedown ? "Outturn variance — total expenditure" : "Forecast outturn variance — total expenditure", Value(expenditure, "forecast_variance_k"))]);
        if (net is not null && net != expenditure)
            keys.AddRange([("Net budget", budget), (pack.Period.IsClosedown ? "Net outturn variance" : "Net forecast outturn variance", variance)]);
        return new FrontPage(status, narrative, keys, RagCounts(pack));
    }

    private static string? StatusOf(decimal? variance) => variance is null ? null : variance > 0 ? "Red" : "Green";

    private static List<RagCountRow> RagCounts(ReportPack pack)
    {
        var rows = new List<RagCountRow>();
        foreach (var (key, what) in new[] { ("rag", "Performance"), ("portfolio-rag", "Portfolio") })
        {
            if (pack.Tables.FirstOrDefault(t => t.Key == key) is not { } table || table.Index("red") < 0)
                continue;
            var directorate = table.Index("responsible_directorate");
            foreach (var row in table.Rows.Where(r => directorate < 0 || Equals(r[directorate], "All directorates")))
            {
                decimal N(string column) => table.Index(column) >= 0 && row[table.Index(column)] is { } x ? Convert.ToDecimal(x, CultureInfo.InvariantCulture) : 0m;
                var month = table.Index("period_end") < 0 ? "" : row[table.Index("period_end")] switch
                {
                    DateTime d => d.ToString("MMM yy", CultureInfo.InvariantCulture) + " ",
                    DateOnly d => d.ToString("MMM yy", CultureInfo.InvariantCulture) + " ",
                    _ => "",
                };
                rows.Add(new RagCountRow($"{month}{what} (No. of indicators)", N("red"), N("amber"), N("green"),
                    table.Index("no_target") >= 0 ? N("no_target") : null, N("total")));
            }
        }
        return rows;
    }
}
