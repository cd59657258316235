using Microsoft.Extensions.Logging;
using Warehouse.Database.Engines;

namespace Warehouse.Etl.Sources.Finance;

/// <summary>
/// The general-ledger extract (cost centre × subjective account, full-year budget and year-to-date actual in
/// pounds). Rows stream from the file through validation straight into dw.fact_ledger in one bulk copy inside
/// the batch transaction, which replaces the period's slice; the period is then rolled up into
/// dw.fact_revenue_monitoring. There is no staging table: the transaction is the staging boundary (a rejected
/// or failed batch rolls back and leaves nothing), and a second pass through a staging table cost more than
/// the whole read (docs/finance-quality.md §2).
/// </summary>
public sealed class GeneralLedgerSource : ISource, IGuardsRestatement
{
    /// <summary>How many missing cost centres (and budget lines) a refused restatement names; the rest are counted.</summary>
    public const int MissingNamed = 20;

    // Control totals: the sums taken while reading (scope `rows`) and the file's own Total row.
    private const string BudgetMeasure = "budget", ActualMeasure = "actual", RowsScope = "rows", TotalRowScope = "Total row";

    public string Name => "finance-gl";
    public string Description => "General-ledger extract: cost centre × account budget and actual (csv or xlsx)";

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var reader = new GeneralLedgerReader(context.File!.Path, context.Errors, context.RowProgress).Open();
        using var rows = reader.Rows().GetEnumerator();
        // The rows say which period the file is for: read up to the first good row before touching the
        // warehouse. No good row means every row had an error (or there were none), and those are reported.
        if (!rows.MoveNext())
        {
            context.RowsRead = reader.DataRows;
            return;
        }
        if (reader.Period is not { } period)
        {
            // Unreachable while every good row carries its period; kept so a change to the reader cannot load an undated slice.
            context.Reject(null, null, "Period", null, "the extract does not say which period it is for");
            return;
        }
        context.Period = period;
        var parameters = new { periodKey = period.Key, asOf = period.PeriodEnd.ToDateTime(TimeOnly.MinValue) };
        // dw.fact_ledger does not enforce its period key (migration 0150: the per-row check was most of the load time).
        if (await context.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_period WHERE period_key = @periodKey", parameters, cancellationToken) == 0)
        {
            context.Reject(null, null, "Period", period.Label, $"{period.Label} is not a period of the warehouse calendar (dw.dim_period)");
            while (rows.MoveNext()) { } // read on, so every other error in the file is reported in the same rejection
            context.RowsRead = reader.DataRows;
            return;
        }
        var keys = new CostCentreKeys(await context.QueryAsync<(string, int, string)>("""
            SELECT cost_centre_code, cost_centre_key, budget_line_code FROM dw.dim_cost_centre
            WHERE valid_from <= @asOf AND valid_to >= @asOf AND cost_centre_key > 0
            """, parameters, cancellationToken));
        var spellings = new LedgerSpellings(new CodeSpellings(keys.Codes), new CodeSpellings());
        var lineTotals = new LedgerLineTotals(keys);
        context.Mark("period and cost centres looked up");

        // What the period holds before the restatement replaces it, for the guard: the cost centres with rows (a seek
        // per cost centre on the primary key), with their budget lines.
        var held = (await context.QueryAsync<(string costCentre, string budgetLine)>("""
            SELECT c.cost_centre_code, c.budget_line_code FROM dw.dim_cost_centre AS c
            WHERE c.cost_centre_key > 0
              AND EXISTS (SELECT 1 FROM dw.fact_ledger AS f WHERE f.period_key = @periodKey AND f.cost_centre_key = c.cost_centre_key)
            """, parameters, cancellationToken)).ToList();

        var columns = new List<StagingColumn<LedgerFact>>
        {
            StagingColumn<LedgerFact>.Of("period_key", _ => period.Key),
            StagingColumn<LedgerFact>.Of("cost_centre_key", f => f.CostCentreKey),
            StagingColumn<LedgerFact>.Of("account_code", f => f.Row.AccountCode),
            StagingColumn<LedgerFact>.Of("account_name", f => f.Row.AccountName),
            StagingColumn<LedgerFact>.Of("budget", f => f.Row.Budget),
            StagingColumn<LedgerFact>.Of("actual", f => f.Row.Actual),
            StagingColumn<LedgerFact>.Of("batch_id", _ => context.BatchId),
        };
        // Repeated lines are found by the primary key, not by holding a key per row: the savepoint lets the
        // load undo a copy the key refused and go on to report every error in the file.
        const string BeforeCopy = "before_ledger_copy";
        await context.Transaction.SaveAsync(BeforeCopy, cancellationToken);
        var keyRefusedARepeat = false;
        try
        {
            // A restatement replaces the period's slice (the new one is built beside it and swapped in at the
            // end); the superseded batch stays in etl for audit.
            // The file is parsed and checked on a second thread while this one encodes and sends the rows.
            context.RowsLoaded = await context.ReplaceSliceAsync(new TableSlice("dw.fact_ledger", "period_key", period.Key),
                BackgroundRows.Of(Facts(Remaining(rows, includingCurrent: true), reader, keys, spellings, period, context, lineTotals)), columns,
                cancellationToken, sourceRow: f => f.Row.SourceRow, sheet: reader.Sheet);
        }
        catch (Exception failure) when (context.Engine.IsUniqueViolation(failure))
        {
            await context.Transaction.RollbackAsync(BeforeCopy, cancellationToken);
            keyRefusedARepeat = true;
            context.RowsLoaded = 0;
            foreach (var _ in Facts(Remaining(rows, includingCurrent: false), reader, keys, spellings, period, context, lineTotals: null)) { } // read on for the rest of the file's errors
        }
        context.RowsRead = reader.DataRows;
        GuardRestatement(context, reader, period, held);
        if (keyRefusedARepeat || context.Errors.Any)
        {
            // The file is rejected: name every repeat too (once anything is wrong, rows stop going to the key).
            var before = context.Errors.Count;
            foreach (var (row, costCentre, account, first) in LedgerRepeats.Find(context.File.Path, context.FileName))
                context.Reject(reader.Sheet, row, reader.HeaderText("cost_centre"), $"{costCentre} / {account}",
                    $"cost centre {costCentre} account {account} appears more than once (first at row {first})");
            if (keyRefusedARepeat && context.Errors.Count == before)
                context.Reject(reader.Sheet, null, reader.HeaderText("cost_centre"), null,
                    "a cost centre × account line appears more than once as the database compares codes (letter case or spaces differ)");
            return; // the pipeline rolls the batch back
        }

        // The roll-up from the line totals summed while the rows streamed: a few hundred staged rows, not the slice read back.
        await context.BulkCopyAsync(RevenueMonitoring.StagedLineTotals, lineTotals.ByLine(), LineTotalColumns(context.BatchId), cancellationToken);
        await RevenueMonitoring.RebuildAsync(context, period, cancellationToken, fromStagedLineTotals: true);
        context.Mark("revenue monitoring rebuilt");
        await RevenueMonitoring.ComparePublishedAsync(context, period, cancellationToken);
        context.Mark("compared with published figures");

        // Source totals taken while reading, and the file's own Total row, against what landed.
        context.Control.Expect(ControlMeasures.Rows, "", reader.DataRows);
        context.Control.Expect(BudgetMeasure, RowsScope, reader.BudgetSum);
        context.Control.Expect(ActualMeasure, RowsScope, reader.ActualSum);
        if (reader.TotalBudget is { } totalBudget)
            context.Control.Expect(BudgetMeasure, TotalRowScope, totalBudget);
        if (reader.TotalActual is { } totalActual)
            context.Control.Expect(ActualMeasure, TotalRowScope, totalActual);
        // The batch's rows are the period's slice (the load replaced it): one pass over the primary key's range.
        context.Control.LandedQuery = $"""
            WITH landed AS (
                SELECT COUNT(*) AS row_count, COALESCE(SUM(budget), 0) AS budget, COALESCE(SUM(actual), 0) AS actual
                FROM dw.fact_ledger WHERE period_key = @periodKey AND batch_id = @batchId)
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(row_count AS decimal(19,2)) AS value FROM landed
            UNION ALL SELECT '{BudgetMeasure}', '{RowsScope}', budget FROM landed
            UNION ALL SELECT '{ActualMeasure}', '{RowsScope}', actual FROM landed
            UNION ALL SELECT '{BudgetMeasure}', '{TotalRowScope}', budget FROM landed
            UNION ALL SELECT '{ActualMeasure}', '{TotalRowScope}', actual FROM landed
            """;
    }

