using Hangfire.Common;
using Hangfire.States;

namespace Warehouse.Jobs.Scheduling;

/// <summary>
/// Marks a job whose transient failures are retried with back-off by <see cref="TransientRetryFilter"/>. A marker
/// only: the delays are configuration, which an attribute cannot be given, so the filter is an instance the host
/// builds from its options and hands to its own Hangfire server (not Hangfire's static global filters, which
/// every host in the process would share).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class TransientRetryAttribute : Attribute;

/// <summary>
/// A job's input was rejected (recorded, moved to rejected/, alerted): thrown after the job's work is done so the
/// Hangfire job does not end as a green Succeeded. Never retried: the same bytes would be rejected again.
/// </summary>
public sealed class InputRejectedException(string message) : Exception(message);

/// <summary>
/// Retries a job marked <see cref="TransientRetryAttribute"/> with back-off only when it failed for a transient
/// infrastructure reason (database unreachable, deadlock, timeout, a locked file, the source busy elsewhere).
/// Anything else (a bug) and a transient failure that outlived its retries end in the Deleted state with the
/// reason kept, so the nightly chain moves on to the next source. Invalid data never gets here: a rejection is
/// not an exception.
/// </summary>
public sealed class TransientRetryFilter(IReadOnlyList<int> delaysSeconds) : IElectStateFilter
{
    public IReadOnlyList<int> DelaysSeconds { get; } = delaysSeconds;

    /// <summary>Whether the attempt that just failed will be tried again (attempts count from 1).</summary>
    public bool WillRetry(Exception exception, int attempt) => Failures.IsTransient(exception) && attempt <= DelaysSeconds.Count;

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed || !IsMarked(context.BackgroundJob.Job))
            return;
        if (failed.Exception is InputRejectedException rejected)
        {
            // Not a failure and not a success: the dashboard shows the job as deleted with this reason, never green.
            context.CandidateState = new DeletedState { Reason = $"Rejected input (not retried): {rejected.Message}" };
            return;
        }
        var retryCount = context.GetJobParameter<int>("RetryCount");
        if (WillRetry(failed.Exception, retryCount + 1))
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
            Reason = Failures.IsTransient(failed.Exception)
                ? $"Gave up after {retryCount + 1} attempts: {failed.Exception.Message}"
                : $"Failed (not retried, not transient): {failed.Exception.GetType().Name}: {failed.Exception.Message}",
        };
    }

    private static bool IsMarked(Job? job) =>
        job is not null && (job.Method.IsDefined(typeof(TransientRetryAttribute), inherit: true) || job.Type.IsDefined(typeof(TransientRetryAttribute), inherit: true));
}
