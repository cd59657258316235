using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Tests.Sources.Indicators;

/// <summary>Bad returns are rejected whole with the place of each error; good ones in both percentage forms are accepted.</summary>
public abstract class IndicatorBadInputTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private const string Outcome = "Outcome,People with disabilities live well independently,,,,,,,,,,";
    private const string DirectPayments = "PI039,Proportion of adults receiving Direct Payments,Adults & Safeguarding,23.0%,27%,23.0%,Mar,→,Off target (Red),n/a,n/a,ok";

    [SkippableTheory]
    [InlineData("PI999,Made-up measure,Adults & Safeguarding,1,2,3,Mar,↑,On Target,,,", "Indicator ID", "PI999", "not an indicator of the catalogue")]
    [InlineData("PI037,Own home,Adults & Safeguarding,68.0%,72.0%,0.68,Mar,→,Within 10%,,,", "Actual", "0.68", "ambiguous for a percentage")]
    [InlineData(DirectPayments, "Indicator ID", "PI039", "more than once")]
    [InlineData("PI037,Own home,Adults & Safeguarding,68.0%,72.0%,68.0%,Mar,→,Purple,,,", "RAG Status", "Purple", "not a RAG status")]
    [InlineData("PI037,Own home,Adults & Safeguarding,68.0%,72.0%,68.0%,Mar,↗,Within 10%,,,", "Direction of travel", "↗", "not a direction of travel")]
    [InlineData("PI037,Own home,Adults & Safeguarding,68.0%,72.0%,about 68,Mar,→,Within 10%,,,", "Actual", "about 68", "not a figure")]
    public async Task Return_IsRejectedWhole_WithFileSheetRowAndColumn(string badRow, string column, string value, string reason)
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var path = IndicatorLoads.WriteReturn("Mar-19", Outcome, DirectPayments, badRow);

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorReturnSource(), path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal((Path.GetFileName(path), Path.GetFileNameWithoutExtension(path), 7, column, value),
            (error.File, error.Sheet, error.Row, error.Column, error.Value));
        Assert.Contains(reason, error.Reason);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM report.rejections WHERE batch_id = @id AND row_number = 7",
            new { id = outcome.BatchId }));
    }

    [SkippableFact]
    public async Task Return_IsRefused_BeforeTheCatalogueIsLoaded()
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var path = IndicatorLoads.WriteReturn("Mar-19", Outcome, DirectPayments);

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorReturnSource(), path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains("indicator-catalogue", outcome.Message);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }

    [SkippableFact]
    public async Task Percentages_GivenAs45PercentOrAsFractions_AreStoredInPercentagePoints()
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        IndicatorLoads.AssertLoaded(await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorReturnSource(),
            IndicatorLoads.WriteReturn("Mar-19", "PI039,Direct Payments,Adults & Safeguarding,45%,40%,44%,Mar,↓,On Target,,,")));
        IndicatorLoads.AssertLoaded(await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorReturnSource(),
            IndicatorLoads.WriteReturn("Apr-19", "PI039,Direct Payments,Adults & Safeguarding,0.45,0.40,0.44,Apr,↓,On Target,0.5,,")));
        await using var connection = await Provider.OpenAsync();

        var rows = (await connection.QueryAsync<(decimal previous, decimal target, decimal actual, string derived, string arrow)>(
            "SELECT previous, target, actual, rag_derived, direction_derived FROM report.performance_indicators ORDER BY period_end")).ToList();
        var benchmark = await Provider.ScalarAsync<decimal>("SELECT stat_neighbours_value FROM powerbi.fact_indicator_return WHERE period_end = @end",
            new { end = new DateTime(2019, 4, 30) });

        Assert.Equal([(45m, 40m, 44m, "Green", "↓"), (45m, 40m, 44m, "Green", "↓")], rows);
        Assert.Equal(50m, benchmark);
    }

    [SkippableFact]
    public async Task Return_ForTheSameMonthAgain_RestatesIt()
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        var pipeline = new IngestionPipeline(Provider.Engine);
        var first = await pipeline.LoadFileAsync(new IndicatorReturnSource(), IndicatorLoads.WriteReturn("Mar-19", Outcome, DirectPayments));
        var second = await pipeline.LoadFileAsync(new IndicatorReturnSource(),
            IndicatorLoads.WriteReturn("Mar-19", Outcome, DirectPayments.Replace(",23.0%,Mar", ",25.0%,Mar")));

        IndicatorLoads.AssertLoaded(second);
        Assert.Equal(first.BatchId, second.SupersededBatchId);
        Assert.Equal(25.0m, await Provider.ScalarAsync<decimal>("SELECT actual FROM report.performance_indicators"));
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM report.performance_indicators"));
    }
}

public sealed class PostgresIndicatorBadInputTests : IndicatorBadInputTests<PostgresProvider>;

public sealed class SqlServerIndicatorBadInputTests : IndicatorBadInputTests<SqlServerProvider>;
