using System.Data.Common;
using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Writing;

namespace Warehouse.Jobs.Bench;

/// <summary>What the generator wrote: the span, and per table the rows it added.</summary>
public sealed record HistorySpan(int Batches, IReadOnlyList<(string Table, long Rows)> Added);

/// <summary>
/// Turns a warehouse holding the samples (a few periods of each fact, from the council's real papers) into one
/// that holds a span of fiscal years. Every fact the samples give for some periods gets rows for every period of
/// the span (1–13) that it lacks, copied from the sampled period nearest to it (the same month of the nearest year
/// when there is one); facts kept by year (the LAC budget, committee responsibilities) or by quarter (supplier
/// payments) get every year or quarter the same way. Each copy is written under a batch of its own, a copy of the
/// sampled one with its control totals, so lineage, reconciliation and load-status views see a batch a return,
/// as in a warehouse that ran for those years. The organisation (budget lines, cost centres, committees) is the
/// samples' own: copies keep the keys of the version their template used.
/// Which tables and columns are copied comes from the catalogue (<see cref="HistoryStatements"/>), so a fact a
/// later migration adds is copied too; the ledger goes in through the engine's slice replacement, as loads do.
/// </summary>
public sealed class HistoryGenerator(IWarehouseEngine engine, TextWriter output)
{
    private readonly Dictionary<(int Batch, int FiscalYear, int? Period), int> _batches = [];
    private readonly Dictionary<string, long> _added = new(StringComparer.Ordinal);

    public async Task<HistorySpan> ExtendAsync(int firstYear, int years, CancellationToken cancellationToken = default)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var catalogue = await HistoryCatalogue.ReadAsync(connection, cancellationToken);
        var span = Enumerable.Range(firstYear, years).ToList();
        // Templates are the sampled rows only: what is known before any copy is written.
        var periodic = new List<(CopiedTable Table, IReadOnlyList<int> Periods)>();
        foreach (var table in catalogue.Periodic)
            periodic.Add((table, (await connection.QueryAsync<int>(HistoryStatements.DistinctValues(table.Name, "period_key"),
                commandTimeout: 0)).ToList()));
        var yearly = new List<(CopiedTable Table, IReadOnlyList<(int Year, int Quarter)> Held)>();
        foreach (var table in catalogue.Yearly)
            yearly.Add((table, (await connection.QueryAsync<(int, int)>(HistoryStatements.DistinctYears(table), commandTimeout: 0)).ToList()));

