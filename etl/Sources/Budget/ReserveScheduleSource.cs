using System.Globalization;

namespace Warehouse.Etl.Sources.Budget;

/// <summary>
/// The reserve schedule (xlsx; docs/formats/budget.md §4): per fund and period, earmarked revenue and capital
/// reserves (and, in the IRPR, provisions), with the balance at the start of the year, the movement in the
/// year, the balance now, the forecast balance at year end and notes, and the printed subtotal and total rows.
/// Keyed by the paper that printed it (dw.dim_publication): the F&PR and the IRPR print different schedules for
/// the same month. Every printed subtotal and total is a control total against the funds it covers, with the
/// rounding of printed £000 allowed, so a rounded total shows as "within rounding" in report.reconciliation.
/// </summary>
public sealed class ReserveScheduleSource : ISource
{
    public string Name => "reserve-schedule";
    public string Description => "Reserve and provision schedule (opening, movement, balance, forecast year end) per fund, period and paper";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("period", true, "Period"),
        new("publication", true, "Publication", "Paper"),
        new("reserve_type", true, "Reserve Type", "Type"),
        new("fund_group", false, "Fund Group", "Group"),
        new("service", false, "Service", "Directorate"),
        new("fund", true, "Fund Description", "Fund"),
        new("line_type", true, "Line Type", "Row Type"),
        new("opening", true, "Opening Balance", "Balance at Start of Year"),
        new("movement", true, "Movement", "Movements in Year"),
        new("current", true, "Current Balance", "Balance Now"),
        new("forecast", false, "Forecast Year End", "Forecast Balance at Year End", "Balance at Year End"),
        new("notes", false, "Notes"),
    ];

    /// <summary>The four amounts a printed total adds up, by the column a check names.</summary>
    private static readonly IReadOnlyList<(string Measure, Func<ReserveRow, decimal?> Value)> Measures =
    [
        ("opening_balance", r => r.Opening),
        ("movement", r => r.Movement),
        ("current_balance", r => r.Current),
        ("forecast_year_end", r => r.Forecast),
    ];

    internal sealed record ReserveRow(int SourceRow, FiscalPeriod Period, string Publication, string ReserveType, string? FundGroup,
        string? Service, string Fund, string LineType, decimal Opening, decimal Movement, decimal Current, decimal? Forecast, string? Notes)
    {
        public int? CoversFrom { get; init; }
        public short PublicationKey { get; init; }
    }

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var rows = SourceRows.Read<ReserveRow>(context.File!.Path, context.Errors, Columns, row =>
        {
            var period = BudgetFiles.Period(row);
            var type = row.Required("reserve_type").ToLowerInvariant();
            var lineType = row.Required("line_type").ToLowerInvariant();
            if (type is not ("revenue" or "capital" or "provision" or "reserves"))
                row.Reject("reserve_type", row.Text("reserve_type"), "must be revenue, capital, provision, or reserves (a total of revenue and capital reserves)");
            if (lineType is not ("fund" or "subtotal" or "total"))
                row.Reject("line_type", row.Text("line_type"), "must be fund, subtotal or total");
            else if (type == "reserves" && lineType != "total")
                row.Reject("reserve_type", row.Text("reserve_type"), "reserves (revenue and capital together) is only for a total row; a fund is revenue, capital or provision");
            var built = new ReserveRow(row.Number, period ?? default, row.Required("publication").ToLowerInvariant(), type,
                Optional(row, "fund_group"), Optional(row, "service"), Cells.CleanText(row.Required("fund")), lineType,
                row.Money("opening") ?? 0, row.Money("movement") ?? 0, row.Money("current") ?? 0, row.Money("forecast", required: false),
                Optional(row, "notes"));
            return row.IsClean ? built : null;
        }, rejectWiderRows: true).ToList();
        context.RowsRead = rows.Count;
        if (context.Errors.Any || BudgetFiles.SinglePeriod(context, rows, r => r.Period, r => r.SourceRow) is not { } period)
            return;
        context.Period = period;

        var publications = (await context.QueryAsync<(short key, string code)>(
            "SELECT publication_key, publication_code FROM dw.dim_publication", null, cancellationToken)).ToList();
        var publication = publications.FirstOrDefault(p => p.code.Equals(rows[0].Publication, StringComparison.OrdinalIgnoreCase));
        if (publication.code is null)
            context.Reject(null, rows[0].SourceRow, "Publication", rows[0].Publication,
                $"is not a publication of dw.dim_publication ({string.Join(", ", publications.Select(p => p.code))})");
        foreach (var other in rows.Where(r => !r.Publication.Equals(rows[0].Publication, StringComparison.OrdinalIgnoreCase)))
            context.Reject(null, other.SourceRow, "Publication", other.Publication, $"differs from the file's first row ({rows[0].Publication}); give one paper's schedule per file");
        if (context.Errors.Any)
            return;
        context.Scope = publication.code;

        var covered = Cover(rows).Select(r => r with { PublicationKey = publication.key }).ToList();
        foreach (var printed in covered.Where(r => r.LineType != "fund"))
        {
            var funds = CoveredFunds(covered, printed).ToList();
            if (funds.Count == 0)
            {
                context.Reject(null, printed.SourceRow, "Line Type", printed.LineType, $"covers no fund rows ({printed.Fund}); a {printed.LineType} follows the funds it adds up");
                continue;
            }
            foreach (var (measure, value) in Measures)
                if (value(printed) is { } amount)
                    // Printed £000 are rounded from pounds: each covered row may be up to £500 off.
                    context.Control.Expect(measure, Scope(printed), amount, 500m * funds.Count);
        }
        if (context.Errors.Any)
            return;
        context.Control.Expect(ControlMeasures.Rows, "", covered.Count);

        var slice = new { periodKey = period.Key, publicationKey = publication.key };
        await context.ExecuteAsync("DELETE FROM dw.fact_reserve WHERE period_key = @periodKey AND publication_key = @publicationKey", slice, cancellationToken);
        context.RowsLoaded = await context.StageAsync("dw.fact_reserve", covered,
        [
            StagingColumn<ReserveRow>.Of("period_key", r => r.Period.Key),
            StagingColumn<ReserveRow>.Of("publication_key", r => r.PublicationKey),
            StagingColumn<ReserveRow>.Of("source_row", r => r.SourceRow),
            StagingColumn<ReserveRow>.Of("reserve_type", r => r.ReserveType),
            StagingColumn<ReserveRow>.Of("fund_group", r => r.FundGroup),
            StagingColumn<ReserveRow>.Of("service", r => r.Service),
            StagingColumn<ReserveRow>.Of("fund", r => r.Fund),
            StagingColumn<ReserveRow>.Of("line_type", r => r.LineType),
            StagingColumn<ReserveRow>.Of("opening_balance", r => BudgetFiles.Pounds(r.Opening)),
            StagingColumn<ReserveRow>.Of("movement", r => BudgetFiles.Pounds(r.Movement)),
            StagingColumn<ReserveRow>.Of("current_balance", r => BudgetFiles.Pounds(r.Current)),
            StagingColumn<ReserveRow>.Of("forecast_year_end", r => r.Forecast is { } f ? BudgetFiles.Pounds(f) : (decimal?)null),
            StagingColumn<ReserveRow>.Of("notes", r => r.Notes),
            StagingColumn<ReserveRow>.Of("covers_from_row", r => r.CoversFrom),
        ], cancellationToken);
        // The funds each printed subtotal or total covers, summed per measure (the names of the Measures list).
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.fact_reserve WHERE batch_id = @batchId
            UNION ALL
            SELECT x.measure, CONCAT('row ', t.source_row, ': ', t.fund) AS scope,
                   SUM(CASE x.measure WHEN 'opening_balance' THEN f.opening_balance WHEN 'movement' THEN f.movement
                                      WHEN 'current_balance' THEN f.current_balance ELSE f.forecast_year_end END) AS value
            FROM dw.fact_reserve AS t
            CROSS JOIN (SELECT 'opening_balance' AS measure UNION ALL SELECT 'movement' AS measure
                        UNION ALL SELECT 'current_balance' AS measure UNION ALL SELECT 'forecast_year_end' AS measure) AS x
            JOIN dw.fact_reserve AS f ON f.batch_id = t.batch_id AND f.line_type = 'fund' AND f.source_row >= t.covers_from_row AND f.source_row < t.source_row
                                     AND (t.reserve_type = 'reserves' OR f.reserve_type = t.reserve_type)
            WHERE t.batch_id = @batchId AND t.line_type <> 'fund' AND (x.measure <> 'forecast_year_end' OR t.forecast_year_end IS NOT NULL)
            GROUP BY x.measure, t.source_row, t.fund
            """;
    }

    private static string Scope(ReserveRow printed) => string.Create(CultureInfo.InvariantCulture, $"row {printed.SourceRow}: {printed.Fund}");

    /// <summary>
    /// Where each printed subtotal and total starts: a subtotal adds up the funds since the previous subtotal or
    /// total (one group); a total adds up the funds of its type since the previous total of the same type, so a
    /// revenue total spans its groups' subtotals and a `reserves` total spans revenue and capital.
    /// </summary>
    private static IEnumerable<ReserveRow> Cover(IReadOnlyList<ReserveRow> rows)
    {
        var lastBreak = 0;
        var lastTotal = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            if (row.LineType == "fund")
            {
                yield return row;
                continue;
            }
            var from = row.LineType == "subtotal" ? lastBreak + 1 : lastTotal.GetValueOrDefault(row.ReserveType) + 1;
            lastBreak = row.SourceRow;
            if (row.LineType == "total")
                lastTotal[row.ReserveType] = row.SourceRow;
            yield return row with { CoversFrom = from };
        }
    }

    private static IEnumerable<ReserveRow> CoveredFunds(IReadOnlyList<ReserveRow> rows, ReserveRow printed) =>
        rows.Where(f => f.LineType == "fund" && f.SourceRow >= printed.CoversFrom && f.SourceRow < printed.SourceRow
                        && (printed.ReserveType == "reserves" || f.ReserveType == printed.ReserveType));

    private static string? Optional(SourceRow row, string key) => row.Has(key) && row.Text(key) is { } text ? Cells.CleanText(text) : null;
}
