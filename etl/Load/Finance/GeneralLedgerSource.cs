using Warehouse.Etl.Extract.Finance;
using Warehouse.Etl.Stage;

namespace Warehouse.Etl.Load.Finance;

/// <summary>
/// The general-ledger extract (cost centre × subjective account, full-year budget and year-to-date actual in
/// pounds). Streamed into staging, validated set-based against the cost centres valid in the period, then
/// loaded into dw.fact_ledger replacing the period's slice, and rolled up into dw.fact_revenue_monitoring.
/// </summary>
public sealed class GeneralLedgerSource : ISource
{
    public string Name => "finance-gl";
    public string Description => "General-ledger extract: cost centre × account budget and actual (csv or xlsx)";

    /// <summary>Set-based checks report at most this many rows each: enough for a person to fix the file.</summary>
    private const int MaxReported = 200;

    private static readonly IReadOnlyList<StagingColumn<GlRow>> StagingColumns =
    [
        StagingColumn<GlRow>.Of("source_row", r => r.SourceRow),
        StagingColumn<GlRow>.Of("cost_centre_code", r => r.CostCentreCode),
        StagingColumn<GlRow>.Of("account_code", r => r.AccountCode),
        StagingColumn<GlRow>.Of("account_name", r => r.AccountName),
        StagingColumn<GlRow>.Of("budget", r => r.Budget),
        StagingColumn<GlRow>.Of("actual", r => r.Actual),
    ];

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var reader = new GeneralLedgerReader(context.File!.Path, context).Open();
        // Rows flow from the file into the bulk copy one at a time; nothing holds the whole extract.
        await context.StageAsync("stg.gl_line", reader.Rows(), StagingColumns, cancellationToken);
        context.RowsRead = reader.DataRows;
        if (context.Errors.Any)
            return;
        if (reader.Period is not { } period)
        {
            context.Reject(null, null, "Period", null, "the extract does not say which period it is for");
            return;
        }
        context.Period = period;
        var parameters = new { batchId = context.BatchId, periodKey = period.Key, asOf = period.PeriodEnd.ToDateTime(TimeOnly.MinValue) };

        // Cost centres must exist in the organisation reference version in effect at the period end.
        var unknown = await context.QueryAsync<(int row, string code)>(context.Engine.Limit("""
            SELECT s.source_row, s.cost_centre_code FROM stg.gl_line AS s
            WHERE s.batch_id = @batchId AND NOT EXISTS (
                SELECT 1 FROM dw.dim_cost_centre AS c
                WHERE c.cost_centre_code = s.cost_centre_code AND c.valid_from <= @asOf AND c.valid_to >= @asOf AND c.cost_centre_key > 0)
            ORDER BY s.source_row
            """, MaxReported), parameters, cancellationToken);
        foreach (var (row, code) in unknown)
            context.Reject(null, row, "Cost Centre", code, $"is not a cost centre of the organisation reference for {period.FiscalYear} (load the reference first, or correct the code)");

        // One row per cost centre × account: a duplicate would double the line; report every repeat with the first.
        var duplicates = await context.QueryAsync<(int row, string code, string account, int first)>(context.Engine.Limit("""
            SELECT s.source_row, s.cost_centre_code, s.account_code, d.first_row FROM stg.gl_line AS s
            JOIN (SELECT cost_centre_code, account_code, MIN(source_row) AS first_row FROM stg.gl_line
                  WHERE batch_id = @batchId GROUP BY cost_centre_code, account_code HAVING COUNT(*) > 1) AS d
              ON d.cost_centre_code = s.cost_centre_code AND d.account_code = s.account_code
            WHERE s.batch_id = @batchId AND s.source_row > d.first_row
            ORDER BY s.source_row
            """, MaxReported), parameters, cancellationToken);
        foreach (var (row, code, account, first) in duplicates)
            context.Reject(null, row, "Cost Centre", $"{code} / {account}", $"cost centre {code} account {account} appears more than once (first at row {first})");
        if (context.Errors.Any)
            return;

        // A restatement replaces the period's slice; the superseded batch stays in etl for audit.
        await context.ExecuteAsync("DELETE FROM dw.fact_ledger WHERE period_key = @periodKey", parameters, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.fact_ledger (period_key, cost_centre_key, account_code, account_name, budget, actual, batch_id)
            SELECT @periodKey, c.cost_centre_key, s.account_code, s.account_name, s.budget, s.actual, s.batch_id
            FROM stg.gl_line AS s
            JOIN dw.dim_cost_centre AS c ON c.cost_centre_code = s.cost_centre_code AND c.valid_from <= @asOf AND c.valid_to >= @asOf AND c.cost_centre_key > 0
            WHERE s.batch_id = @batchId
            """, parameters, cancellationToken);
        // Extracts can be a million rows: staging has done its job once the facts hold them.
        await context.ExecuteAsync("DELETE FROM stg.gl_line WHERE batch_id = @batchId", parameters, cancellationToken);

        await RevenueMonitoring.RebuildAsync(context, period, cancellationToken);
        await RevenueMonitoring.ComparePublishedAsync(context, period, cancellationToken);

        // Source totals taken while reading, and the file's own Total row, against what landed.
        context.Control.Expect("rows", "", reader.DataRows);
        context.Control.Expect("budget", "rows", reader.BudgetSum);
        context.Control.Expect("actual", "rows", reader.ActualSum);
        if (reader.TotalBudget is { } totalBudget)
            context.Control.Expect("budget", "Total row", totalBudget);
        if (reader.TotalActual is { } totalActual)
            context.Control.Expect("actual", "Total row", totalActual);
        context.Control.LandedQuery = """
            SELECT 'rows' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.fact_ledger WHERE batch_id = @batchId
            UNION ALL SELECT 'budget', 'rows', COALESCE(SUM(budget), 0) FROM dw.fact_ledger WHERE batch_id = @batchId
            UNION ALL SELECT 'actual', 'rows', COALESCE(SUM(actual), 0) FROM dw.fact_ledger WHERE batch_id = @batchId
            UNION ALL SELECT 'budget', 'Total row', COALESCE(SUM(budget), 0) FROM dw.fact_ledger WHERE batch_id = @batchId
            UNION ALL SELECT 'actual', 'Total row', COALESCE(SUM(actual), 0) FROM dw.fact_ledger WHERE batch_id = @batchId
            """;
    }
}
