using System.Data.Common;
using System.Globalization;
using Dapper;
using Warehouse.Etl.Core;

namespace Warehouse.Etl.Publish.Pack;

/// <summary>
/// What the pack says about its own data, read from the load ledger: the latest batch used ("data as at"), whether
/// the period's loads reconciled (one line for the committee; the detail is the operations annex), and the latest
/// period the warehouse holds (for the error when a pack is asked for a period with no figures).
/// </summary>
public static class PackFacts
{
    public static async Task<PackContext> ContextAsync(DbConnection connection, FiscalPeriod period, string committee, CancellationToken cancellationToken)
    {
        var context = PackContext.For(period, committee);
        // The batches behind the pack: this period's loads, and the latest quarterly return at or before it.
        var asAt = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            SELECT MAX(finished_utc) FROM etl.batch
            WHERE state = 'loaded' AND fiscal_year_start = @year AND period <= @period
            """, new { year = (short)period.FiscalYearStart, period = (short)period.Period }, cancellationToken: cancellationToken));
        var checks = (await connection.QueryAsync<(string source, string measure, string scope, string result)>(new CommandDefinition("""
            SELECT source, measure, scope, result FROM report.reconciliation
            WHERE state = 'loaded' AND fiscal_year = @fiscalYear AND period = @period
            """, new { fiscalYear = period.FiscalYear, period = (short)period.Period }, cancellationToken: cancellationToken))).ToList();
        var previousKey = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("""
            SELECT MAX(period_key) FROM dw.fact_revenue_monitoring
            WHERE forecast_batch_id IS NOT NULL AND period_key < @key AND period_key >= @yearStart
            """, new { key = period.Key, yearStart = period.FiscalYearStart * 100 }, cancellationToken: cancellationToken));
        return context with
        {
            HasPreviousForecast = previousKey is not null,
            PreviousMonth = previousKey is { } k ? MonthLabel(FiscalPeriod.FromKey(k)) : context.PreviousMonth,
            DataAsAt = asAt is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
            Reconciliation = ReconciliationLine(checks.Select(c => (c.source, c.measure, c.scope, c.result)).ToList()),
        };
    }

    /// <summary>"All source totals reconciled …", or the exceptions by name: the committee sees one line, not the ledger.</summary>
    public static string ReconciliationLine(IReadOnlyList<(string Source, string Measure, string Scope, string Result)> checks)
    {
        if (checks.Count == 0)
            return "No load of this period has control totals to reconcile.";
        var exceptions = checks.Where(c => c.Result is "mismatch" or "missing").ToList();
        var rounding = checks.Count(c => c.Result == "within rounding");
        if (exceptions.Count == 0)
            return string.Create(CultureInfo.InvariantCulture,
                $"All source totals reconciled ({checks.Count} control totals; {rounding} printed totals agree within rounding).");
        return "Source totals not reconciled: " + string.Join("; ", exceptions.Take(5).Select(e =>
                   $"{e.Source} {e.Measure}{(string.IsNullOrEmpty(e.Scope) ? "" : " (" + e.Scope + ")")} {e.Result}"))
               + (exceptions.Count > 5 ? $"; and {exceptions.Count - 5} more (see the operations annex)." : ".");
    }

    /// <summary>The latest period with revenue figures, or null when the warehouse has none.</summary>
    public static async Task<FiscalPeriod?> LatestPeriodAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var key = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(period_key) FROM dw.fact_revenue_monitoring", cancellationToken: cancellationToken));
        return key is { } k ? FiscalPeriod.FromKey(k) : null;
    }

    /// <summary>Whether the warehouse holds revenue figures for the period (the pack's first tables come from them).</summary>
    public static async Task<bool> HasPeriodAsync(DbConnection connection, FiscalPeriod period, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM dw.fact_revenue_monitoring WHERE period_key = @key", new { key = period.Key }, cancellationToken: cancellationToken)) > 0;

    private static string MonthLabel(FiscalPeriod period) => period.IsClosedown ? "Close" : period.Label[..3];
}
