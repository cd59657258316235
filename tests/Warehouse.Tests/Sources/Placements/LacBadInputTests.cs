using Npgsql;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Placements;

namespace Warehouse.Tests.Sources.Placements;

/// <summary>Bad episodes reject the whole extract with reasons; configuration and connection failures leave nothing behind.</summary>
public sealed class LacBadInputTests : LacTestBase
{
    private static readonly DateTime AsAt = new(2018, 6, 30);

    private async Task<IReadOnlyDictionary<string, string>> BaselineAsync()
    {
        await InsertAsync(Episode(1, "A1", "independent_fostering", "2018-04-01", weekly: 700m));
        Assert.Equal(LoadStatus.Loaded, (await ExtractAsync(AsAt)).Status);
        return await WarehouseSnapshot.TakeAsync(Provider);
    }

    [SkippableTheory]
    [InlineData("end_date", "is before the start date")]
    [InlineData("placement_type", "is not a placement type")]
    [InlineData("weekly_cost", "is negative")]
    [InlineData("overlap", "overlaps episode 1")]
    public async Task Extract_RejectsBatchWithReason_ForBadEpisode(string defect, string reason)
    {
        var before = await BaselineAsync();
        var watermark = await Provider.ScalarAsync<DateTime>("SELECT last_modified FROM etl.lac_watermark");
        await InsertAsync(defect switch
        {
            "end_date" => Episode(2, "B1", "residential_homes", "2018-05-10", "2018-05-01"),
            "placement_type" => Episode(2, "B1", "space_station", "2018-05-10"),
            "weekly_cost" => Episode(2, "B1", "residential_homes", "2018-05-10", weekly: -50m),
            _ => Episode(2, "A1", "independent_fostering", "2018-05-10"),   // the same child and type, still open from April
        });
        await InsertAsync(Episode(3, "C1", "residential_homes", "2018-05-10"));   // a good one, not loaded either

        var outcome = await ExtractAsync(AsAt);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains(reason, error.Reason);
        Assert.Equal("csc.placement_episode", error.Sheet);
        Assert.Equal(2, error.Row);
        Assert.Contains(reason, await Provider.ScalarAsync<string>("SELECT reason FROM report.rejections WHERE batch_id = @b", new { b = outcome.BatchId }));
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal(watermark, await Provider.ScalarAsync<DateTime>("SELECT last_modified FROM etl.lac_watermark"));
    }

    [SkippableFact]
    public async Task Extract_FailsClearly_WhenPseudonymisationKeyMissing()
    {
        var before = await BaselineAsync();
        await InsertAsync(Episode(2, "B1", "residential_homes", "2018-05-10"));

        var failure = await Assert.ThrowsAsync<WarehouseConfigurationException>(() => ExtractAsync(AsAt, configuration: Configuration(key: null)));

        Assert.Contains("Warehouse:PseudonymisationKey is not set", failure.Message);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }

    [SkippableFact]
    public async Task Extract_LeavesNoPartialBatch_WhenOperationalDatabaseDropsMidExtract()
    {
        var before = await BaselineAsync();
        await InsertAsync(Enumerable.Range(2, 10).Select(i => Episode(i, "K" + i, "residential_homes", "2018-05-10")).ToArray());

        // After the first page, the operational server kills the extract's connection.
        var failure = await Record.ExceptionAsync(() => ExtractAsync(AsAt, pageSize: 3, afterPage: async page =>
        {
            if (page != 1)
                return;
            await using var admin = new NpgsqlConnection(PostgresProvider.ServerConnectionString("postgres"));
            await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()",
                new { db = OperationalDatabase.Name });
        }));

        Assert.NotNull(failure);
        Assert.Equal(BatchState.Failed, BatchStates.Parse(await Provider.ScalarAsync<string>(
            "SELECT state FROM etl.batch WHERE batch_id = (SELECT MAX(batch_id) FROM etl.batch WHERE source = 'lac-placements')")));
        var after = await WarehouseSnapshot.TakeAsync(Provider);
        Assert.Equal(before, after);
        NpgsqlConnection.ClearAllPools();
    }

    [SkippableFact]
    public async Task Extract_StoresOnlyKeyedHashOfChildId()
    {
        await InsertAsync(Episode(1, "CH123456", "independent_fostering", "2018-04-01"));

        Assert.Equal(LoadStatus.Loaded, (await ExtractAsync(AsAt)).Status);

        var stored = await Provider.ScalarAsync<string>("SELECT child_key FROM dw.lac_episode WHERE episode_id = 1");
        Assert.Equal(LacPlacementsSource.Pseudonymise(System.Text.Encoding.UTF8.GetBytes(Key), "CH123456"), stored);
        Assert.Equal(64, stored.Length);
        Assert.NotEqual(LacPlacementsSource.Pseudonymise(System.Text.Encoding.UTF8.GetBytes(Key + "x"), "CH123456"), stored);
        Assert.Equal(stored, await Provider.ScalarAsync<string>("SELECT child_key FROM stg.lac_episode WHERE episode_id = 1"));
        // Nothing identifying has a column to land in: no names, no dates of birth, no raw ids.
        Assert.Equal(0, await Provider.ScalarAsync<int>("""
            SELECT CAST(COUNT(*) AS integer) FROM information_schema.columns
            WHERE table_schema IN ('dw', 'stg') AND table_name LIKE '%lac%' AND column_name IN ('child_id', 'child_name', 'date_of_birth')
            """));
    }
}
