using Warehouse.Etl.Core.Pipeline;

namespace Warehouse.Tests.Sources.Placements;

/// <summary>The monthly derivations, exactly, on hand-built episodes extracted through the real pipeline.</summary>
public sealed class LacDerivationTests : LacTestBase
{
    private static readonly DateTime EndOfJune = new(2018, 6, 30);
    private const int April = 201801, May = 201802, June = 201803;

    [SkippableFact]
    public async Task Extract_DerivesExactly_ForMidMonthStartAndMonthEndEnd()
    {
        await InsertAsync(
            Episode(1, "A1", "independent_fostering", "2018-05-17", weekly: 700m),              // starts mid-month, open
            Episode(2, "B1", "independent_fostering", "2018-04-01", "2018-05-31", weekly: 350m)); // ends on a month end

        Assert.Equal(LoadStatus.Loaded, (await ExtractAsync(EndOfJune)).Status);

        var may = await FactAsync(May, "independent_fostering");
        Assert.Equal(2, may.snapshot_placements);             // the episode ending on 31 May is in placement on 31 May
        Assert.Equal(1, may.previous_snapshot_placements);    // 30 April: only the one that started 1 April
        Assert.Equal(15 + 61, may.days_to_date);              // 17–31 May, and 1 April–31 May
        Assert.Equal(304, may.committed_days);                // 1 June–31 March for the open one
        Assert.Equal(365, may.days_in_year);
        Assert.Equal(1.0411m, may.yearly_average);            // 380 / 365
        Assert.Equal(4550.00m, may.spend_to_date);            // 700 × 15/7 + 350 × 61/7
        Assert.Equal(30400.00m, may.committed_spend);         // 700 × 304/7
        Assert.Equal(34950.00m, may.forecast_spend);
        Assert.Equal(643.8158m, may.average_weekly_cost);     // (700 × 319 + 350 × 61) / 380

        var june = await FactAsync(June, "independent_fostering");
        Assert.Equal(1, june.snapshot_placements);
        Assert.Equal(2, june.previous_snapshot_placements);

        var april = await FactAsync(April, "independent_fostering");
        Assert.Equal(1, april.snapshot_placements);
        Assert.Equal(30, april.days_to_date);
        Assert.Equal(335, april.committed_days);              // the 31 May end was not known on 30 April: committed to year end
        Assert.Equal(1.0000m, april.yearly_average);
    }

    [SkippableFact]
    public async Task Extract_PaysFiftySixWeeks_ForInHouseBasicWithPlannedEnd()
    {
        await InsertAsync(Episode(1, "C1", "inhouse_fostering_basic", "2018-04-01", weekly: 182m, plannedEnd: "2018-06-23"));

        Assert.Equal(LoadStatus.Loaded, (await ExtractAsync(EndOfJune)).Status);

        var may = await FactAsync(May, "inhouse_fostering_basic");
        Assert.Equal(1, may.snapshot_placements);
        Assert.Equal(61, may.days_to_date);
        Assert.Equal(23, may.committed_days);                 // to the planned end, 23 June
        Assert.Equal(0.2301m, may.yearly_average);            // 84 / 365
        Assert.Equal(1708.00m, may.spend_to_date);            // 182 × 61/7 × 56/52
        Assert.Equal(644.00m, may.committed_spend);           // 182 × 23/7 × 56/52
        Assert.Equal(182.0000m, may.average_weekly_cost);
        var skills = await FactAsync(May, "inhouse_fostering_skills");
        Assert.Equal(0, skills.snapshot_placements);
    }

