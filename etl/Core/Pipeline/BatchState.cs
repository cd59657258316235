namespace Warehouse.Etl.Core.Pipeline;

/// <summary>
/// The states the pipeline moves a batch through (`etl.batch.state`, `etl.batch_state_history.state`). Only
/// states the code enters are here: the reference table `etl.batch_state` may list more, but a state nothing
/// enters is not part of the protocol. <see cref="BatchStates"/> is the one mapping to the stored spelling.
/// </summary>
public enum BatchState
{
    /// <summary>File or extract registered; nothing read yet (also what an interrupted batch is left in).</summary>
    Received,
    /// <summary>Waiting for the source's lock: another load of the same source is running.</summary>
    Waiting,
    /// <summary>Reading, validating, staging and merging, inside the batch's transaction (committed when it starts, so
    /// others see it running; a batch left here whose source's lock nobody holds was interrupted).</summary>
    Extracting,
    /// <summary>Loaded and reconciled.</summary>
    Loaded,
    /// <summary>Invalid input: nothing loaded, the errors are in `etl.rejection`.</summary>
    Rejected,
    /// <summary>An infrastructure or programming failure, or a reconciliation mismatch: nothing loaded.</summary>
    Failed,
    /// <summary>Replaced by a later restatement of the same period.</summary>
    Superseded,
    /// <summary>The file's content is already the current slice of the period it covers: nothing changed.</summary>
    Duplicate,
}

public static class BatchStates
{
    private static readonly Dictionary<BatchState, string> Spellings = new()
    {
        [BatchState.Received] = "received",
        [BatchState.Waiting] = "waiting",
        [BatchState.Extracting] = "extracting",
        [BatchState.Loaded] = "loaded",
        [BatchState.Rejected] = "rejected",
        [BatchState.Failed] = "failed",
        [BatchState.Superseded] = "superseded",
        [BatchState.Duplicate] = "duplicate",
    };

    private static readonly Dictionary<string, BatchState> ByStored = Spellings.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>A batch that was registered but not finished: a crash left it, and the next attempt resumes it.</summary>
    public static IReadOnlyList<BatchState> Unfinished { get; } = [BatchState.Received, BatchState.Waiting, BatchState.Extracting];

    /// <summary>The spelling stored in `etl.batch.state` (a key of `etl.batch_state`).</summary>
    public static string Stored(this BatchState state) => Spellings[state];

    /// <summary>The state a stored spelling names; a spelling the pipeline never writes is a fault, not a guess.</summary>
    public static BatchState Parse(string stored) => ByStored.TryGetValue(stored, out var state)
        ? state
        : throw new FormatException($"'{stored}' is not a batch state the pipeline enters ({string.Join(", ", Spellings.Values)}).");

    public static bool IsTerminal(this BatchState state) => !Unfinished.Contains(state);

    /// <summary>The batch's data is (or was, until restated) in the warehouse.</summary>
    public static bool HasLoaded(this BatchState state) => state is BatchState.Loaded or BatchState.Superseded;
}
