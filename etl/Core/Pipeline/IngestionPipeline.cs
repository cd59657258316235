using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Warehouse.Database.Engines;

namespace Warehouse.Etl.Core.Pipeline;

/// <summary>
/// register (SHA-256) → extract, validate and stage → load → reconcile, with the data moving in one
/// transaction per batch: a crash or an error at any point leaves the old state or the new one, never
/// a mix. Invalid input is rejected whole, with every error's place recorded; the same bytes again are a
/// no-op; a new file for a period already loaded restates it and supersedes the earlier batch.
/// </summary>
/// <param name="time">The clock batches are stamped with (default the system's; tests fix it).</param>
public sealed class IngestionPipeline(IWarehouseEngine engine, ILogger? logger = null, IProgress<LoadProgress>? progress = null,
    TimeProvider? time = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly BatchLedger _ledger = new(engine, time ?? TimeProvider.System);

    public async Task<LoadOutcome> LoadFileAsync(ISource source, string path, CancellationToken cancellationToken = default)
    {
        var file = SourceFile.Open(path);
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var (kind, batchId) = await _ledger.RegisterFileAsync(connection, source.Name, file, cancellationToken);
        switch (kind)
        {
            case Registration.AlreadyLoaded:
                _logger.LogInformation("batch {BatchId}: {File} was already loaded; nothing to do", batchId, file.FileName);
                return new LoadOutcome(LoadStatus.Duplicate, source.Name, file.FileName, batchId, 0,
                    $"{file.FileName} was already loaded (batch {batchId}); nothing to do.", []);
            case Registration.AlreadyRejected:
                var errors = await _ledger.RejectionsAsync(connection, batchId, cancellationToken);
                return new LoadOutcome(LoadStatus.PreviouslyRejected, source.Name, file.FileName, batchId, 0,
                    $"{file.FileName} was rejected before (batch {batchId}) and has not changed: fix the file and send it again.", errors);
        }
        return await RunBatchAsync(connection, source, batchId, file, cancellationToken);
    }

    /// <summary>Runs a source that reads an operational system rather than a file.</summary>
    public async Task<LoadOutcome> RunExtractAsync(ISource source, CancellationToken cancellationToken = default)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var batchId = await _ledger.RegisterExtractAsync(connection, source.Name, cancellationToken);
        return await RunBatchAsync(connection, source, batchId, null, cancellationToken);
    }

    private async Task<LoadOutcome> RunBatchAsync(DbConnection connection, ISource source, int batchId, SourceFile? file,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["BatchId"] = batchId, ["Source"] = source.Name });
        // Everything a batch stores as text (rejection reasons and values, messages) is built while it runs: under
        // the invariant culture it reads the same whatever the locale of the machine or service account that
        // loaded it (a German server would write 1.234,50). The change stays inside this async call.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        var tx = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await engine.TryAcquireLoadLockAsync(connection, tx, "warehouse-load:" + source.Name, cancellationToken))
            {
                await tx.RollbackAsync(cancellationToken);
                _logger.LogInformation("batch {BatchId}: another load of {Source} is running; left for later", batchId, source.Name);
                return new LoadOutcome(LoadStatus.Busy, source.Name, file?.FileName, batchId, 0,
                    $"Another load of {source.Name} is running; batch {batchId} will run after it.", []);
            }

            var context = new LoadContext(engine, connection, tx, batchId, source.Name, file, _logger, progress, _time);
            await _ledger.TransitionAsync(connection, tx, batchId, BatchState.Extracting, null, cancellationToken);
            _logger.LogInformation("batch {BatchId}: loading {File} as {Source}", batchId, context.FileName, source.Name);
            try
            {
                await source.LoadAsync(context, cancellationToken);
                context.Errors.ThrowIfAny();
            }
            catch (SourceFormatException format)
            {
                throw new SourceRejectedException(new RowError(format.File, format.Sheet, format.Row, null, null, format.Reason));
            }

            int? superseded = null;
            if (context.Period is { } period)
                superseded = await _ledger.SupersedeAsync(connection, tx, source.Name, period, batchId, cancellationToken);

            var reconciliation = await ReconcileAsync(context, cancellationToken);
            if (!reconciliation.Matches)
            {
                await tx.RollbackAsync(CancellationToken.None);
                return await RecordMismatchAsync(connection, source, batchId, file, reconciliation);
            }
            await _ledger.SaveControlTotalsAsync(connection, tx, batchId, reconciliation.Checks, cancellationToken);
            await _ledger.SetCountsAsync(connection, tx, batchId, context.RowsRead, context.RowsLoaded, 0, context.Period, cancellationToken);
            var message = superseded is null
                ? string.Create(CultureInfo.InvariantCulture, $"Loaded {context.RowsLoaded:N0} rows from {context.FileName}.")
                : string.Create(CultureInfo.InvariantCulture, $"Loaded {context.RowsLoaded:N0} rows from {context.FileName}; restates {context.Period!.Value.Label} (batch {superseded} superseded).");
            await _ledger.TransitionAsync(connection, tx, batchId, BatchState.Loaded, message, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            _logger.LogInformation("batch {BatchId}: {Message}", batchId, message);
            return new LoadOutcome(LoadStatus.Loaded, source.Name, file?.FileName, batchId, context.RowsLoaded, message, [], superseded);
        }
        catch (SourceRejectedException rejected)
        {
            // Recorded whatever the token says (here and below): the outcome of work already done must survive a shutdown.
            await tx.RollbackAsync(CancellationToken.None);
            await using var record = await connection.BeginTransactionAsync(CancellationToken.None);
            await _ledger.SaveRejectionsAsync(connection, record, batchId, rejected.Errors, CancellationToken.None);
            await _ledger.SetCountsAsync(connection, record, batchId, null, 0, rejected.TotalErrors, null, CancellationToken.None);
            await _ledger.TransitionAsync(connection, record, batchId, BatchState.Rejected, rejected.Message, CancellationToken.None);
            await record.CommitAsync(CancellationToken.None);
            _logger.LogWarning("batch {BatchId}: rejected: {Message}", batchId, rejected.Message);
            return new LoadOutcome(LoadStatus.Rejected, source.Name, file?.FileName, batchId, 0, rejected.Message, rejected.Errors);
        }
        catch (Exception failure)
        {
            await SafeRollbackAsync(tx);
            await TryMarkFailedAsync(connection, batchId, failure);
            throw;
        }
        finally
        {
            await tx.DisposeAsync();
        }
    }

    // The data rolled back; what was compared stays in etl, so report.reconciliation shows the mismatch.
    private async Task<LoadOutcome> RecordMismatchAsync(DbConnection connection, ISource source, int batchId, SourceFile? file,
        Reconciliation reconciliation)
    {
        await using var record = await connection.BeginTransactionAsync(CancellationToken.None);
        await _ledger.SaveControlTotalsAsync(connection, record, batchId, reconciliation.Checks, CancellationToken.None);
        await _ledger.TransitionAsync(connection, record, batchId, BatchState.Failed, reconciliation.Message, CancellationToken.None);
        await record.CommitAsync(CancellationToken.None);
        _logger.LogError("batch {BatchId}: {Message}", batchId, reconciliation.Message);
        return new LoadOutcome(LoadStatus.ReconciliationFailed, source.Name, file?.FileName, batchId, 0, reconciliation.Message, []);
    }

    private static async Task<Reconciliation> ReconcileAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var landed = new Dictionary<(string, string), decimal>();
        if (context.Control.LandedQuery is { } query)
        {
            foreach (var row in await context.QueryAsync<(string measure, string scope, decimal value)>(query, new { batchId = context.BatchId, periodKey = context.Period?.Key }, cancellationToken))
                landed[(row.measure, row.scope ?? "")] = row.value;
        }
        return new Reconciliation(context.Control.Expected
            .OrderBy(e => e.Key.Measure, StringComparer.Ordinal).ThenBy(e => e.Key.Scope, StringComparer.Ordinal)
            .Select(e => new ControlCheck(e.Key.Measure, e.Key.Scope, e.Value.Value,
                landed.TryGetValue(e.Key, out var value) ? value : null, e.Value.Tolerance))
            .ToList());
    }

    private static async Task SafeRollbackAsync(DbTransaction tx)
    {
        try { await tx.RollbackAsync(CancellationToken.None); }
        catch (Exception) { /* the connection may already be gone; the server rolls back on its own */ }
    }

    // Infrastructure failure: record it if the database still answers, so the next run starts a fresh batch.
    private async Task TryMarkFailedAsync(DbConnection connection, int batchId, Exception failure)
    {
        try
        {
            await using var record = await connection.BeginTransactionAsync(CancellationToken.None);
            await _ledger.TransitionAsync(connection, record, batchId, BatchState.Failed, $"{failure.GetType().Name}: {failure.Message}", CancellationToken.None);
            await record.CommitAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            _logger.LogError(failure, "batch {BatchId}: failed and could not be marked failed; it will be resumed", batchId);
        }
    }
}