    [SkippableFact]
    public async Task Extract_RestatesEarlierPeriods_WhenAnOldEpisodeChangesLate()
    {
        await InsertAsync(
            Episode(1, "A1", "independent_fostering", "2018-05-17", weekly: 700m),
            Episode(2, "B1", "independent_fostering", "2018-04-01", "2018-05-31", weekly: 350m));
        var first = await ExtractAsync(EndOfJune);
        Assert.Equal(1, (await FactAsync(April, "independent_fostering")).snapshot_placements);

        // A weekly cost change to the episode that started in May restates May and June, not April.
        await ExecuteOperationalAsync("UPDATE csc.placement_episode SET weekly_cost = 714, last_modified = @at WHERE episode_id = 1", new { at = NextModified() });
        var second = await ExtractAsync(EndOfJune);
        Assert.Equal(LoadStatus.Loaded, second.Status);
        Assert.Equal(1, second.RowsLoaded);
        Assert.Equal(first.BatchId, (await FactAsync(April, "independent_fostering")).batch_id);
        Assert.Equal(second.BatchId, (await FactAsync(May, "independent_fostering")).batch_id);
        Assert.Equal(1530.00m + 3050.00m, (await FactAsync(May, "independent_fostering")).spend_to_date);

        // A late, backdated end date (the placement really ended on 15 April) restates April too.
        await ExecuteOperationalAsync("UPDATE csc.placement_episode SET end_date = @end, last_modified = @at WHERE episode_id = 2",
            new { end = new DateTime(2018, 4, 15), at = NextModified() });
        var third = await ExtractAsync(EndOfJune);
        Assert.Equal(LoadStatus.Loaded, third.Status);
        var april = await FactAsync(April, "independent_fostering");
        Assert.Equal(third.BatchId, april.batch_id);
        Assert.Equal(0, april.snapshot_placements);
        Assert.Equal(15, april.days_to_date);
        Assert.Equal(1, (await FactAsync(May, "independent_fostering")).snapshot_placements);
        Assert.Equal(3, await Provider.ScalarAsync<int>(
            "SELECT CAST(loaded_value AS integer) FROM etl.control_total WHERE batch_id = @b AND measure = 'periods_restated'", new { b = third.BatchId }));
    }

    [SkippableFact]
    public async Task Extract_ReadsOnlyChangesSinceWatermark_AndFullRefreshReadsAll()
    {
        await InsertAsync(Episode(1, "A1", "independent_fostering", "2018-04-01", weekly: 700m, lastModified: new DateTime(2018, 6, 1, 9, 0, 0)));
        Assert.Equal(1, (await ExtractAsync(EndOfJune)).RowsLoaded);
        Assert.Equal(new DateTime(2018, 6, 1, 9, 0, 0), await Provider.ScalarAsync<DateTime>(
            "SELECT last_modified FROM etl.lac_watermark WHERE source = 'lac-placements'"));

        // Nothing changed: nothing read, nothing restated.
        var idle = await ExtractAsync(EndOfJune);
        Assert.Equal(LoadStatus.Loaded, idle.Status);
        Assert.Equal(0, idle.RowsLoaded);

        // A row stamped before the watermark (back-loaded) is missed by the incremental run and found by a full refresh,
        // which also drops an episode deleted at source.
        await InsertAsync(Episode(2, "B1", "independent_fostering", "2018-04-01", weekly: 350m, lastModified: new DateTime(2018, 5, 1)));
        Assert.Equal(0, (await ExtractAsync(EndOfJune)).RowsLoaded);
        Assert.Equal(1, (await FactAsync(May, "independent_fostering")).snapshot_placements);
        await ExecuteOperationalAsync("DELETE FROM csc.placement_episode WHERE episode_id = 1");

        var full = await ExtractAsync(EndOfJune, fullRefresh: true);
        Assert.Equal(LoadStatus.Loaded, full.Status);
        Assert.Equal(1, full.RowsLoaded);
        var may = await FactAsync(May, "independent_fostering");
        Assert.Equal(1, may.snapshot_placements);
        Assert.Equal(350.0000m, may.average_weekly_cost);
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT CAST(COUNT(*) AS integer) FROM dw.lac_episode"));
    }

    [SkippableFact]
    public async Task Extract_ReadsAChangeOneMicrosecondAfterTheWatermark_ButNotOneExactlyAtIt()
    {
        var watermark = new DateTime(2018, 6, 1, 12, 0, 0).AddTicks(1_260_000); // 12:00:00.126, which legacy datetime holds as .127
        await InsertAsync(Episode(1, "A1", "independent_fostering", "2018-04-01", weekly: 700m, lastModified: watermark));
        var first = await ExtractAsync(EndOfJune);
        Assert.Equal(1, first.RowsLoaded);

        await InsertAsync(Episode(2, "B1", "independent_fostering", "2018-04-01", weekly: 350m, lastModified: watermark.AddTicks(10))); // .126001
        var second = await ExtractAsync(EndOfJune);

        Assert.Equal(LoadStatus.Loaded, second.Status);
        Assert.Equal(1, second.RowsLoaded); // episode 2 only: episode 1, stamped exactly at the watermark, is not read again
        Assert.Equal(first.BatchId, await Provider.ScalarAsync<int>("SELECT batch_id FROM dw.lac_episode WHERE episode_id = 1"));
        Assert.Equal(second.BatchId, await Provider.ScalarAsync<int>("SELECT batch_id FROM dw.lac_episode WHERE episode_id = 2"));
        Assert.Equal(watermark.AddTicks(10), await Provider.ScalarAsync<DateTime>(
            "SELECT last_modified FROM etl.lac_watermark WHERE source = 'lac-placements'"));
    }
}
