using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Tests.Sources.Indicators;

/// <summary>The catalogue as an SCD type 2 dimension with lineage links between renamed and replaced measures.</summary>
public abstract class IndicatorCatalogueTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly string Header =
        "indicator_id,name,outcome,responsible_directorate,unit,polarity,frequency,target_type,cumulative,effective_from,replaces_indicator_id,sort_order";

    [SkippableFact]
    public async Task Catalogue_LoadsEveryIndicator_WithItsLineage()
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        await using var connection = await Provider.OpenAsync();

        var count = await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM powerbi.dim_indicator WHERE is_current = @yes", new { yes = true });
        var chain = (await connection.QueryAsync<(string id, string? replaces, string lineage, int generation)>(
            "SELECT indicator_id, replaces_indicator_id, lineage_id, generation FROM powerbi.indicator_lineage WHERE lineage_id = 'PI058' ORDER BY generation")).ToList();
        var unlinked = await connection.QuerySingleAsync<(string lineage, int generation)>(
            "SELECT lineage_id, generation FROM powerbi.indicator_lineage WHERE indicator_id = 'PI039'");

        Assert.Equal(58, count);
        Assert.Equal([("PI012", null, "PI058", 0), ("PI050", "PI012", "PI058", 1), ("PI058", "PI050", "PI058", 2)], chain);
        Assert.Equal(("PI039", 0), unlinked);
    }

    [SkippableFact]
    public async Task Catalogue_RenamedLater_KeepsTheEarlierVersion()
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        var path = IndicatorLoads.Write($"indicator-catalogue-{Guid.NewGuid():N}.csv", Header + "\n" +
            "PI039,Proportion of adults (18+) receiving Direct Payments,People with disabilities live well independently,Adults & Safeguarding,percent,higher_is_better,monthly,floor,N,2019/20,,21\n");
        IndicatorLoads.AssertLoaded(await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorCatalogueSource(), path));
        await using var connection = await Provider.OpenAsync();

        var versions = (await connection.QueryAsync<(string name, DateTime from, DateTime to, bool current)>(
            "SELECT indicator_name, valid_from, valid_to, is_current FROM powerbi.dim_indicator WHERE indicator_id = 'PI039' ORDER BY valid_from")).ToList();

        Assert.Equal(
            [("Proportion of adults receiving Direct Payments", new DateTime(2018, 4, 1), new DateTime(2019, 3, 31), false),
             ("Proportion of adults (18+) receiving Direct Payments", new DateTime(2019, 4, 1), new DateTime(9999, 12, 31), true)],
            versions);
    }

    [SkippableFact]
    public async Task Catalogue_KeepsStoredOptionalAttributesAndLineage_WhenTheFileOmitsTheirColumns()
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        // PI050's 2018/19 definition corrected (its name), and a new indicator, in a catalogue without outcome,
        // cumulative, replaces_indicator_id or sort_order.
        var path = IndicatorLoads.Write($"indicator-catalogue-{Guid.NewGuid():N}.csv",
            "indicator_id,name,responsible_directorate,unit,polarity,frequency,target_type,effective_from\n" +
            "PI050,% of disadvantaged households taking up funded 2 year old places,Education,percent,higher_is_better,termly,none,2018/19\n" +
            "PI900,New measure,Education,percent,higher_is_better,monthly,floor,2019/20\n");

        IndicatorLoads.AssertLoaded(await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorCatalogueSource(), path));

        await using var connection = await Provider.OpenAsync();
        const string Versions = "SELECT indicator_name, outcome, is_cumulative, replaces_indicator_id, sort_order FROM dw.dim_indicator WHERE indicator_id = @id";
        Assert.Equal(("% of disadvantaged households taking up funded 2 year old places", "Places that work with children help them to reach their full potential", false, "PI012", 44),
            await connection.QuerySingleAsync<(string, string?, bool, string?, int)>(Versions, new { id = "PI050" }));
        Assert.Equal(("New measure", (string?)null, false, (string?)null, 3), // the defaults: no outcome, not cumulative, no lineage, file order
            await connection.QuerySingleAsync<(string, string?, bool, string?, int)>(Versions, new { id = "PI900" }));
        var chain = (await connection.QueryAsync<(string id, int generation)>(
            "SELECT indicator_id, generation FROM powerbi.indicator_lineage WHERE lineage_id = 'PI058' ORDER BY generation")).ToList();
        Assert.Equal([("PI012", 0), ("PI050", 1), ("PI058", 2)], chain); // the lineage is kept, not cut at PI050
    }

    [SkippableTheory]
    [InlineData("PI900,New measure,,Education,percent,higher_is_better,monthly,floor,N,2019/20,PI999,1", "replaces_indicator_id", "not in the catalogue")]
    [InlineData("PI900,New measure,,Education,percent,higher_is_better,monthly,floor,N,2019/20,PI012,1", "replaces_indicator_id", "more than one indicator")]
    [InlineData("PI900,New measure,,Education,percentage,higher_is_better,monthly,floor,N,2019/20,,1", "unit", "must be one of")]
    [InlineData("PI900,New measure,,Education,percent,lower_is_better,monthly,floor,N,2019/20,,1", "target_type", "does not fit the polarity")]
    public async Task Catalogue_WithABadRow_IsRejectedWhole(string row, string column, string reason)
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.CatalogueAsync(Provider));
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        var path = IndicatorLoads.Write($"indicator-catalogue-{Guid.NewGuid():N}.csv", Header + "\n" +
            "PI901,Another new measure,,Education,count,higher_is_better,monthly,none,N,2019/20,,2\n" + row + "\n");

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new IndicatorCatalogueSource(), path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal((3, column), (error.Row, error.Column));
        Assert.Contains(reason, error.Reason);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }
}

public sealed class PostgresIndicatorCatalogueTests : IndicatorCatalogueTests<PostgresProvider>;

public sealed class SqlServerIndicatorCatalogueTests : IndicatorCatalogueTests<SqlServerProvider>;
