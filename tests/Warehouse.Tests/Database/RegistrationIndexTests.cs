namespace Warehouse.Tests.Database;

/// <summary>The look-ups registration makes while loads run are planned on the indexes of migration 0402.</summary>
public sealed class RegistrationIndexTests : DatabaseTest<PostgresProvider>
{
    // As in a warehouse some years in: 20 sources, a tenth of batches extracts, almost all finished, a few interrupted.
    private async Task SeedAsync()
    {
        await Provider.ExecuteAsync("""
            INSERT INTO etl.file_registry (file_id, source, file_name, sha256, size_bytes, received_utc)
            SELECT g, 'source-' || (g % 20), 'file-' || g || '.csv', lpad(to_hex(g), 64, '0'), 1000, now()
            FROM generate_series(1, 5000) AS g;
            INSERT INTO etl.batch (source, file_id, state, started_utc)
            SELECT 'source-' || (g % 20), CASE WHEN g % 10 = 0 THEN NULL ELSE g END,
                   CASE WHEN g % 500 = 0 THEN 'extracting' ELSE (ARRAY['loaded', 'rejected', 'failed', 'superseded'])[1 + g % 4] END, now()
            FROM generate_series(1, 5000) AS g;
            ANALYZE etl.file_registry;
            ANALYZE etl.batch;
            """);
    }

    private async Task<string> PlanAsync(string sql)
    {
        await using var connection = await Provider.OpenAsync();
        return string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + sql));
    }

    [SkippableFact]
    public async Task RegistrationLookUp_UsesIxBatchFile_ForAFilesLatestBatch()
    {
        await SeedAsync();

        var plan = await PlanAsync("SELECT batch_id, state FROM etl.batch WHERE file_id = 4242 ORDER BY batch_id DESC LIMIT 1");

        Assert.True(plan.Contains("ix_batch_file", StringComparison.Ordinal), plan);
    }

    [SkippableFact]
    public async Task RegistrationLookUp_UsesIxBatchSourceState_ForAnUnfinishedExtract()
    {
        await SeedAsync();

        var plan = await PlanAsync(
            "SELECT MAX(batch_id) FROM etl.batch WHERE source = 'source-7' AND file_id IS NULL AND state IN ('received', 'extracting')");

        Assert.True(plan.Contains("ix_batch_source_state", StringComparison.Ordinal), plan);
    }
}
