using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Core.Reading;

namespace Warehouse.Jobs.Cli;

/// <summary>
/// What `load` does for sources beyond the plain pipeline: hands options to a source that takes them (`--body`,
/// `--period` of supplier payments), and says what a tolerant source quarantined.
/// </summary>
internal static class SourceOptions
{
    public static ISource Apply(ISourceWithOptions source, CommandContext context)
    {
        try
        {
            return source.WithOptions(context.Option);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private const int QuarantineShown = 5;

    /// <summary>A tolerant load says how many rows it set aside, and the first few with their places.</summary>
    public static async Task ReportQuarantineAsync(CommandContext context, IWarehouseEngine engine, LoadOutcome outcome)
    {
        if (outcome.Status != LoadStatus.Loaded || outcome.BatchId is not { } batchId)
            return;
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(context.Cancellation);
        var rows = (await connection.QueryAsync<(string file_name, string? sheet, int? row_number, string? column_name, string? value, string reason, decimal? amount)>(
            new CommandDefinition("""
                SELECT file_name, sheet, row_number, column_name, value, reason, amount FROM etl.quarantine
                WHERE batch_id = @batchId ORDER BY quarantine_id
                """, new { batchId }, cancellationToken: context.Cancellation))).ToList();
        if (rows.Count == 0)
            return;
        context.Output.WriteLine($"  {rows.Count:N0} row(s) quarantined (£{rows.Sum(r => r.amount ?? 0m):N2}); the rest loaded:");
        foreach (var r in rows.Take(QuarantineShown))
            context.Output.WriteLine($"  {new RowError(r.file_name, r.sheet, r.row_number, r.column_name, r.value, r.reason)}");
        if (rows.Count > QuarantineShown)
            context.Output.WriteLine($"  … {rows.Count - QuarantineShown:N0} more: see report.quarantine (batch {batchId}).");
    }
}
