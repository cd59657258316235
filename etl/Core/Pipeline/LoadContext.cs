using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging;
using Warehouse.Database.Engines;

namespace Warehouse.Etl.Core.Pipeline;

/// <summary>Progress of a long load: rows so far and time taken.</summary>
public sealed record LoadProgress(string Source, int BatchId, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>Everything a source needs while it loads one batch, inside the batch's transaction.</summary>
public sealed class LoadContext
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IProgress<LoadProgress>? _progress;
    private long _lastReportedRows;
    private TimeSpan _lastReportedAt;

    internal LoadContext(IWarehouseEngine engine, DbConnection connection, DbTransaction transaction, int batchId,
        string source, SourceFile? file, ILogger logger, IProgress<LoadProgress>? progress, TimeProvider time, LoadOptions? options = null)
    {
        Options = options ?? LoadOptions.Default;
        Time = time;
        Engine = engine;
        Connection = connection;
        Transaction = transaction;
        BatchId = batchId;
        Source = source;
        File = file;
        Logger = logger;
        _progress = progress;
        Errors = new RowErrors(FileName);
        RowProgress = new RowsReadProgress(this);
    }

    /// <summary>How the load was asked for (`--replace-all`…); the inbox and the jobs use the default.</summary>
    public LoadOptions Options { get; }

    public IWarehouseEngine Engine { get; }

    /// <summary>Where a source may mark its own steps (<see cref="LoadOptions.Timings"/>); null when nobody asked.</summary>
    public StepTimings? Timings { get; init; }

    public void Mark(string step) => Timings?.Mark(step);
    public DbConnection Connection { get; }
    public DbTransaction Transaction { get; }
    public int BatchId { get; }
    public string Source { get; }

    /// <summary>The file being loaded; null for extracts from operational databases.</summary>
    public SourceFile? File { get; }

    public string FileName => File?.FileName ?? Source;
    public ILogger Logger { get; }

    /// <summary>The pipeline's clock: what "today" is for a source that derives figures up to it.</summary>
    public TimeProvider Time { get; }
    /// <summary>Where the readers of this batch report bad cells; a rejection lists them.</summary>
    public RowErrors Errors { get; }

    /// <summary>Rows read so far, for a reader to report into (it calls <see cref="ReportRows"/>).</summary>
    public IProgress<long> RowProgress { get; }
    public ControlTotals Control { get; } = new();

    /// <summary>The reporting period this batch covers; a later batch for the same period restates it.</summary>
    public FiscalPeriod? Period
    {
        get => _period;
        set
        {
            // The last check before the database: a period its calendar lacks would fail on the key, unnamed.
            if (value is { } period && !Cells.InCalendar(period))
                throw new SourceRejectedException(new RowError(FileName, null, null, "Period", period.Label,
                    $"{period.Label} is not a period of the warehouse calendar ({Cells.CalendarRange})"));
            _period = value;
        }
    }

    private FiscalPeriod? _period;

    /// <summary>A sub-slice within the period when a source loads parts separately (e.g. one service area).</summary>
    public string? Scope { get; set; }

    /// <summary>A sentence the loaded batch's message ends with: what the load did beyond its rows (kept in etl.batch).</summary>
    public string? Note { get; set; }

    public long RowsRead { get; set; }
    public long RowsLoaded { get; set; }

    public void Reject(SheetRow row, string? column, object? value, string reason) => Errors.Reject(row, column, value, reason);

    public bool RejectIfWiderThanHeader(SheetRow row, HeaderMap header) => Errors.RejectIfWiderThanHeader(row, header);

    public void Reject(string? sheet, int? row, string? column, string? value, string reason) =>
        Errors.Reject(sheet, row, column, value, reason);

    /// <summary>Reports progress at most once a second, so a terminal or log shows a long load moving.</summary>
    public void ReportRows(long rowsSoFar)
    {
        RowsRead = rowsSoFar;
        if (_progress is null || _clock.Elapsed - _lastReportedAt < TimeSpan.FromSeconds(1) || rowsSoFar == _lastReportedRows)
            return;
        _lastReportedAt = _clock.Elapsed;
        _lastReportedRows = rowsSoFar;
        _progress.Report(new LoadProgress(Source, BatchId, rowsSoFar, _clock.Elapsed));
    }

    /// <summary>Bulk-copies rows into a staging table, tagging each with this batch.</summary>
    public Task<long> StageAsync<T>(string table, IEnumerable<T> rows, IReadOnlyList<StagingColumn<T>> columns,
        CancellationToken cancellationToken)
    {
        var withBatch = new List<StagingColumn<T>> { new("batch_id", typeof(int), _ => BatchId) };
        withBatch.AddRange(columns);
        // Staging rows keep their place in the file as source_row: that is the row an error names.
        var sourceRow = columns.FirstOrDefault(c => c.Name == "source_row");
        return BulkCopyAsync(table, rows, withBatch, cancellationToken,
            sourceRow is null ? null : row => sourceRow.Value(row) is int number ? number : null);
    }

    /// <summary>
    /// Bulk-copies rows into any table inside the batch's transaction; the columns are exactly those given.
    /// A text value longer than its column rejects the file, naming the row (from <paramref name="sourceRow"/>),
    /// the column and the value, instead of failing the copy with no place named.
    /// </summary>
    public Task<long> BulkCopyAsync<T>(string table, IEnumerable<T> rows, IReadOnlyList<StagingColumn<T>> columns,
        CancellationToken cancellationToken, Func<T, int?>? sourceRow = null, string? sheet = null) =>
        CopyNamingTheRowAsync(rows, columns, (names, reader) => Engine.BulkCopyAsync(Connection, Transaction, table, names, reader, cancellationToken),
            sourceRow, sheet);

    /// <summary>
    /// Replaces one slice of a fact (a period of dw.fact_ledger) with the rows, through the engine's swap
    /// (<see cref="IWarehouseEngine.ReplaceSliceAsync"/>); a text too long for its column is rejected as in
    /// <see cref="BulkCopyAsync{T}"/>.
    /// </summary>
    public Task<long> ReplaceSliceAsync<T>(TableSlice slice, IEnumerable<T> rows, IReadOnlyList<StagingColumn<T>> columns,
        CancellationToken cancellationToken, Func<T, int?>? sourceRow = null, string? sheet = null) =>
        CopyNamingTheRowAsync(rows, columns, (names, reader) => Engine.ReplaceSliceAsync(Connection, Transaction, slice, names, reader, cancellationToken, Timings is null ? null : Mark),
            sourceRow, sheet);

    private async Task<long> CopyNamingTheRowAsync<T>(IEnumerable<T> rows, IReadOnlyList<StagingColumn<T>> columns,
        Func<IReadOnlyList<string>, RowReader<T>, Task<long>> copy, Func<T, int?>? sourceRow, string? sheet)
    {
        var reader = new RowReader<T>(rows, columns);
        try
        {
            return await copy(columns.Select(c => c.Name).ToList(), reader);
        }
        catch (Exception failure) when (ExceptionChain.Find<ValueTooLongException>(failure) is { } tooLong) // SqlBulkCopy may wrap it
        {
            var row = sourceRow is not null && reader.RowsRead > 0 ? sourceRow(reader.Current) : null;
            reader.Dispose(); // rows read on another thread (BackgroundRows) stop before this one records the rejection
            Reject(sheet, row, tooLong.Column, tooLong.Value,
                $"is {tooLong.Value.Length} characters long; the warehouse holds at most {tooLong.MaxLength} in {tooLong.Column}");
            throw new SourceRejectedException(FileName, Errors.Kept, Errors.Count); // the copy has stopped: nothing more can be read into it
        }
        finally
        {
            reader.Dispose();
        }
    }

    public Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        Connection.ExecuteAsync(new CommandDefinition(sql, parameters, Transaction, commandTimeout: 0, cancellationToken: cancellationToken));

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        Connection.QueryAsync<T>(new CommandDefinition(sql, parameters, Transaction, commandTimeout: 0, cancellationToken: cancellationToken));

    public Task<T?> ScalarAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        Connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, Transaction, commandTimeout: 0, cancellationToken: cancellationToken));
}

/// <summary>Synchronous, unlike <see cref="Progress{T}"/>: the count is taken on the reader's own thread, in order.</summary>
file sealed class RowsReadProgress(LoadContext context) : IProgress<long>
{
    public void Report(long value) => context.ReportRows(value);
}
