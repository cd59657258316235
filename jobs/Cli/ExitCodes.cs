namespace Warehouse.Jobs.Cli;

/// <summary>Exit codes every verb uses, so scripts and schedulers can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RejectedInput = 1;
    public const int Usage = 2;
    public const int Infrastructure = 3;
}
