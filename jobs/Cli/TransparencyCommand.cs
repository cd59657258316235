using Warehouse.Etl.Sources.Payments;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Cli;

/// <summary>`report transparency`: the council's own spend-over-£500 file for a quarter (docs/formats/payments.md §7).</summary>
internal static class TransparencyCommand
{
    public const string Usage = "warehouse report transparency --quarter 2018-Q1 [--body \"<council>\"] [--out <dir>] [--force]";

    public static async Task<int> RunAsync(CommandContext context)
    {
        var quarterText = context.Option("--quarter") ?? throw new UsageException("--quarter is required (2018-Q1 = April to June 2018).");
        FiscalQuarter quarter;
        try
        {
            quarter = FiscalQuarter.Parse(quarterText);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
        var outDir = Path.GetFullPath(context.Option("--out") ?? ".", context.WorkingDirectory);

        var engine = Commands.ResolveEngine(context);
        JobsMigrator.For(engine).Migrate();
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(context.Cancellation);
        var bodies = await TransparencyExport.BodiesAsync(connection, context.Cancellation);
        var body = context.Option("--body") ?? (bodies.Count == 1 ? bodies[0] : null);
        if (body is null)
            throw new UsageException(bodies.Count == 0
                ? "No supplier payments are loaded: load the council's file first (warehouse load supplier-payments <file>)."
                : $"Name the council with --body: the warehouse holds payments of {string.Join(", ", bodies.Select(b => $"\"{b}\""))}.");
        body = bodies.FirstOrDefault(b => b.Equals(body.Trim(), StringComparison.OrdinalIgnoreCase)) ?? body;

        // As the committee pack: a file already there (perhaps the one published) is replaced only when asked.
        var (csvPath, summaryPath) = TransparencyExport.PathsFor(body, quarter, outDir);
        if (!context.Args.Contains("--force") && new[] { csvPath, summaryPath }.FirstOrDefault(File.Exists) is { } existing)
            throw new UsageException($"{existing} already exists: add --force to replace it.");
        Directory.CreateDirectory(outDir);
        var result = await TransparencyExport.WriteAsync(connection, body, quarter, outDir, DateTimeOffset.UtcNow, context.Cancellation);
        if (result is null)
        {
            context.Error.WriteLine($"The warehouse holds no payments of {body} in {quarter.Label} ({quarter.FirstDay:dd/MM/yyyy} to {quarter.LastDay:dd/MM/yyyy}); nothing written.");
            return ExitCodes.RejectedInput;
        }
        context.Output.WriteLine($"Wrote {result.CsvPath}");
        context.Output.WriteLine($"Wrote {result.SummaryPath}");
        context.Output.WriteLine($"{result.Published} payments published ({result.Redacted} redacted); {result.CreditNotes + result.AtOrUnder500} lines excluded (credit notes, £500 or less).");
        return ExitCodes.Ok;
    }
}
