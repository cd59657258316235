using Warehouse.Jobs.Scheduling;

namespace Warehouse.Jobs.Cli;

/// <summary>Exit codes every verb uses, so scripts and schedulers can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RejectedInput = 1;
    public const int Usage = 2;
    /// <summary>The database unreachable or refusing the login, a timeout, bad configuration.</summary>
    public const int Infrastructure = 3;
    /// <summary>A bug or an unexpected state: the message says so and the stack trace is written.</summary>
    public const int Internal = 4;
    /// <summary>Stopped by Ctrl+C: as a shell reports SIGINT (128 + 2).</summary>
    public const int Stopped = 130;

    public static int For(FailureKind kind) => kind == FailureKind.Internal ? Internal : Infrastructure;
}
