using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Capital;
using Warehouse.Etl.Sources.Integrated;

namespace Warehouse.Tests.Sources.Capital;

/// <summary>Loads the capital and IRPR samples (samples/capital, samples/integrated) through the real pipeline.</summary>
internal static class CapitalLoads
{
    public static Task<LoadOutcome> LoadAsync(DatabaseProvider provider, StatementFormat format, string path) =>
        new IngestionPipeline(provider.Engine).LoadFileAsync(new StatementReturnSource(format), path);

    public static async Task<LoadOutcome> SampleAsync(DatabaseProvider provider, StatementFormat format, string folder, string file)
    {
        var outcome = await LoadAsync(provider, format, RepositoryPaths.Combine("samples", folder, file));
        Assert.True(outcome.Status == LoadStatus.Loaded, $"{file}: {outcome.Status}: {outcome.Message}");
        return outcome;
    }

    /// <summary>The three F&amp;PR capital returns of one month (yyyy-mm, 13 = closedown).</summary>
    public static async Task FprMonthAsync(DatabaseProvider provider, string month)
    {
        await SampleAsync(provider, CapitalReturns.Monitoring, "capital", $"capital-monitoring-{month}.xlsx");
        await SampleAsync(provider, CapitalReturns.Funding, "capital", $"capital-funding-{month}.xlsx");
        await SampleAsync(provider, CapitalReturns.Variation, "capital", $"capital-variation-{month}.xlsx");
    }

    /// <summary>The IRPR of May 2018: revenue summary, capital summary and capital variation.</summary>
    public static async Task IrprMay2018Async(DatabaseProvider provider)
    {
        await SampleAsync(provider, IntegratedReturns.RevenueSummary, "integrated", "irpr-revenue-2018-05.xlsx");
        await SampleAsync(provider, CapitalReturns.IrprSummary, "integrated", "irpr-capital-2018-05.xlsx");
        await SampleAsync(provider, CapitalReturns.IrprVariation, "integrated", "irpr-capital-variation-2018-05.xlsx");
    }
}