    /// <summary>
    /// A restatement must cover what the period holds: a file that lacks cost centres the period has rows for
    /// (an extract of some directorates only, a filter left on) would otherwise delete their rows silently. It is
    /// refused, naming what it lacks, unless the load says `--replace-all` (then the batch message records what
    /// went). The inbox and the nightly job never say it: a refused file waits in rejected/ for a person.
    /// </summary>
    private static void GuardRestatement(LoadContext context, GeneralLedgerReader reader, FiscalPeriod period,
        IReadOnlyList<(string CostCentre, string BudgetLine)> held)
    {
        var missing = held.Where(h => !reader.CostCentres.Contains(h.CostCentre)).ToList();
        if (missing.Count == 0)
            return;
        var present = held.Except(missing).Select(h => h.BudgetLine).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missingLines = missing.Select(m => m.BudgetLine).Where(l => !present.Contains(l)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal).ToList();
        var costCentres = missing.Select(m => m.CostCentre).Order(StringComparer.Ordinal).ToList();
        var heldLines = held.Select(h => h.BudgetLine).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var lines = missingLines.Count == 0 ? ""
            : $" and every cost centre of {Count(missingLines.Count, "budget line")} ({Named(missingLines)})";
        if (context.Options.ReplaceAll)
        {
            context.Note = $"Replaces the whole of {period.Label} (--replace-all): {Count(costCentres.Count, "cost centre")} it held are no longer in it ({Named(costCentres)}).";
            context.Logger.LogWarning("{File} replaces the whole of {Period} (--replace-all): {Count} cost centres it held are gone", context.FileName, period.Label, costCentres.Count);
            return;
        }
        context.Reject(reader.Sheet, null, reader.HeaderText("cost_centre"), null,
            $"restates {period.Label}, which holds ledger rows of {Count(held.Count, "cost centre")} in {Count(heldLines, "budget line")}, but lacks " +
            $"{Count(costCentres.Count, "cost centre")} of them ({Named(costCentres)}){lines}: loading it would delete their rows. " +
            $"If the file is meant to replace the whole period, load it with `warehouse load {context.Source} {context.FileName} --replace-all`.");
    }

