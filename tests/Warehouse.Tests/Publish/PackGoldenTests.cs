using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Configuration;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources;
using Warehouse.Jobs.Cli;
using Warehouse.Samples;

namespace Warehouse.Tests.Publish;

/// <summary>The May 2018 CYP pack and the 2018/19 closedown Adults pack, written from the samples through the real
/// pipeline and the report verb, carry the seeds' key figures (seeds-inventory §10: GC01, GC03, GC05, GC19, GC20).</summary>
public sealed class PackGoldenTests : DatabaseTest<PostgresProvider>
{
    private static readonly string[] Loads =
    [
        "organisation", "line-mapping", "activity-service-types", "adult-services-return",
        "finance-gl", "finance-forecast", "indicator-catalogue", "indicator-return",
    ];

    private async Task LoadSamplesAsync()
    {
        var sources = SourceCatalog.Create(new ConfigurationBuilder().Build());
        foreach (var demo in DemoCatalog.Loads.Where(d => Loads.Contains(d.Source) && !d.SamplePath.Contains("2017")))
        {
            var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(SourceCatalog.Find(sources, demo.Source)!,
                RepositoryPaths.Combine("samples", demo.SamplePath));
            Assert.True(outcome.Succeeded, $"{demo.SamplePath}: {outcome.Message}");
        }
    }

