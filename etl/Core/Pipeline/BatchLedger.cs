using System.Data.Common;
using Dapper;
using Warehouse.Database.Engines;

namespace Warehouse.Etl.Core.Pipeline;

/// <summary>What the registry knows of a file offered for loading.</summary>
public enum Registration
{
    /// <summary>A batch is ready to run (new file, a retry after a failure, or an interrupted batch to resume).</summary>
    Run,
    /// <summary>The same bytes were loaded before.</summary>
    AlreadyLoaded,
    /// <summary>The same bytes were rejected before; invalid data is not retried unless asked (<c>load --retry</c>).</summary>
    AlreadyRejected,
}

/// <summary>
/// The etl control tables: file registry (by SHA-256), batches and the history of their states,
/// control totals and rejections. Every write here is small; the data itself moves in the load transaction.
/// </summary>
public sealed class BatchLedger(IWarehouseEngine engine, TimeProvider time)
{
    /// <summary>
    /// Registers a file (once per source and SHA-256) and returns the batch to run, or why not to. Exactly-once is
    /// by content and period: the bytes are answered "already loaded" only while their batch is still the current
    /// slice of its period and the file comes under the same name (a portfolio return's period is in its name);
    /// a superseded file sent again restates its period back; the same bytes under another name run, and the
    /// pipeline compares content once the period is known. A rejected file is refused unchanged unless
    /// <paramref name="retry"/> says its cause was outside the file and is fixed.
    /// </summary>
    public async Task<(Registration Kind, int BatchId)> RegisterFileAsync(DbConnection connection, string source, SourceFile file,
        CancellationToken cancellationToken, bool retry = false, bool sliced = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var registered = await connection.QueryFirstOrDefaultAsync<(int file_id, string file_name)?>(new CommandDefinition(
                    "SELECT file_id, file_name FROM etl.file_registry WHERE source = @source AND sha256 = @sha",
                    new { source, sha = file.Sha256 }, tx, cancellationToken: cancellationToken));
                int fileId;
                if (registered is null)
                {
                    fileId = await engine.InsertReturningIdentityAsync(connection, tx, "etl.file_registry", "file_id", new Dictionary<string, object?>
                    {
                        ["source"] = source, ["file_name"] = file.FileName, ["sha256"] = file.Sha256, ["size_bytes"] = file.SizeBytes,
                        ["received_utc"] = time.GetUtcNow(),
                    }, cancellationToken);
                }
                else
                {
                    fileId = registered.Value.file_id;
                    var latest = await connection.QueryFirstOrDefaultAsync<(int batch_id, string state, short? period, string? file_name)?>(new CommandDefinition(
                        """
                        SELECT b.batch_id, b.state, b.period, n.file_name FROM etl.batch AS b
                        LEFT JOIN etl.batch_file_name AS n ON n.batch_id = b.batch_id
                        WHERE b.file_id = @fileId ORDER BY b.batch_id DESC OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY
                        """,
                        new { fileId }, tx, cancellationToken: cancellationToken));
                    if (latest is { } batch)
                    {
                        var state = BatchStates.Parse(batch.state);
                        // The name is part of what was judged (its type, a period it states): renamed bytes are judged again.
                        var sameName = string.Equals(batch.file_name ?? registered.Value.file_name, file.FileName, StringComparison.Ordinal);
                        // Without a period, a loaded batch is current while it is the source's latest (a whole snapshot),
                        // or, for a sliced source, until the source marks it superseded.
                        var current = state == BatchState.Loaded && sameName
                            && (batch.period is not null || sliced || await IsLatestLoadedAsync(connection, tx, source, batch.batch_id, cancellationToken));
                        var verdict = state switch
                        {
                            BatchState.Loaded when current => (Registration?)Registration.AlreadyLoaded,
                            BatchState.Rejected when !retry && sameName => Registration.AlreadyRejected,
                            // interrupted or running elsewhere: the same batch (the pipeline re-checks it under the lock)
                            BatchState.Received or BatchState.Waiting or BatchState.Extracting => Registration.Run,
                            _ => null, // failed, superseded, duplicate, renamed, retried: a new batch
                        };
                        if (verdict is not null)
                        {
                            await tx.CommitAsync(cancellationToken);
                            return (verdict.Value, batch.batch_id);
                        }
                    }
                }
                var batchId = await NewBatchAsync(connection, tx, source, fileId, cancellationToken, file.FileName);
                await tx.CommitAsync(cancellationToken);
                return (Registration.Run, batchId);
            }
            catch (DbException) when (attempt == 0)
            {
                // Another worker registered the same bytes at the same moment: read what it wrote.
                await tx.RollbackAsync(cancellationToken);
            }
        }
    }

    // A source without periods (reference data): its latest loaded batch is what the warehouse holds.
    private static async Task<bool> IsLatestLoadedAsync(DbConnection connection, DbTransaction tx, string source, int batchId,
        CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(batch_id) FROM etl.batch WHERE source = @source AND state = @loaded",
            new { source, loaded = BatchState.Loaded.Stored() }, tx, cancellationToken: cancellationToken)) == batchId;

    /// <summary>The batch's state now (read inside the caller's transaction, after it holds the source's lock).</summary>
    public async Task<BatchState> StateAsync(DbConnection connection, DbTransaction tx, int batchId, CancellationToken cancellationToken) =>
        BatchStates.Parse(await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT state FROM etl.batch WHERE batch_id = @batchId", new { batchId }, tx, cancellationToken: cancellationToken)) ?? "failed");

    /// <summary>
    /// The loaded batch that is the current slice of the source's period, when its file has these bytes: the file
    /// offered is then a duplicate by content and period.
    /// </summary>
    public Task<int?> CurrentWithSameContentAsync(DbConnection connection, DbTransaction tx, string source, FiscalPeriod period,
        string sha256, int batchId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int?>(new CommandDefinition("""
            SELECT MAX(b.batch_id) FROM etl.batch AS b
            JOIN etl.file_registry AS f ON f.file_id = b.file_id
            WHERE b.source = @source AND b.fiscal_year_start = @fy AND b.period = @period AND b.state = @loaded
              AND f.sha256 = @sha256 AND b.batch_id <> @batchId
            """, new { source, fy = (short)period.FiscalYearStart, period = (short)period.Period, loaded = BatchState.Loaded.Stored(), sha256, batchId },
            tx, cancellationToken: cancellationToken));

    /// <summary>The earlier batch of these bytes that a restatement puts back (the latest superseded one), if any.</summary>
    public Task<int?> SupersededWithSameContentAsync(DbConnection connection, DbTransaction tx, string source, string sha256, int batchId,
        CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int?>(new CommandDefinition("""
            SELECT MAX(b.batch_id) FROM etl.batch AS b
            JOIN etl.file_registry AS f ON f.file_id = b.file_id
            WHERE b.source = @source AND b.state = @superseded AND f.sha256 = @sha256 AND b.batch_id <> @batchId
            """, new { source, superseded = BatchState.Superseded.Stored(), sha256, batchId }, tx, cancellationToken: cancellationToken));

    /// <summary>A batch for an extract from an operational system (no file); resumes an interrupted one.</summary>
    public async Task<int> RegisterExtractAsync(DbConnection connection, string source, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var unfinished = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(batch_id) FROM etl.batch WHERE source = @source AND file_id IS NULL AND state IN (@received, @waiting, @extracting)",
            new { source, received = BatchState.Received.Stored(), waiting = BatchState.Waiting.Stored(), extracting = BatchState.Extracting.Stored() }, tx, cancellationToken: cancellationToken));
        var batchId = unfinished ?? await NewBatchAsync(connection, tx, source, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return batchId;
    }

    private async Task<int> NewBatchAsync(DbConnection connection, DbTransaction tx, string source, int? fileId, CancellationToken cancellationToken,
        string? fileName = null)
    {
        var now = time.GetUtcNow();
        var batchId = await engine.InsertReturningIdentityAsync(connection, tx, "etl.batch", "batch_id", new Dictionary<string, object?>
        {
            ["source"] = source, ["file_id"] = fileId, ["state"] = BatchState.Received.Stored(), ["started_utc"] = now,
        }, cancellationToken);
        if (fileName is not null)
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO etl.batch_file_name (batch_id, file_name) VALUES (@batchId, @fileName)",
                new { batchId, fileName = Truncate(fileName, 400) }, tx, cancellationToken: cancellationToken));
        await AppendHistoryAsync(connection, tx, batchId, BatchState.Received, null, cancellationToken);
        return batchId;
    }

    public async Task TransitionAsync(DbConnection connection, DbTransaction tx, int batchId, BatchState state, string? message,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE etl.batch SET state = @state, message = COALESCE(@message, message), finished_utc = @finished WHERE batch_id = @batchId",
            new { batchId, state = state.Stored(), message = Truncate(message, 2000), finished = state.IsTerminal() ? time.GetUtcNow() : (DateTimeOffset?)null },
            tx, cancellationToken: cancellationToken));
        await AppendHistoryAsync(connection, tx, batchId, state, message, cancellationToken);
    }

    /// <summary>
    /// Moves a batch to <paramref name="state"/> only while it is unfinished; false when it has ended meanwhile. A load
    /// waiting for the lock records "waiting" this way, so it never reopens a batch another process just finished.
    /// </summary>
    public async Task<bool> TransitionIfUnfinishedAsync(DbConnection connection, DbTransaction tx, int batchId, BatchState state, string? message,
        CancellationToken cancellationToken)
    {
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            // The unfinished states (BatchStates.Unfinished) spelled out: Dapper sends a list as an array, which only PostgreSQL reads.
            "UPDATE etl.batch SET state = @state, message = COALESCE(@message, message) WHERE batch_id = @batchId AND state IN (@received, @waiting, @extracting)",
            new
            {
                batchId, state = state.Stored(), message = Truncate(message, 2000),
                received = BatchState.Received.Stored(), waiting = BatchState.Waiting.Stored(), extracting = BatchState.Extracting.Stored(),
            },
            tx, cancellationToken: cancellationToken));
        if (moved == 0)
            return false;
        await AppendHistoryAsync(connection, tx, batchId, state, message, cancellationToken);
        return true;
    }

    private Task AppendHistoryAsync(DbConnection connection, DbTransaction tx, int batchId, BatchState state, string? message,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO etl.batch_state_history (batch_id, sequence_no, state, entered_utc, message)
            SELECT @batchId, COALESCE(MAX(sequence_no), 0) + 1, @state, @now, @message
            FROM etl.batch_state_history WHERE batch_id = @batchId
            """, new { batchId, state = state.Stored(), now = time.GetUtcNow(), message = Truncate(message, 2000) }, tx, cancellationToken: cancellationToken));

    public Task SetCountsAsync(DbConnection connection, DbTransaction tx, int batchId, long? rowsRead, long? rowsLoaded, int? rowsRejected,
        FiscalPeriod? period, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            UPDATE etl.batch SET rows_read = @rowsRead, rows_loaded = @rowsLoaded, rows_rejected = @rowsRejected,
                   fiscal_year_start = COALESCE(@fy, fiscal_year_start), period = COALESCE(@period, period)
            WHERE batch_id = @batchId
            """, new { batchId, rowsRead, rowsLoaded, rowsRejected, fy = (short?)period?.FiscalYearStart, period = (short?)period?.Period },
            tx, cancellationToken: cancellationToken));

    /// <summary>Marks earlier loaded batches of the same source and period as superseded by this one.</summary>
    public async Task<int?> SupersedeAsync(DbConnection connection, DbTransaction tx, string source, FiscalPeriod period, int batchId,
        CancellationToken cancellationToken)
    {
        var previous = (await connection.QueryAsync<int>(new CommandDefinition("""
            SELECT batch_id FROM etl.batch
            WHERE source = @source AND fiscal_year_start = @fy AND period = @period AND state = @loaded AND batch_id <> @batchId
            """, new { source, fy = (short)period.FiscalYearStart, period = (short)period.Period, batchId, loaded = BatchState.Loaded.Stored() },
            tx, cancellationToken: cancellationToken))).ToList();
        foreach (var id in previous)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE etl.batch SET superseded_by_batch_id = @batchId WHERE batch_id = @id",
                new { batchId, id }, tx, cancellationToken: cancellationToken));
            await TransitionAsync(connection, tx, id, BatchState.Superseded, $"Restated by batch {batchId}", cancellationToken);
        }
        return previous.Count == 0 ? null : previous.Max();
    }

    public Task SaveControlTotalsAsync(DbConnection connection, DbTransaction tx, int batchId, IEnumerable<ControlCheck> checks,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO etl.control_total (batch_id, measure, scope, source_value, loaded_value, tolerance)
            VALUES (@batchId, @Measure, @Scope, @SourceValue, @LoadedValue, @Tolerance)
            """, checks.Select(c => new { batchId, c.Measure, Scope = Truncate(c.Scope, 200) ?? "", c.SourceValue, c.LoadedValue, c.Tolerance }).ToList(),
            tx, cancellationToken: cancellationToken));

    public Task SaveRejectionsAsync(DbConnection connection, DbTransaction tx, int batchId, IEnumerable<RowError> errors,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO etl.rejection (batch_id, file_name, sheet, row_number, column_name, value, reason)
            VALUES (@batchId, @File, @Sheet, @Row, @Column, @Value, @Reason)
            """, errors.Select(e => new
        {
            batchId,
            File = Truncate(e.File, 400),
            Sheet = Truncate(e.Sheet, 100),
            e.Row,
            Column = Truncate(e.Column, 200),
            Value = Truncate(e.Value, 400),
            Reason = Truncate(e.Reason, 1000),
        }).ToList(), tx, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<RowError>> RejectionsAsync(DbConnection connection, int batchId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(string file_name, string? sheet, int? row_number, string? column_name, string? value, string reason)>(new CommandDefinition(
            "SELECT file_name, sheet, row_number, column_name, value, reason FROM etl.rejection WHERE batch_id = @batchId ORDER BY rejection_id",
            new { batchId }, cancellationToken: cancellationToken)))
        .Select(r => new RowError(r.file_name, r.sheet, r.row_number, r.column_name, r.value, r.reason)).ToList();

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
