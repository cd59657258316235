using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Tests.Sources.Indicators;

/// <summary>The golden figures of the three papers (docs/formats/indicators.md §4), asserted from the published views.</summary>
public abstract class IndicatorSampleTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private const string AllCounts = """
        SELECT red, amber, green, no_target, total FROM report.performance_rag_counts
        WHERE period_end = @end AND responsible_directorate = 'All directorates'
        """;

    private async Task<(int red, int amber, int green, int noTarget, int total)> CountsAsync(DateTime end)
    {
        await using var connection = await Provider.OpenAsync();
        return await connection.QuerySingleAsync<(int, int, int, int, int)>(AllCounts, new { end });
    }

    [SkippableFact]
    public async Task RagCounts_MatchFrontPage_Seed000Close2017To18()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2018-03");

        Assert.Equal((4, 2, 6, 26, 38), await CountsAsync(new DateTime(2018, 3, 31)));
    }

    [SkippableFact]
    public async Task RagCounts_MatchFrontPage_Seed004March2019()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2019-03");

        Assert.Equal((8, 9, 12, 9, 38), await CountsAsync(new DateTime(2019, 3, 31)));
    }

    [SkippableFact]
    public async Task RagCounts_MatchFrontPage_Seed001April2017_ThinkFamilyNotRated()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2017-04");

        Assert.Equal((7, 8, 6, 0, 21), await CountsAsync(new DateTime(2017, 4, 30)));
        Assert.Equal(22, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM report.performance_indicators WHERE period_end = @end",
            new { end = new DateTime(2017, 4, 30) }));
    }

    [SkippableFact]
    public async Task RagCounts_PerDirectorate_AddUpToTheFrontPage()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2018-03");
        await using var connection = await Provider.OpenAsync();

        var adults = await connection.QuerySingleAsync<(int, int, int, int, int)>("""
            SELECT red, amber, green, no_target, total FROM report.performance_rag_counts
            WHERE period_end = @end AND responsible_directorate = 'Adults & Safeguarding'
            """, new { end = new DateTime(2018, 3, 31) });
        var sum = await connection.QuerySingleAsync<(int, int, int, int, int)>("""
            SELECT CAST(SUM(red) AS integer), CAST(SUM(amber) AS integer), CAST(SUM(green) AS integer), CAST(SUM(no_target) AS integer), CAST(SUM(total) AS integer)
            FROM report.performance_rag_counts WHERE period_end = @end AND responsible_directorate <> 'All directorates'
            """, new { end = new DateTime(2018, 3, 31) });

        Assert.Equal((2, 2, 5, 6, 15), adults);
        Assert.Equal((4, 2, 6, 26, 38), sum);
    }

    [SkippableFact]
    public async Task DirectPayments_March2019_Is23Against27_OffTargetPublishedAndDerived()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2019-03");
        await using var connection = await Provider.OpenAsync();

        var row = await connection.QuerySingleAsync<(string outcome, string directorate, decimal previous, decimal target, decimal actual,
            string dataPeriod, string published, string derived, string arrow, string derivedArrow)>("""
            SELECT outcome, responsible_directorate, previous, target, actual, data_period, rag_published, rag_derived,
                   direction_published, direction_derived
            FROM report.performance_indicators
            WHERE period_end = @end AND indicator = 'Proportion of adults receiving Direct Payments'
            """, new { end = new DateTime(2019, 3, 31) });

        Assert.Equal(("People with disabilities live well independently", "Adults & Safeguarding", 23.0m, 27m, 23.0m, "Mar", "Red", "Red", "→", "→"),
            row);
    }

    [SkippableFact]
    public async Task DerivedRag_DiffersFromPublished_OnExactlyTheFourKnownRows()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2017-04", "2018-03", "2019-03");
        await using var connection = await Provider.OpenAsync();

        var exceptions = (await connection.QueryAsync<(string id, string published, string derived)>("""
            SELECT indicator_id, rag_published, rag_derived FROM report.performance_rag_exceptions ORDER BY period_end, indicator_id
            """)).ToList();
        var flagged = await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM powerbi.fact_indicator_return WHERE rag_differs = @yes", new { yes = true });

        Assert.Equal(
            [("PI007", "Amber", "Red"), ("PI023", "Green", "No target"), ("PI046", "Amber", "Red"), ("PI047", "Green", "Amber")],
            exceptions);
        Assert.Equal(4, flagged);
    }

    [SkippableFact]
    public async Task Return_KeepsPrintedFormsAndResolvesThem_Seed001()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2017-04");
        await using var connection = await Provider.OpenAsync();

        var rows = (await connection.QueryAsync<(string id, string? arrowText, string? arrow, string? ragText, string? rag, decimal? target, bool proRata, DateTime? dataEnd)>("""
            SELECT indicator_id, direction_published_text, direction_published, rag_published_text, rag_published, target_value, target_is_pro_rata, data_period_end
            FROM powerbi.fact_indicator_return WHERE indicator_id IN ('PI003', 'PI005', 'PI006', 'PI015', 'PI021', 'PI007')
            ORDER BY indicator_id
            """)).ToList();

        Assert.Equal(("PI003", "•", "?", "R", "Red", 40.0m, false, new DateTime(2017, 4, 30)), rows[0]);   // 40.0%% typo; arrow lost in print
        Assert.Equal(("PI005", "•", "?", "\u0410", "Amber", 96.5m, false, new DateTime(2017, 3, 31)), rows[1]);  // Cyrillic A kept as printed
        Assert.Equal(("PI006", "•", "?", "\u0391", "Amber", 3.8m, false, new DateTime(2017, 3, 31)), rows[2]);   // Greek Alpha
        Assert.Equal(("PI007", "•", "?", "\u0391", "Amber", 9.0m, false, new DateTime(2016, 6, 30)), rows[3]);   // Q1 (Apr to Jun 16)
        Assert.Equal(("PI015", "→", "→", "R", "Red", 0.5m, true, new DateTime(2017, 4, 30)), rows[4]);           // 0.5% (Pro-Rata)
        Assert.Equal(("PI021", "^", "↑", "R", "Red", 114m, false, new DateTime(2017, 3, 31)), rows[5]);          // ^ is an OCR'd ↑
    }

    [SkippableFact]
    public async Task MissingValues_AreNull_NotZero()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2018-03");
        await using var connection = await Provider.OpenAsync();

        var rows = (await connection.QueryAsync<(string id, decimal? previous, decimal? target, decimal? actual, string? statNeighbours, string? comment)>("""
            SELECT indicator_id, previous_value, target_value, actual_value, stat_neighbours_text, comment
            FROM powerbi.fact_indicator_return WHERE indicator_id IN ('PI046', 'PI047', 'PI051') ORDER BY indicator_id
            """)).ToList();

        Assert.Equal(("PI046", 11.0m, null, null, "n/a", "Data currently unavailable - not released at local authority level."), rows[0]);
        Assert.Equal(("PI047", 3.5m, (decimal?)null, 3.7m), (rows[1].id, rows[1].previous, rows[1].target, rows[1].actual));
        Assert.Equal("-", rows[1].statNeighbours);
        Assert.Equal(("PI051", (decimal?)null, (decimal?)null, (decimal?)null, (string?)null, "New measure in development"), rows[2]);
    }

    [SkippableFact]
    public async Task IndicatorHistory_FollowsRenamesAcrossThePapers()
    {
        await IndicatorLoads.CatalogueAndReturnsAsync(Provider, "2017-04", "2018-03", "2019-03");
        await using var connection = await Provider.OpenAsync();

        var history = (await connection.QueryAsync<(string id, DateTime end, decimal actual)>("""
            SELECT indicator_id, period_end, actual FROM report.indicator_history WHERE lineage_id = 'PI056' ORDER BY period_end
            """)).ToList();

        Assert.Equal(
            [("PI015", new DateTime(2017, 4, 30), 0.2m), ("PI035", new DateTime(2018, 3, 31), 3.6m), ("PI056", new DateTime(2019, 3, 31), 1.66m)],
            history);
    }

    [SkippableFact]
    public async Task Portfolio_MatchesFrontPageCounts_Seeds000And001()
    {
        IndicatorLoads.AssertLoaded(await IndicatorLoads.SampleAsync(Provider, new PortfolioReturnSource(), "portfolio-2018-03.xlsx"));
        IndicatorLoads.AssertLoaded(await IndicatorLoads.SampleAsync(Provider, new PortfolioReturnSource(), "portfolio-2017-04.xlsx"));
        await using var connection = await Provider.OpenAsync();

        var counts = (await connection.QueryAsync<(DateTime end, int red, int amber, int green, int total)>(
            "SELECT period_end, red, amber, green, total FROM report.portfolio_rag_counts ORDER BY period_end")).ToList();
        var mosaic = await connection.QuerySingleAsync<(string lead, string rag)>(
            "SELECT lead, rag FROM report.portfolio WHERE period_end = @end AND programme = 'Mosaic'", new { end = new DateTime(2018, 3, 31) });

        Assert.Equal([(new DateTime(2017, 4, 30), 0, 3, 4, 7), (new DateTime(2018, 3, 31), 0, 1, 5, 6)], counts);
        Assert.Equal(("Sue Grace / Joanne Hopkins", "Green"), mosaic);
    }
}

public sealed class PostgresIndicatorSampleTests : IndicatorSampleTests<PostgresProvider>;

public sealed class SqlServerIndicatorSampleTests : IndicatorSampleTests<SqlServerProvider>;
