using System.Globalization;
using Warehouse.Jobs.Bench;

namespace Warehouse.Jobs.Cli;

/// <summary>`bench payments`: supplier payments against the ledger, rows/s in the same run (jobs/Bench/PaymentsBench.cs).</summary>
internal static class PaymentsBenchCommand
{
    public const string Usage = "warehouse bench payments [--rows 100000] [--rounds 3] [--database warehouse_bench] [--folder DIR] [--keep-files]";

    public static async Task<int> RunAsync(CommandContext context, bool keepFiles)
    {
        var rows = PositiveNumber(context, "--rows", "100000");
        var rounds = (int)PositiveNumber(context, "--rounds", "3");
        var database = context.Option("--database") ?? "warehouse_bench";
        if (!database.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new UsageException("--database must be letters, digits and underscores.");
        var folder = Path.GetFullPath(context.Option("--folder") ?? Path.Combine(Path.GetTempPath(), "warehouse-bench"), context.WorkingDirectory);
        var figures = await new PaymentsBench(Commands.ResolveEngine(context), context.Output)
            .RunAsync(new PaymentsBenchOptions(rows, rounds, database, folder, keepFiles), context.Cancellation);
        return figures.AllLoaded ? ExitCodes.Ok : ExitCodes.RejectedInput;
    }

    private static long PositiveNumber(CommandContext context, string option, string fallback)
    {
        var text = context.Option(option) ?? fallback;
        return long.TryParse(text.Replace("_", "").Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100_000_000
            ? value
            : throw new UsageException($"{option} must be a positive whole number, not '{text}'.");
    }
}