        foreach (var year in span)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var (table, held) in periodic)
            {
                foreach (var period in Enumerable.Range(1, 13))
                {
                    var target = year * 100 + period;
                    if (held.Count == 0 || held.Contains(target))
                        continue;
                    var template = Nearest(held, target);
                    if (table.Name == HistoryCatalogue.Ledger)
                        await CopyLedgerSliceAsync(connection, transaction, template, target, cancellationToken);
                    else
                        await CopyPeriodAsync(connection, transaction, table, catalogue, template, target, cancellationToken);
                }
            }
            foreach (var (table, held) in yearly)
            {
                foreach (var quarter in table.ByQuarter ? [1, 2, 3, 4] : new[] { 0 })
                {
                    if (held.Count == 0 || held.Contains((year, quarter)))
                        continue;
                    var template = held.MinBy(h => (Math.Abs(h.Year - year), h.Quarter == quarter ? 0 : Math.Abs(h.Quarter - quarter), h.Year));
                    await CopyYearAsync(connection, transaction, table, template, (year, quarter), cancellationToken);
                }
            }
            foreach (var table in periodic.Select(p => p.Table).Concat(yearly.Select(y => y.Table)).Append(catalogue.StatementFigures))
                await engine.RefreshStatisticsAsync(connection, transaction, $"dw.{table.Name}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            output.WriteLine($"  {year}/{(year + 1) % 100:00}: {clock.Elapsed.TotalSeconds,6:0.00} s");
        }
        return new HistorySpan(_batches.Count,
            _added.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)).ToList());
    }

    /// <summary>The same month of the nearest year that has it, else the nearest period by months (13 sits after 12).</summary>
    public static int Nearest(IReadOnlyList<int> held, int target)
    {
        var sameMonth = held.Where(p => p % 100 == target % 100).ToList();
        return sameMonth.Count > 0
            ? sameMonth.MinBy(p => (Math.Abs(p / 100 - target / 100), p))
            : held.MinBy(p => (Math.Abs(p / 100 * 13 + p % 100 - (target / 100 * 13 + target % 100)), p));
    }

    private async Task CopyPeriodAsync(DbConnection connection, DbTransaction transaction, CopiedTable table, HistoryCatalogue catalogue,
        int template, int target, CancellationToken cancellationToken)
    {
        var batches = await BatchMapAsync(connection, transaction, table, HistoryStatements.PeriodFilter(template), target / 100, target % 100, cancellationToken);
        var written = await connection.ExecuteAsync(new CommandDefinition(HistoryStatements.CopyPeriod(table, template, target, batches),
            transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        Count(table.Name, written);
        if (table.Name == HistoryCatalogue.StatementLines)
            Count(catalogue.StatementFigures.Name, await connection.ExecuteAsync(new CommandDefinition(
                HistoryStatements.CopyStatementFigures(catalogue.StatementFigures, template, target, batches),
                transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken)));
    }

    private async Task CopyYearAsync(DbConnection connection, DbTransaction transaction, CopiedTable table, (int Year, int Quarter) template,
        (int Year, int Quarter) target, CancellationToken cancellationToken)
    {
        var filter = HistoryStatements.YearFilter(table, template.Year, template.Quarter);
        var batches = await BatchMapAsync(connection, transaction, table, filter, target.Year, null, cancellationToken);
        Count(table.Name, await connection.ExecuteAsync(new CommandDefinition(HistoryStatements.CopyYear(table, template, target, batches),
            transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken)));
    }

    private sealed record LedgerCopy(int CostCentreKey, string AccountCode, string? AccountName, decimal Budget, decimal Actual);

    private async Task CopyLedgerSliceAsync(DbConnection connection, DbTransaction transaction, int template, int target,
        CancellationToken cancellationToken)
    {
        // Held in memory (a sampled period's ledger, a few hundred rows): one connection cannot read a slice and COPY at once.
        var rows = (await connection.QueryAsync<(int, string, string?, decimal, decimal, int)>(new CommandDefinition(
            "SELECT cost_centre_key, account_code, account_name, budget, actual, batch_id FROM dw.fact_ledger WHERE period_key = @template",
            new { template }, transaction, commandTimeout: 0, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
            return;
        var batch = await BatchAsync(connection, transaction, rows[0].Item6, target / 100, target % 100, cancellationToken);
        var columns = new List<StagingColumn<LedgerCopy>>
        {
            StagingColumn<LedgerCopy>.Of("period_key", _ => target),
            StagingColumn<LedgerCopy>.Of("cost_centre_key", r => r.CostCentreKey),
            StagingColumn<LedgerCopy>.Of("account_code", r => r.AccountCode),
            StagingColumn<LedgerCopy>.Of("account_name", r => r.AccountName),
            StagingColumn<LedgerCopy>.Of("budget", r => r.Budget),
            StagingColumn<LedgerCopy>.Of("actual", r => r.Actual),
            StagingColumn<LedgerCopy>.Of("batch_id", _ => batch),
        };
        await using var reader = new RowReader<LedgerCopy>(rows.Select(r => new LedgerCopy(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5)), columns);
        Count(HistoryCatalogue.Ledger, await engine.ReplaceSliceAsync(connection, transaction, new TableSlice("dw.fact_ledger", "period_key", target),
            columns.Select(c => c.Name).ToList(), reader, cancellationToken));
    }

    /// <summary>For each batch the template rows name (in any lineage column), the batch of the copy.</summary>
    private async Task<IReadOnlyDictionary<int, int>> BatchMapAsync(DbConnection connection, DbTransaction transaction, CopiedTable table,
        string filter, int fiscalYear, int? period, CancellationToken cancellationToken)
    {
        var map = new Dictionary<int, int>();
        foreach (var column in table.BatchColumns)
            foreach (var batch in await connection.QueryAsync<int>(new CommandDefinition(HistoryStatements.DistinctBatches(table.Name, column, filter),
                         transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken)))
                map.TryAdd(batch, await BatchAsync(connection, transaction, batch, fiscalYear, period, cancellationToken));
        return map;
    }

    private sealed record BatchRow(string Source, int? FileId, string State, DateTime StartedUtc, DateTime? FinishedUtc,
        long? RowsRead, long? RowsLoaded, int? RowsRejected);

    /// <summary>The copy of a sampled batch for a period (or a year): made once, with the sampled batch's control totals.</summary>
    private async Task<int> BatchAsync(DbConnection connection, DbTransaction transaction, int template, int fiscalYear, int? period,
        CancellationToken cancellationToken)
    {
        if (_batches.TryGetValue((template, fiscalYear, period), out var known))
            return known;
        var row = await connection.QuerySingleAsync<BatchRow>(new CommandDefinition("""
            SELECT source AS Source, file_id AS FileId, state AS State, started_utc AS StartedUtc, finished_utc AS FinishedUtc,
                   rows_read AS RowsRead, rows_loaded AS RowsLoaded, rows_rejected AS RowsRejected
            FROM etl.batch WHERE batch_id = @template
            """, new { template }, transaction, cancellationToken: cancellationToken));
        var batch = await engine.InsertReturningIdentityAsync(connection, transaction, "etl.batch", "batch_id", new Dictionary<string, object?>
        {
            ["source"] = row.Source,
            ["file_id"] = row.FileId,
            ["fiscal_year_start"] = (short)fiscalYear,
            ["period"] = period is { } p ? (short)p : null,
            ["state"] = row.State,
            ["started_utc"] = row.StartedUtc,
            ["finished_utc"] = row.FinishedUtc,
            ["rows_read"] = row.RowsRead,
            ["rows_loaded"] = row.RowsLoaded,
            ["rows_rejected"] = row.RowsRejected,
            ["message"] = $"bench history: a copy of batch {template}",
        }, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO etl.control_total (batch_id, measure, scope, source_value, loaded_value, tolerance)
            SELECT @batch, measure, scope, source_value, loaded_value, tolerance FROM etl.control_total WHERE batch_id = @template
            """, new { batch, template }, transaction, cancellationToken: cancellationToken));
        _batches[(template, fiscalYear, period)] = batch;
        return batch;
    }

    private void Count(string table, long rows) => _added[table] = _added.GetValueOrDefault(table) + rows;
}
