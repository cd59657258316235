using System.Data.Common;
using System.Globalization;
using System.Text;
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

    public Task<LoadOutcome> LoadFileAsync(ISource source, string path, CancellationToken cancellationToken = default) =>
        LoadFileAsync(source, path, LoadOptions.Default, cancellationToken);

    public async Task<LoadOutcome> LoadFileAsync(ISource source, string path, LoadOptions options, CancellationToken cancellationToken = default)
    {
        var file = SourceFile.Open(path);
        options.Timings?.Mark("file hashed (SHA-256)");
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        options.Timings?.Mark("connected");
        // A restatement refused for lacking parts of its period is run again when the load now says --replace-all.
        var (kind, batchId) = await _ledger.RegisterFileAsync(connection, source.Name, file, cancellationToken, options.Retry || options.ReplaceAll, source is ISlicedSource);
        options.Timings?.Mark("file registered");
        switch (kind)
        {
            case Registration.AlreadyLoaded:
                _logger.LogInformation("batch {BatchId}: {File} was already loaded; nothing to do", batchId, file.FileName);
                return new LoadOutcome(LoadStatus.Duplicate, source.Name, file.FileName, batchId, 0,
                    $"{file.FileName} was already loaded (batch {batchId}) and is still the current data for its period; nothing to do.", []);
            case Registration.AlreadyRejected:
                var errors = await _ledger.RejectionsAsync(connection, batchId, cancellationToken);
                return new LoadOutcome(LoadStatus.PreviouslyRejected, source.Name, file.FileName, batchId, 0,
                    $"{file.FileName} was rejected before (batch {batchId}) and has not changed: fix the file and send it again; " +
                    $"if the cause was outside the file (a reference since loaded), run it again with `load --retry {source.Name} {file.FileName}`.", errors);
        }
        return await RunBatchAsync(connection, source, batchId, file, options, cancellationToken);
    }

    /// <summary>Runs a source that reads an operational system rather than a file.</summary>
    public async Task<LoadOutcome> RunExtractAsync(ISource source, CancellationToken cancellationToken = default)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var batchId = await _ledger.RegisterExtractAsync(connection, source.Name, cancellationToken);
        return await RunBatchAsync(connection, source, batchId, null, LoadOptions.Default, cancellationToken);
    }

    private async Task<LoadOutcome> RunBatchAsync(DbConnection connection, ISource source, int batchId, SourceFile? file,
        LoadOptions options, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["BatchId"] = batchId, ["Source"] = source.Name });
        // Everything a batch stores as text (rejection reasons and values, messages) is built while it runs: under
        // the invariant culture it reads the same whatever the locale of the machine or service account that
        // loaded it (a German server would write 1.234,50). The change stays inside this async call.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        var tx = await LockedTransactionAsync(connection, source, batchId, options, cancellationToken);
        if (tx is null)
        {
            _logger.LogInformation("batch {BatchId}: another load of {Source} is running; left for later", batchId, source.Name);
            return new LoadOutcome(LoadStatus.Busy, source.Name, file?.FileName, batchId, 0, options.LockWait > TimeSpan.Zero
                ? $"Another load of {source.Name} kept its lock for more than {options.LockWait.TotalSeconds:0} s; batch {batchId} waits and runs when the file is loaded again."
                : $"Another load of {source.Name} is running; batch {batchId} waits and runs when the file is loaded again.", []);
        }
        try
        {
            // Registration and the run are one step: under the lock the batch is read again, so a batch another
            // process finished meanwhile is answered as it ended, never re-run (a re-run would fail a committed batch).
            var now = await _ledger.StateAsync(connection, tx, batchId, cancellationToken);
            if (now.IsTerminal())
            {
                await tx.RollbackAsync(CancellationToken.None);
                return await FinishedElsewhereAsync(connection, source, batchId, file, now, cancellationToken);
            }

            options.Timings?.Mark("source lock taken");
            var context = new LoadContext(engine, connection, tx, batchId, source.Name, file, _logger, progress, _time, options) { Timings = options.Timings };
            await PublishAsync(batchId, BatchState.Extracting, tx, connection, cancellationToken);
            options.Timings?.Mark("batch marked running");
            _logger.LogInformation("batch {BatchId}: loading {File} as {Source}", batchId, context.FileName, source.Name);
            var place = ReadingPlace.Begin();
            try
            {
                await source.LoadAsync(context, cancellationToken);
                context.Errors.ThrowIfAny();
                options.Timings?.Mark("source loaded");
            }
            catch (SourceFormatException format)
            {
                throw new SourceRejectedException(new RowError(format.File, format.Sheet, format.Row, format.Column, null, format.Reason));
            }
            catch (Exception failure) when (failure is not SourceRejectedException && engine.DataFault(failure) is { } fault)
            {
                // The database refused a value the checks before it let through: still the data's fault, not an outage.
                _logger.LogWarning(failure, "batch {BatchId}: the database refused a value of {File}", batchId, context.FileName);
                context.Errors.Reject(place.Sheet, null, null, null, fault);
                throw new SourceRejectedException(context.FileName, context.Errors.Kept, context.Errors.Count);
            }
            catch (Exception failure) when (IsReadingFault(failure, place))
            {
                // Nothing foreseen this: the file is refused at the last place read (never a crash), and the stack is logged as the bug it is.
                _logger.LogError(failure, "batch {BatchId}: unexpected fault while reading {File}", batchId, context.FileName);
                throw new SourceRejectedException(new RowError(context.FileName, place.Sheet, place.Row, null, null,
                    failure is OutOfMemoryException or InsufficientMemoryException
                        ? "the file is too large to read here; split it or remove what the return does not need"
                        : "the file could not be read at or after this row (an unexpected content the reader does not handle); check the rows around it"));
            }

            int? superseded = null;
            int? restoredFrom = null;
            if (context.Period is { } period)
            {
                if (file is not null && await _ledger.CurrentWithSameContentAsync(connection, tx, source.Name, period, file.Sha256, batchId, cancellationToken) is { } current)
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    var same = $"{file.FileName} holds the same content as batch {current}, the current data for {period.Label}; nothing to do.";
                    await RecordAsync(connection, batchId, BatchState.Duplicate, same);
                    return new LoadOutcome(LoadStatus.Duplicate, source.Name, file.FileName, batchId, 0, same, []);
                }
                if (file is not null)
                    restoredFrom = await _ledger.SupersededWithSameContentAsync(connection, tx, source.Name, file.Sha256, batchId, cancellationToken);
                superseded = await _ledger.SupersedeAsync(connection, tx, source.Name, period, batchId, cancellationToken);
            }

            options.Timings?.Mark("period superseded");
            var reconciliation = await ReconcileAsync(context, cancellationToken);
            options.Timings?.Mark("control totals reconciled");
            if (!reconciliation.Matches)
            {
                await tx.RollbackAsync(CancellationToken.None);
                return await RecordMismatchAsync(connection, source, batchId, file, reconciliation);
            }
            await _ledger.SaveControlTotalsAsync(connection, tx, batchId, reconciliation.Checks, cancellationToken);
            await _ledger.SetCountsAsync(connection, tx, batchId, context.RowsRead, context.RowsLoaded, 0, context.Period, cancellationToken);
            var message = superseded is null
                ? string.Create(CultureInfo.InvariantCulture, $"Loaded {context.RowsLoaded:N0} rows from {context.FileName}.")
                : string.Create(CultureInfo.InvariantCulture, $"Loaded {context.RowsLoaded:N0} rows from {context.FileName}; restates {context.Period!.Value.Label} (batch {superseded} superseded)")
                  + (restoredFrom is null ? "." : $", back to the content of batch {restoredFrom}.");
            if (context.Note is { } note)
                message += " " + note;
            await _ledger.TransitionAsync(connection, tx, batchId, BatchState.Loaded, message, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            options.Timings?.Mark("committed");
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

    /// <summary>
    /// A transaction holding the source's lock, or null when another load kept it past <see cref="LoadOptions.LockWait"/>.
    /// While it waits the batch is <see cref="BatchState.Waiting"/> (committed, so status shows it).
    /// </summary>
    private async Task<DbTransaction?> LockedTransactionAsync(DbConnection connection, ISource source, int batchId, LoadOptions options,
        CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken);
            if (await engine.TryAcquireLoadLockAsync(connection, tx, "warehouse-load:" + source.Name, cancellationToken))
                return tx;
            await tx.RollbackAsync(CancellationToken.None);
            await tx.DisposeAsync();
            if (!announced)
            {
                announced = true;
                await RecordAsync(connection, batchId, BatchState.Waiting, $"Waiting for another load of {source.Name} to finish.");
                options.OnWaiting?.Invoke($"Another load of {source.Name} is running; waiting up to {options.LockWait.TotalSeconds:0} s for it to finish…");
            }
            if (waited.Elapsed >= options.LockWait)
                return null;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    // The running state is committed on a connection of its own (the batch's transaction holds the data until the
    // end), so others see the batch running; a crash leaves it so, and whether a process still holds the source's
    // lock tells running from interrupted (LoadActivity).
    private async Task PublishAsync(int batchId, BatchState state, DbTransaction tx, DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var side = engine.CreateConnection();
            await side.OpenAsync(cancellationToken);
            await using var record = await side.BeginTransactionAsync(cancellationToken);
            await _ledger.TransitionAsync(side, record, batchId, state, null, cancellationToken);
            await record.CommitAsync(cancellationToken);
        }
        catch (DbException)
        {
            // a second connection refused (a connection limit): record the state inside the batch instead
            await _ledger.TransitionAsync(connection, tx, batchId, state, null, cancellationToken);
        }
    }

    private async Task RecordAsync(DbConnection connection, int batchId, BatchState state, string message)
    {
        try
        {
            await using var record = await connection.BeginTransactionAsync(CancellationToken.None);
            if (state == BatchState.Waiting)
                await _ledger.TransitionIfUnfinishedAsync(connection, record, batchId, state, message, CancellationToken.None);
            else
                await _ledger.TransitionAsync(connection, record, batchId, state, message, CancellationToken.None);
            await record.CommitAsync(CancellationToken.None);
        }
        catch (DbException failure) when (state == BatchState.Waiting)
        {
            _logger.LogDebug(failure, "batch {BatchId}: the waiting state was not recorded", batchId); // informational only
        }
    }

    // Another process ran the same batch while this one waited for the lock: answer with how it ended.
    private async Task<LoadOutcome> FinishedElsewhereAsync(DbConnection connection, ISource source, int batchId, SourceFile? file, BatchState state,
        CancellationToken cancellationToken)
    {
        _logger.LogInformation("batch {BatchId}: finished by another process ({State}) while this one waited", batchId, state.Stored());
        return state switch
        {
            BatchState.Rejected => new LoadOutcome(LoadStatus.PreviouslyRejected, source.Name, file?.FileName, batchId, 0,
                $"{file?.FileName ?? source.Name} was rejected by another load at the same time (batch {batchId}).",
                await _ledger.RejectionsAsync(connection, batchId, cancellationToken)),
            BatchState.Failed => new LoadOutcome(LoadStatus.Busy, source.Name, file?.FileName, batchId, 0,
                $"Another load of the same file failed at the same time (batch {batchId}); load it again.", []),
            _ => new LoadOutcome(LoadStatus.Duplicate, source.Name, file?.FileName, batchId, 0,
                $"{file?.FileName ?? source.Name} was loaded by another load at the same time (batch {batchId}); nothing to do.", []),
        };
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

    // A fault raised while a file was being read (the reader had reached a row) of the kinds that unforeseen content
    // causes (a conversion, a range, a lookup, a malformed part): the file's, not the database's or the network's.
    // An InvalidOperationException stays what it is (an unexpected state: a bug, exit 4).
    private static bool IsReadingFault(Exception failure, ReadingPlace place) =>
        place.Row is not null && failure is OverflowException or FormatException or InvalidCastException or ArgumentException
            or IndexOutOfRangeException or KeyNotFoundException or NullReferenceException or System.Xml.XmlException
            or InvalidDataException or OutOfMemoryException or InsufficientMemoryException or DecoderFallbackException;

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
