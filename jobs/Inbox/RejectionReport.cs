using System.Globalization;
using System.Text;
using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Core.Reading;

namespace Warehouse.Jobs.Inbox;

/// <summary>The plain-text report left beside a rejected file: what was wrong, where (row, column), and what to do.</summary>
public static class RejectionReport
{
    public static async Task<string> WriteAsync(IWarehouseEngine engine, LoadOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.AppendLine($"{outcome.File} was NOT loaded ({Describe(outcome.Status)}).");
        text.AppendLine($"Source: {outcome.Source}   Batch: {outcome.BatchId}   Checked: {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine("Nothing from this file is in the warehouse. Correct the file and drop it into the inbox folder again.");
        text.AppendLine();
        text.AppendLine($"Why: {outcome.Message}");
        // The inbox never replaces a period whole: that is a person's decision, made by hand.
        if (outcome.Errors.Any(e => e.Reason.Contains("--replace-all", StringComparison.Ordinal)))
            text.AppendLine($"If the file is meant to replace the whole period, load it by hand from rejected/: " +
                $"`warehouse load {outcome.Source} {outcome.File} --replace-all`; the inbox never does.");
        if (outcome.Errors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"Errors ({outcome.Errors.Count}{(outcome.Errors.Count >= RowErrors.MaxKept ? "+" : "")}):");
            text.AppendLine($"  {"sheet",-14} {"row",6}  {"column",-22} {"value",-24} reason");
            foreach (var e in outcome.Errors)
                text.AppendLine($"  {Cut(e.Sheet, 14),-14} {e.Row?.ToString() ?? "-",6}  {Cut(e.Column, 22),-22} {Cut(e.Value is null ? "" : $"'{e.Value}'", 24),-24} {e.Reason}");
        }
        if (outcome.Status == LoadStatus.ReconciliationFailed && outcome.BatchId is { } batchId)
        {
            await using var connection = engine.CreateConnection();
            var checks = await connection.QueryAsync(new CommandDefinition(
                "SELECT measure, scope, source_value, loaded_value, result FROM report.reconciliation WHERE batch_id = @batchId ORDER BY measure, scope",
                new { batchId }, cancellationToken: cancellationToken));
            text.AppendLine();
            text.AppendLine("Control totals (from the file → what would have landed):");
            foreach (var c in checks)
            {
                string measure = c.measure, scope = c.scope, result = c.result;
                decimal source = c.source_value;
                decimal? loaded = c.loaded_value;
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {measure} {scope}: {source} → {loaded?.ToString(CultureInfo.InvariantCulture) ?? "missing"} ({result})"));
            }
        }
        return text.ToString();
    }

    private static string Describe(LoadStatus status) => status switch
    {
        LoadStatus.Rejected => "rejected: invalid data",
        LoadStatus.PreviouslyRejected => "the same file was rejected before",
        LoadStatus.ReconciliationFailed => "control totals did not reconcile",
        _ => status.ToString(),
    };

    private static string Cut(string? text, int length) => text is null ? "" : text.Length <= length ? text : text[..(length - 1)] + "…";
}
