using Warehouse.Etl.Core.Pipeline;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>One row of report.rejections.</summary>
public sealed record Rejection(string file_name, string? sheet, int? row_number, string? column_name, string? value, string reason);

public static class Refusals
{
    /// <summary>
    /// Loads a file that must be refused through the real pipeline; asserts the outcome, the batch state and
    /// that dw and stg are byte-for-byte unchanged; returns what report.rejections holds for the batch.
    /// </summary>
    public static async Task<(LoadOutcome Outcome, List<Rejection> Rows)> RefuseAsync(DatabaseProvider provider, ISource source, string path,
        LoadStatus expected = LoadStatus.Rejected)
    {
        var before = await WarehouseSnapshot.TakeAsync(provider);

        var outcome = await new IngestionPipeline(provider.Engine).LoadFileAsync(source, path);

        Assert.True(expected == outcome.Status, $"{outcome.Status}: {outcome.Message}");
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(provider));
        await using var connection = await provider.OpenAsync();
        var rows = (await connection.QueryAsync<Rejection>(
            "SELECT file_name, sheet, row_number, column_name, value, reason FROM report.rejections WHERE batch_id = @batchId ORDER BY row_number, column_name",
            new { batchId = outcome.BatchId })).ToList();
        var state = await connection.ExecuteScalarAsync<string>("SELECT state FROM report.load_status WHERE batch_id = @batchId", new { batchId = outcome.BatchId });
        Assert.Equal(expected == LoadStatus.ReconciliationFailed ? BatchState.Failed : BatchState.Rejected, BatchStates.Parse(state!));
        if (expected == LoadStatus.Rejected)
        {
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal(Path.GetFileName(path), r.file_name));
            Assert.StartsWith(Path.GetFileName(path), outcome.Message);
        }
        return (outcome, rows);
    }
}
