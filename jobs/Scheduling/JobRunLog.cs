using Dapper;
using Warehouse.Database.Engines;

namespace Warehouse.Jobs.Scheduling;

/// <summary>How a job execution ended (`etl.job_run.outcome`); <see cref="JobOutcomes.Stored"/> is the stored spelling.</summary>
public enum JobOutcome { Running, Succeeded, Failed }

public static class JobOutcomes
{
    public static string Stored(this JobOutcome outcome) => outcome switch
    {
        JobOutcome.Running => "running",
        JobOutcome.Succeeded => "succeeded",
        JobOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}

/// <summary>Writes etl.job_run: one row per job execution, finished with its outcome (the status page's failed jobs).</summary>
public sealed class JobRunLog(IWarehouseEngine engine, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<int> StartAsync(string job, string? source, string? hangfireJobId, int attempt, CancellationToken cancellationToken)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return await engine.InsertReturningIdentityAsync(connection, null, "etl.job_run", "job_run_id", new Dictionary<string, object?>
        {
            ["job"] = job, ["source"] = source, ["hangfire_job_id"] = hangfireJobId, ["attempt"] = attempt,
            ["started_utc"] = _time.GetUtcNow(), ["outcome"] = JobOutcome.Running.Stored(), ["will_retry"] = false,
        }, cancellationToken);
    }

    /// <summary>Records how a run ended; pass <see cref="CancellationToken.None"/> when recording a failure or a shutdown.</summary>
    public async Task FinishAsync(int jobRunId, JobOutcome outcome, string? message, bool willRetry, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = engine.CreateConnection();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE etl.job_run SET finished_utc = @now, outcome = @outcome, will_retry = @willRetry, message = @message WHERE job_run_id = @jobRunId",
                new { jobRunId, outcome = outcome.Stored(), willRetry, now = _time.GetUtcNow(), message = message is { Length: > 2000 } ? message[..1999] + "…" : message },
                cancellationToken: cancellationToken));
        }
        catch (Exception)
        {
            // The database may be what failed; the job's own outcome (and Hangfire's record) still stands.
        }
    }
}
