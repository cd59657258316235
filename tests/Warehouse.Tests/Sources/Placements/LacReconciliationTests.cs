using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Samples.Placements;

namespace Warehouse.Tests.Sources.Placements;

/// <summary>The printed LAC totals against their own arithmetic and the warehouse: the known permanence-block defect shows.</summary>
public sealed class LacReconciliationTests : LacTestBase
{
    private sealed class Check
    {
        public string fiscal_year { get; set; } = "";
        public int period { get; set; }
        public string row_type { get; set; } = "";
        public string block { get; set; } = "";
        public string measure { get; set; } = "";
        public decimal printed { get; set; }
        public decimal recomputed { get; set; }
        public decimal? warehouse { get; set; }
        public string result { get; set; } = "";
    }

    [SkippableFact]
    public async Task KadLacReconciliation_FlagsPermanenceBlockVarianceDefect_ForPrintedTotals()
    {
        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new PrintedTotalsSource(),
            RepositoryPaths.Combine("samples", "activity", "lac-printed-totals.csv"));
        Assert.Equal(LoadStatus.Loaded, outcome.Status);
        await LacSample.CreateAsync(Operational, RepositoryPaths.Combine("samples"));
        Assert.Equal(LoadStatus.Loaded, (await ExtractAsync(new DateTime(2019, 4, 30))).Status);

        await using var connection = await Provider.OpenAsync();
        var checks = (await connection.QueryAsync<Check>(
            "SELECT fiscal_year, period, row_type, block, measure, printed, recomputed, warehouse, result FROM report.kad_lac_reconciliation")).ToList();

        Assert.Equal(24, checks.Count);
        var defects = checks.Where(c => c.result != "match").OrderBy(c => c.period).ThenBy(c => c.row_type).ToList();
        Assert.Equal(
        [
            (2, "block_total", "permanence", 1m, -10.12m),
            (2, "overall_total", "", 69.69m, 58.57m),
            (13, "block_total", "permanence", 1.9m, 0.31m),
            (13, "overall_total", "", 82.72m, 81.13m),
        ], defects.Select(d => (d.period, d.row_type, d.block, d.printed, d.recomputed)));
        Assert.All(defects, d => Assert.Equal("yearly_average_variance", d.measure));
        // The warehouse computes the block's own variance from its own figures (0.31 at closedown, as the arithmetic says).
        var closedownPermanence = defects[2];
        Assert.Equal(0.31m, closedownPermanence.warehouse);
        // Snapshot counts: the sample system reproduces every printed total.
        Assert.All(checks.Where(c => c.measure == "snapshot_placements"), c => Assert.Equal(c.printed, c.warehouse));
    }
}
