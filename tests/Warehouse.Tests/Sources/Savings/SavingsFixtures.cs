using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Savings;

namespace Warehouse.Tests.Sources.Savings;

/// <summary>Loads the savings sample and tiny hand-written trackers through the real pipeline.</summary>
internal static class SavingsFixtures
{
    public static Task<LoadOutcome> LoadAsync(DatabaseProvider provider, string path) =>
        new IngestionPipeline(provider.Engine).LoadFileAsync(new SavingsTrackerSource(), path);

    public static Task<LoadOutcome> SampleAsync(DatabaseProvider provider) => LoadAsync(provider, SavingsTrackerSample.SamplePath);

    public static void AssertLoaded(LoadOutcome outcome) =>
        Assert.True(outcome.Status == LoadStatus.Loaded, $"{outcome.Status}: {outcome.Message}");

    /// <summary>A proposal row in the sample's 16 columns (investment 0, commentary "ok").</summary>
    public static object?[] Proposal(string reference, string committee, double original, double q1, double q2, double q3, double q4,
        double forecast, double variance, double pct, string rag, string direction = "↔") =>
        [reference, $"Proposal {reference}", "P&C", committee, 0.0, original, q1, q2, q3, q4, forecast, variance, pct, rag, direction, "ok"];

    public static readonly object?[] Cross = Proposal("A/R.6.001", "P&C Cross Committee", -63, -63, 0, 0, 0, -63, 0, 0.00, "Green");
    public static readonly object?[] Short = Proposal("A/R.6.172", "Adults", -1000, -250, -250, -225, 0, -725, 275, 27.50, "Red");

    /// <summary>
    /// Writes a tracker laid out as the sample (title row 1, banner row 3, totals row 4, header row 5, proposals from
    /// row 6). The totals row is the sum of the rows unless <paramref name="totals"/> is given.
    /// </summary>
    public static string Write(string title, object?[][] proposals, object?[]? totals = null, string? fileName = null)
    {
        totals ??= [null, null, null, null, .. Enumerable.Range(4, 8).Select(c => (object?)proposals.Sum(p => (double)p[c]!))];
        var path = Path.Combine(TestFolders.New("savings"), fileName ?? $"savings-{Guid.NewGuid():N}-2018-09.xlsx");
        return TinyXlsx.Write(path, "Tracker",
            new object?[][] { [title], [], [null, null, null, null, "Planned £000", null, "Forecast £000"], totals, SavingsTrackerSample.Header }
                .Concat(proposals));
    }
}
