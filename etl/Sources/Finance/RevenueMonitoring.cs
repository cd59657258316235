namespace Warehouse.Etl.Sources.Finance;

/// <summary>
/// dw.fact_revenue_monitoring, budget line × period: the ledger rolled up to budget lines joined with the
/// forecast return. Both sources rebuild the period's rows after they load, set-based, so the fact always
/// holds the current ledger and the current forecast of the period, each with the batch it came from.
/// </summary>
public static class RevenueMonitoring
{
    /// <summary>Where a GL load stages its line totals for <see cref="RebuildAsync"/> (migration 0710).</summary>
    public const string StagedLineTotals = "stg.ledger_line_total";

    /// <summary>
    /// Rebuilds the period's rows. <paramref name="fromStagedLineTotals"/>: the GL load's line totals, staged in
    /// <see cref="StagedLineTotals"/> under its batch as its rows streamed (and deleted here, inside its
    /// transaction); otherwise the ledger the period holds, read from its slice (a forecast load).
    /// </summary>
    public static async Task RebuildAsync(LoadContext context, FiscalPeriod period, CancellationToken cancellationToken, bool fromStagedLineTotals = false)
    {
        var parameters = new
        {
            batchId = context.BatchId, periodKey = period.Key, period = period.Period,
            asOf = period.PeriodEnd.ToDateTime(TimeOnly.MinValue), staged = fromStagedLineTotals ? 1 : 0,
        };
        await context.ExecuteAsync("DELETE FROM dw.fact_revenue_monitoring WHERE period_key = @periodKey", parameters, cancellationToken);
        // Forecast variance: as typed, or outturn − budget when the return gives the outturn. Forecast outturn:
        // budget + variance, except at closedown (period 13) where the ledger actual is the outturn. The ledger by
        // line is one of two branches, the other switched off by @staged (a constant filter, so neither engine
        // reads its tables): the staged line totals, or the slice aggregated by key first (a million rows into a
        // few thousand groups), then joined to its lines.
        await context.ExecuteAsync("""
            INSERT INTO dw.fact_revenue_monitoring (period_key, organisation_key, budget_line_code, budget, actual,
                forecast_variance, forecast_outturn, commentary_ref, ledger_batch_id, forecast_batch_id, batch_id)
            SELECT @periodKey, o.organisation_key, o.budget_line_code, l.budget, l.actual,
                   COALESCE(f.forecast_variance, f.forecast_outturn - l.budget),
                   CASE WHEN @period = 13 AND l.actual IS NOT NULL THEN l.actual
                        WHEN f.forecast_outturn IS NOT NULL THEN f.forecast_outturn
                        ELSE l.budget + COALESCE(f.forecast_variance, f.forecast_outturn - l.budget) END,
                   f.commentary_ref, l.batch_id, f.batch_id, @batchId
            FROM dw.dim_organisation AS o
            LEFT JOIN (
                SELECT t.budget_line_code, t.budget, t.actual, t.batch_id
                FROM stg.ledger_line_total AS t
                WHERE @staged = 1 AND t.batch_id = @batchId
                UNION ALL
                SELECT c.budget_line_code, SUM(cc.budget) AS budget, SUM(cc.actual) AS actual, MAX(cc.batch_id) AS batch_id
                FROM (SELECT fl.cost_centre_key, SUM(fl.budget) AS budget, SUM(fl.actual) AS actual, MAX(fl.batch_id) AS batch_id
                      FROM dw.fact_ledger AS fl
                      WHERE @staged = 0 AND fl.period_key = @periodKey
                      GROUP BY fl.cost_centre_key) AS cc
                JOIN dw.dim_cost_centre AS c ON c.cost_centre_key = cc.cost_centre_key
                GROUP BY c.budget_line_code) AS l ON l.budget_line_code = o.budget_line_code
            LEFT JOIN dw.fact_forecast AS f ON f.period_key = @periodKey AND f.budget_line_code = o.budget_line_code
            WHERE o.organisation_key > 0 AND o.valid_from <= @asOf AND o.valid_to >= @asOf
              AND (l.budget_line_code IS NOT NULL OR f.budget_line_code IS NOT NULL)
            """, parameters, cancellationToken);
        if (fromStagedLineTotals)
            await context.ExecuteAsync("DELETE FROM stg.ledger_line_total WHERE batch_id = @batchId", parameters, cancellationToken);
    }

    /// <summary>
    /// Compares what the period now holds with the figures printed in the committee paper (dw.published_figure)
    /// and records each comparison against this batch in etl.control_total. These are informational: a printed
    /// total that is a rounded sum shows as 'within rounding', anything else as 'mismatch', in
    /// report.reconciliation; they never fail the batch (a restatement may legitimately differ from print).
    /// </summary>
    public static Task ComparePublishedAsync(LoadContext context, FiscalPeriod period, CancellationToken cancellationToken) =>
        context.ExecuteAsync("""
            INSERT INTO etl.control_total (batch_id, measure, scope, source_value, loaded_value, tolerance)
            SELECT @batchId, p.measure, p.scope, p.value_k * 1000,
                   SUM(CASE WHEN p.measure = 'published budget' THEN x.budget
                            WHEN p.measure = 'published actual' THEN x.actual
                            ELSE x.forecast_variance END),
                   p.tolerance_k * 1000
            FROM dw.published_figure AS p
            LEFT JOIN (
                SELECT m.period_key, m.budget, m.actual, m.forecast_variance, o.directorate, o.line_type
                FROM dw.fact_revenue_monitoring AS m
                JOIN dw.dim_organisation AS o ON o.organisation_key = m.organisation_key) AS x
              ON x.period_key = p.period_key
             AND (x.directorate = p.scope OR p.scope = 'Total' OR (p.scope = 'Total Expenditure' AND x.line_type = 'expenditure'))
            WHERE p.period_key = @periodKey AND p.source = @source
            GROUP BY p.measure, p.scope, p.value_k, p.tolerance_k
            """, new { batchId = context.BatchId, periodKey = period.Key, source = context.Source }, cancellationToken);
}
