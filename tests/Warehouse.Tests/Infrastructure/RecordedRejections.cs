using Warehouse.Etl.Core.Pipeline;

namespace Warehouse.Tests.Infrastructure;

/// <summary>What a rejected load recorded in report.rejections: the place (file, sheet, row, column) and the reason.</summary>
internal static class RecordedRejections
{
    public static async Task AssertContainsAsync(DatabaseProvider provider, LoadOutcome outcome, string path, string sheet, int row,
        string column, string reason)
    {
        await using var connection = await provider.OpenAsync();
        var recorded = (await connection.QueryAsync<(string file_name, string sheet, int row_number, string column_name, string reason)>(
            "SELECT file_name, sheet, row_number, column_name, reason FROM report.rejections WHERE batch_id = @batchId",
            new { batchId = outcome.BatchId })).ToList();
        Assert.Contains(recorded, r => r.file_name == Path.GetFileName(path) && r.sheet == sheet && r.row_number == row
                                       && r.column_name == column && r.reason.Contains(reason, StringComparison.Ordinal));
    }
}
