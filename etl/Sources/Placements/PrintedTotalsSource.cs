namespace Warehouse.Etl.Sources.Placements;

/// <summary>
/// The total rows of the LAC table as the committee report printed them (block totals and the overall
/// total), kept to reconcile against: report.kad_lac_reconciliation sets each printed variance against its own
/// arithmetic and against the warehouse. The printed figures are kept as printed, defects included.
/// </summary>
public sealed class PrintedTotalsSource : ISource
{
    private const string ActualSpendMeasure = "actual_spend", SnapshotPlacementsMeasure = "snapshot_placements";

    public string Name => "lac-printed-totals";
    public string Description => "LAC table total rows as printed in the committee report (for reconciliation)";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("period", true, "period"),
        new("row", true, "total_row", "total row", "row"),
        new("budgeted", true, "budgeted_placements", "budgeted placements"),
        new("budget", true, "annual_budget", "annual budget"),
        new("snapshot", true, "snapshot_placements", "snapshot placements", "snapshot"),
        new("average", true, "yearly_average", "yearly average"),
        new("spend", true, "actual_spend", "actual spend"),
        new("average_variance", true, "yearly_average_variance", "yearly average variance"),
        new("net_variance", true, "net_variance", "net variance"),
    ];

    internal sealed record TotalRow(int SourceRow, FiscalPeriod Period, string RowType, string Block, int Budgeted, decimal Budget,
        int Snapshot, decimal Average, decimal Spend, decimal AverageVariance, decimal NetVariance);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var rows = SourceRows.Read<TotalRow>(context.File!.Path, context.Errors, Columns, row =>
        {
            var period = Cells.Period(row.Cell("period"));
            if (period is null)
                row.Reject("period", row.Text("period"), "is not a period such as May-18 or Closedown-19");
            var code = row.Text("row");
            var (rowType, block) = code switch
            {
                "OVERALL" => ("overall_total", ""),
                "TOTAL_external" => ("block_total", "external"),
                "TOTAL_in_house" => ("block_total", "in_house"),
                "TOTAL_permanence" => ("block_total", "permanence"),
                _ => ("", ""),
            };
            if (rowType == "")
                row.Reject("row", code, "must be TOTAL_external, TOTAL_in_house, TOTAL_permanence or OVERALL");
            var total = new TotalRow(row.Number, period ?? default, rowType, block, row.WholeNumber("budgeted") ?? 0, row.Money("budget") ?? 0,
                row.WholeNumber("snapshot") ?? 0, row.Decimal("average") ?? 0, row.Money("spend") ?? 0, row.Decimal("average_variance") ?? 0,
                row.Money("net_variance") ?? 0);
            if (!row.IsClean)
                return null;
            context.Control.Add(ActualSpendMeasure, "", total.Spend);
            context.Control.Add(SnapshotPlacementsMeasure, "", total.Snapshot);
            return total;
        }).ToList();
        foreach (var duplicate in rows.GroupBy(r => (r.Period, r.RowType, r.Block)).Where(g => g.Count() > 1))
            context.Reject(null, duplicate.Last().SourceRow, "total_row", duplicate.Key.Block, $"is given twice for {duplicate.Key.Period.Label}");
        context.RowsRead = rows.Count;
        if (context.Errors.Any)
            return;
        if (rows.Select(r => r.Period).Distinct().Count() == 1)
            context.Period = rows[0].Period;

        await context.StageAsync("stg.lac_printed_total", rows,
        [
            StagingColumn<TotalRow>.Of("source_row", r => r.SourceRow),
            StagingColumn<TotalRow>.Of("period_key", r => r.Period.Key),
            StagingColumn<TotalRow>.Of("row_type", r => r.RowType),
            StagingColumn<TotalRow>.Of("block", r => r.Block),
            StagingColumn<TotalRow>.Of("budgeted_placements", r => r.Budgeted),
            StagingColumn<TotalRow>.Of("annual_budget", r => r.Budget),
            StagingColumn<TotalRow>.Of("snapshot_placements", r => r.Snapshot),
            StagingColumn<TotalRow>.Of("yearly_average", r => r.Average),
            StagingColumn<TotalRow>.Of("actual_spend", r => r.Spend),
            StagingColumn<TotalRow>.Of("yearly_average_variance", r => r.AverageVariance),
            StagingColumn<TotalRow>.Of("net_variance", r => r.NetVariance),
        ], cancellationToken);
        // A file states the printed totals of its periods: replace those periods.
        var batch = new { batchId = context.BatchId };
        await context.ExecuteAsync("""
            DELETE FROM dw.lac_printed_total
            WHERE period_key IN (SELECT DISTINCT period_key FROM stg.lac_printed_total WHERE batch_id = @batchId)
            """, batch, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.lac_printed_total (period_key, row_type, block, budgeted_placements, annual_budget, snapshot_placements,
                                              yearly_average, actual_spend, yearly_average_variance, net_variance, batch_id)
            SELECT period_key, row_type, block, budgeted_placements, annual_budget, snapshot_placements,
                   yearly_average, actual_spend, yearly_average_variance, net_variance, batch_id
            FROM stg.lac_printed_total WHERE batch_id = @batchId
            """, batch, cancellationToken);
        context.Control.LandedQuery = $"""
            SELECT '{ActualSpendMeasure}' AS measure, '' AS scope, SUM(actual_spend) AS value FROM dw.lac_printed_total WHERE batch_id = @batchId
            UNION ALL
            SELECT '{SnapshotPlacementsMeasure}' AS measure, '' AS scope, CAST(SUM(snapshot_placements) AS decimal(19,2)) AS value FROM dw.lac_printed_total WHERE batch_id = @batchId
            """;
    }
}
