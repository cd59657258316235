using Warehouse.Etl.Core;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Core.Reading;
using Warehouse.Etl.Core.Writing;


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
        var rows = new List<TotalRow>();
        using (var reader = WorkbookReader.ReadRows(context.File!.Path).GetEnumerator())
        {
            var header = HeaderLocator.Locate(reader, Columns, context.FileName);
            while (reader.MoveNext())
            {
                var row = reader.Current;
                if (row.IsBlank)
                    continue;
                var before = context.Errors.Count;
                var period = Cells.Period(row[header["period"]]);
                if (period is null)
                    context.Reject(row, header.HeaderText("period"), row.Text(header["period"]), "is not a period such as May-18 or Closedown-19");
                var code = row.Text(header["row"]);
                var (rowType, block) = code switch
                {
                    "OVERALL" => ("overall_total", ""),
                    "TOTAL_external" => ("block_total", "external"),
                    "TOTAL_in_house" => ("block_total", "in_house"),
                    "TOTAL_permanence" => ("block_total", "permanence"),
                    _ => ("", ""),
                };
                if (rowType == "")
                    context.Reject(row, header.HeaderText("row"), code, "must be TOTAL_external, TOTAL_in_house, TOTAL_permanence or OVERALL");
                int Whole(string key)
                {
                    var parsed = Cells.WholeNumber(row[header[key]]);
                    if (parsed.Value is null)
                        context.Reject(row, header.HeaderText(key), row.Text(header[key]), parsed.Error ?? "is empty");
                    return parsed.Value ?? 0;
                }
                decimal Number(string key, bool money)
                {
                    var parsed = money ? Cells.Money(row[header[key]], header.InThousands(key)) : Cells.Decimal(row[header[key]]);
                    if (parsed.Value is null)
                        context.Reject(row, header.HeaderText(key), row.Text(header[key]), parsed.Error ?? "is empty");
                    return parsed.Value ?? 0m;
                }
                var total = new TotalRow(row.RowNumber, period ?? default, rowType, block, Whole("budgeted"), Number("budget", true),
                    Whole("snapshot"), Number("average", false), Number("spend", true), Number("average_variance", false), Number("net_variance", true));
                if (context.Errors.Count == before)
                {
                    rows.Add(total);
                    context.Control.Add(ActualSpendMeasure, "", total.Spend);
                    context.Control.Add(SnapshotPlacementsMeasure, "", total.Snapshot);
                }
            }
        }
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
