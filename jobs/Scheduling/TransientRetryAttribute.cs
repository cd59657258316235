using Hangfire.Common;
using Hangfire.States;

namespace Warehouse.Jobs.Scheduling;

/// <summary>
/// Retries a job with back-off only when it failed for a transient infrastructure reason (database
/// unreachable, deadlock, timeout, a locked file, the source busy elsewhere). Anything else (a bug) and a
/// transient failure that outlived its retries end in the Deleted state with the reason kept, so the
/// nightly chain moves on to the next source. Invalid data never gets here: a rejection is not an exception.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class TransientRetryAttribute : JobFilterAttribute, IElectStateFilter
{
    /// <summary>Delays between attempts, set from configuration when the host starts.</summary>
    public static IReadOnlyList<int> DelaysSeconds { get; set; } = [30, 120, 600, 1800, 3600];

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed)
            return;
        var retryCount = context.GetJobParameter<int>("RetryCount");
        if (IsTransient(failed.Exception) && retryCount < DelaysSeconds.Count)
        {
            context.SetJobParameter("RetryCount", retryCount + 1);
            context.CandidateState = new ScheduledState(TimeSpan.FromSeconds(DelaysSeconds[retryCount]))
            {
                Reason = $"Transient failure, retry {retryCount + 1} of {DelaysSeconds.Count}: {failed.Exception.GetType().Name}: {failed.Exception.Message}",
            };
            return;
        }
        context.CandidateState = new DeletedState
        {
            Reason = IsTransient(failed.Exception)
                ? $"Gave up after {retryCount + 1} attempts: {failed.Exception.Message}"
                : $"Failed (not retried, not transient): {failed.Exception.GetType().Name}: {failed.Exception.Message}",
        };
    }

    public static bool IsTransient(Exception? exception) => Failures.IsTransient(exception);
}
