namespace Warehouse.Etl.Core.Pipeline;

public enum LoadStatus
{
    /// <summary>Loaded and reconciled.</summary>
    Loaded,
    /// <summary>The same bytes were loaded before: nothing done.</summary>
    Duplicate,
    /// <summary>Invalid input: nothing loaded; <see cref="LoadOutcome.Errors"/> say where.</summary>
    Rejected,
    /// <summary>The same bytes were rejected before: nothing done, the earlier errors stand.</summary>
    PreviouslyRejected,
    /// <summary>Control totals did not match what landed: nothing loaded.</summary>
    ReconciliationFailed,
    /// <summary>Another load of the same source holds the lock; try again later.</summary>
    Busy,
}

public sealed record LoadOutcome(
    LoadStatus Status,
    string Source,
    string? File,
    int? BatchId,
    long RowsLoaded,
    string Message,
    IReadOnlyList<RowError> Errors,
    int? SupersededBatchId = null)
{
    public bool Succeeded => Status is LoadStatus.Loaded or LoadStatus.Duplicate;
}