    private async Task<string> PackAsync(string period, string committee)
    {
        var folder = PackFixtures.TempFolder("golden");
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        };
        var output = new StringWriter();
        var code = await WarehouseCli.RunAsync(["report", "--period", period, "--committee", committee, "--format", "xlsx,html", "--out", folder],
            output, output, folder, settings);
        Assert.True(code == ExitCodes.Ok, output.ToString());
        return Directory.EnumerateFiles(folder, "*.xlsx").Single();
    }

    [SkippableFact]
    public async Task CypPack_May2018_CarriesTheSeedFigures()
    {
        await LoadSamplesAsync();

        var xlsx = await PackAsync("2018-05", "CYP");

        var summary = Sheet(xlsx, "Directorate summary");
        var total = Row(summary, "Line", "Total Expenditure");
        Assert.Equal(1916d, (double)total["Forecast variance"]);                       // GC01, exact
        Assert.InRange((double)total["Budget"], 320879 - 2, 320879 + 2);      // GC01, rows of unrounded data
        Assert.InRange((double)total["Actual"], 60810 - 2, 60810 + 2);
        Assert.Equal(1107d, (double)Row(summary, "Line", "Total")["Forecast variance"]); // GC02
        var appendix = Sheet(xlsx, "Appendix 1 - service level");
        var lac = Row(appendix, "Line", "Looked After Children Placements");  // GC03
        Assert.Equal(19641d, (double)lac["Budget"]);
        Assert.Equal(739d, (double)lac["Forecast variance"]);
        Assert.Equal(4d, (double)lac["Forecast variance %"]);
        Assert.DoesNotContain(appendix, r => Equals(r["Directorate"], "Adults & Safeguarding"));
        Assert.Equal(-809d, (double)Row(Sheet(xlsx, "Committee summary"), "Line", "Grant Funding")["Forecast variance"]); // GC05
        var rag = Row(Sheet(xlsx, "Indicator RAG counts"), "Responsible directorate", "All directorates");   // GC08: close 2017/18
        Assert.Equal((4d, 2d, 6d, 26d, 38d), ((double)rag["Red"], (double)rag["Amber"], (double)rag["Green"], (double)rag["No target"], (double)rag["Total"]));
    }

    [SkippableFact]
    public async Task AdultsPack_Closedown2018_CarriesTheSeedFigures()
    {
        await LoadSamplesAsync();

        var xlsx = await PackAsync("2019-13", "Adults");

        var committee = Sheet(xlsx, "Committee summary");                     // GC20
        var adults = Row(committee, "Line", "Adults & Safeguarding");
        Assert.Equal(155652d, (double)adults["Budget"]);
        Assert.Equal(156339d, (double)adults["Actual"]);
        Assert.Equal(686d, (double)adults["Forecast variance"]);
        var commissioning = Row(committee, "Line", "Commissioning");
        Assert.Equal((11345d, 11811d, 466d), ((double)commissioning["Budget"], (double)commissioning["Actual"], (double)commissioning["Forecast variance"]));
        var total = Row(committee, "Line", "Total Expenditure");
        Assert.Equal(1152d, (double)total["Forecast variance"]);
        Assert.InRange((double)total["Budget"], 166998 - 2, 166998 + 2);
        var directorates = Sheet(xlsx, "Directorate summary");                // GC19
        Assert.Equal(-8682d, (double)Row(directorates, "Line", "Grant Funding")["Forecast variance"]);
        Assert.Equal(9538, (double)Row(directorates, "Line", "Education")["Forecast variance"], 1d);
        Assert.Contains(SheetNames(xlsx), n => n.StartsWith("Key activity data", StringComparison.Ordinal));
        var rag = Row(Sheet(xlsx, "Indicator RAG counts"), "Responsible directorate", "All directorates");   // GC25: March 2019
        Assert.Equal((8d, 9d, 12d, 9d, 38d), ((double)rag["Red"], (double)rag["Amber"], (double)rag["Green"], (double)rag["No target"], (double)rag["Total"]));
        var html = File.ReadAllText(Path.ChangeExtension(xlsx, ".html"));
        Assert.Contains("Performance indicators by RAG status (Mar 2019)", html);
        Assert.Contains(">Adults &amp; Safeguarding</text>", html);
        AssertRendersWhereToolsExist(xlsx);
    }

    /// <summary>The real pack opens in LibreOffice (to PDF) and renders in Chromium; the screenshot is kept for a person.</summary>
    private static void AssertRendersWhereToolsExist(string xlsx)
    {
        var folder = Path.GetDirectoryName(xlsx)!;
        if (File.Exists("/usr/bin/soffice"))
        {
            var (code, output) = PackFixtures.Run("/usr/bin/soffice",
                $"-env:UserInstallation=file://{folder}/profile --headless --norestore --convert-to pdf --outdir {folder} {xlsx}", folder);
            Assert.True(code == 0 && File.Exists(Path.ChangeExtension(xlsx, ".pdf")), output);
            Assert.DoesNotContain("Error", output);
        }
        if (File.Exists("/usr/bin/chromium"))
        {
            var png = Path.Combine(Path.GetTempPath(), "warehouse-pack-" + Path.GetFileNameWithoutExtension(xlsx) + ".png");
            var (code, output) = PackFixtures.Run("/usr/bin/chromium",
                $"--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 --screenshot={png} file://{Path.ChangeExtension(xlsx, ".html")}", folder);
            Assert.True(code == 0 && new FileInfo(png).Length > 50_000, output);
        }
    }

    private static IReadOnlyList<string> SheetNames(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        return document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
    }

    /// <summary>A pack sheet as rows keyed by the header row (row 3): numbers as double, text as string.</summary>
    private static List<Dictionary<string, object>> Sheet(string path, string name)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().SingleOrDefault(s => s.Name == name)
                    ?? throw new Xunit.Sdk.XunitException($"No sheet '{name}' in {string.Join(", ", SheetNames(path))}");
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
        static string Column(Cell c) => new(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
        static object Value(Cell c) => c.DataType?.Value == CellValues.InlineString
            ? c.InnerText
            : double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture);
        var headers = rows.Single(r => r.RowIndex! == 3).Elements<Cell>().ToDictionary(Column, c => c.InnerText);
        return rows.Where(r => r.RowIndex! > 3)
            .Select(r => r.Elements<Cell>().ToDictionary(c => headers[Column(c)], Value))
            .ToList();
    }

    private static Dictionary<string, object> Row(List<Dictionary<string, object>> sheet, string column, string value) =>
        sheet.SingleOrDefault(r => r.TryGetValue(column, out var v) && Equals(v, value))
        ?? throw new Xunit.Sdk.XunitException($"No row with {column} = '{value}'.");
}
