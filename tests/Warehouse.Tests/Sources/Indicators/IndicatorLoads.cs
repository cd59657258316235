using System.Text;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Tests.Sources.Indicators;

/// <summary>Loads indicator samples and small hand-written returns through the real pipeline.</summary>
internal static class IndicatorLoads
{
    public const string ReturnHeader =
        "Indicator ID,Measure,Responsible Directorate(s),Previous period,Target,Actual,Date of latest data,Direction of travel,RAG Status,Stat Neighbours,England,Comments";

    public static Task<LoadOutcome> SampleAsync(DatabaseProvider provider, ISource source, string file) =>
        new IngestionPipeline(provider.Engine).LoadFileAsync(source, RepositoryPaths.Combine("samples", "indicators", file));

    public static Task<LoadOutcome> CatalogueAsync(DatabaseProvider provider) =>
        SampleAsync(provider, new IndicatorCatalogueSource(), "indicator-catalogue.csv");

    public static async Task CatalogueAndReturnsAsync(DatabaseProvider provider, params string[] months)
    {
        AssertLoaded(await CatalogueAsync(provider));
        foreach (var month in months)
            AssertLoaded(await SampleAsync(provider, new IndicatorReturnSource(), $"indicator-return-{month}.xlsx"));
    }

    public static void AssertLoaded(LoadOutcome outcome) =>
        Xunit.Assert.True(outcome.Status == LoadStatus.Loaded, $"{outcome.Status}: {outcome.Message}");

    /// <summary>Writes a small return as CSV: title rows with the reporting month, the header, then the given rows.</summary>
    public static string WriteReturn(string reportingMonth, params string[] rows)
    {
        var text = new StringBuilder()
            .AppendLine("Performance indicators")
            .AppendLine($"Reporting month: {reportingMonth}")
            .AppendLine()
            .AppendLine(ReturnHeader);
        foreach (var row in rows)
            text.AppendLine(row);
        return Write($"indicator-return-{Guid.NewGuid():N}.csv", text.ToString());
    }

    public static string Write(string name, string content)
    {
        var folder = TestFolders.New("indicators");
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
