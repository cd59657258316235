using Dapper;
using Warehouse.Database.Engines;

namespace Warehouse.Etl.Core.Pipeline;

/// <summary>What an unfinished batch is doing now, which its stored state alone cannot say after a crash.</summary>
public enum BatchActivity
{
    /// <summary>Registered or waiting for the source's lock while another load of the source runs.</summary>
    Waiting,
    /// <summary>A process holds the source's lock and is loading.</summary>
    Running,
    /// <summary>Left unfinished and nobody holds the source's lock: the process died; the next load of the file resumes it.</summary>
    Interrupted,
}

/// <summary>
/// Tells running, waiting and interrupted batches apart. A load holds its source's lock for as long as it runs
/// and the database releases it when the process dies, so an unfinished batch whose source nobody has locked
/// was interrupted. Read with the engine's own lock (no engine-specific catalogue queries).
/// </summary>
public static class LoadActivity
{
    public static async Task<IReadOnlyDictionary<int, BatchActivity>> ProbeAsync(IWarehouseEngine engine, CancellationToken cancellationToken = default)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var unfinished = (await connection.QueryAsync<(int batch_id, string source, string state)>(new CommandDefinition(
            "SELECT batch_id, source, state FROM etl.batch WHERE batch_id > 0 AND state IN (@received, @waiting, @extracting)",
            new { received = BatchState.Received.Stored(), waiting = BatchState.Waiting.Stored(), extracting = BatchState.Extracting.Stored() },
            cancellationToken: cancellationToken))).ToList();
        var held = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var source in unfinished.Select(b => b.source).Distinct())
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            held[source] = !await engine.TryAcquireLoadLockAsync(connection, tx, "warehouse-load:" + source, cancellationToken);
            await tx.RollbackAsync(cancellationToken);
        }
        return unfinished.ToDictionary(b => b.batch_id, b => !held[b.source]
            ? BatchActivity.Interrupted
            : BatchStates.Parse(b.state) == BatchState.Extracting ? BatchActivity.Running : BatchActivity.Waiting);
    }

    public static string Describe(this BatchActivity activity) => activity switch
    {
        BatchActivity.Waiting => "waiting",
        BatchActivity.Running => "running",
        _ => "interrupted",
    };
}