    private static IReadOnlyList<StagingColumn<KeyValuePair<string, (decimal Budget, decimal Actual)>>> LineTotalColumns(int batchId) =>
    [
        StagingColumn<KeyValuePair<string, (decimal Budget, decimal Actual)>>.Of("batch_id", _ => batchId),
        StagingColumn<KeyValuePair<string, (decimal Budget, decimal Actual)>>.Of("budget_line_code", l => l.Key),
        StagingColumn<KeyValuePair<string, (decimal Budget, decimal Actual)>>.Of("budget", l => l.Value.Budget),
        StagingColumn<KeyValuePair<string, (decimal Budget, decimal Actual)>>.Of("actual", l => l.Value.Actual),
    ];

    private static string Count(int n, string noun) => $"{n:N0} {noun}{(n == 1 ? "" : "s")}";

    // The first codes, and how many more: a restatement of one directorate can lack hundreds.
    private static string Named(IReadOnlyList<string> codes) =>
        string.Join(", ", codes.Take(MissingNamed)) + (codes.Count > MissingNamed ? $" and {codes.Count - MissingNamed:N0} more" : "");

    /// <summary>
    /// The file's cost-centre and account spellings (a few thousand codes, not one entry a row). A cost centre
    /// matches the reference's without letter case and is looked up in its spelling; an account is stored as the
    /// file spells it.
    /// </summary>
    private sealed record LedgerSpellings(CodeSpellings CostCentres, CodeSpellings Accounts);

    /// <summary>
    /// The rows that can be loaded. A row whose cost centre is not in the reference, or whose cost centre or
    /// account is spelled differently from an earlier row only in letter case, is reported with its place.
    /// Once the batch has any error nothing more is sent to the database (it will be rolled back), but
    /// reading goes on to the end so one rejection lists every error in the file.
    /// </summary>
    private static IEnumerable<LedgerFact> Facts(IEnumerable<GlRow> rows, GeneralLedgerReader reader, CostCentreKeys keys,
        LedgerSpellings spellings, FiscalPeriod period, LoadContext context, LedgerLineTotals? lineTotals)
    {
        var column = reader.HeaderText("cost_centre");
        var accountColumn = reader.HeaderText("account");
        foreach (var row in rows)
        {
            var costCentre = spellings.CostCentres.Settle(context.Errors, reader.Sheet, row.SourceRow, column, row.CostCentreCode);
            var account = spellings.Accounts.Settle(context.Errors, reader.Sheet, row.SourceRow, accountColumn, row.AccountCode);
            if (costCentre is null || account is null)
                continue;
            if (!keys.TryGet(costCentre, out var costCentreKey))
            {
                context.Reject(reader.Sheet, row.SourceRow, column, row.CostCentreCode,
                    $"is not a cost centre of the organisation reference for {period.FiscalYear} (load the reference first, or correct the code)");
                continue;
            }
            if (!context.Errors.Any)
            {
                lineTotals?.Add(costCentreKey, row.Budget, row.Actual);
                yield return new LedgerFact(costCentreKey, row); // the account is as the file spells it, the same on every row
            }
        }
    }

    /// <summary>The rows left in the enumerator; with the one it is on when that was read only to learn the period.</summary>
    private static IEnumerable<GlRow> Remaining(IEnumerator<GlRow> rows, bool includingCurrent)
    {
        if (includingCurrent)
            yield return rows.Current;
        while (rows.MoveNext())
            yield return rows.Current;
    }
}
