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
/// pipeline and the report verb, print the seeds' figures exactly (seeds-inventory §10: GC01–GC03, GC05, GC08, GC19, GC20,
/// GC25), in the PDF's text and in the workbook.</summary>
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

    private async Task<string> PackAsync(string period, string committee, string formats = "xlsx,html")
    {
        var folder = PackFixtures.TempFolder("golden");
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        };
        var output = new StringWriter();
        var code = await WarehouseCli.RunAsync(["report", "--period", period, "--committee", committee, "--format", formats], output, output, folder, settings);
        Assert.True(code == ExitCodes.Ok, output.ToString());
        return Directory.EnumerateFiles(Path.Combine(folder, "packs"), "*.xlsx").Single();
    }

    /// <summary>The PDF's text as pdftotext lays it out, spaces collapsed: "Total Expenditure 0 320,879 …".</summary>
    private static string PdfText(string pdf)
    {
        var (code, text) = PackFixtures.Run("/usr/bin/pdftotext", $"-layout {pdf} -", Path.GetDirectoryName(pdf)!);
        Assert.True(code == 0, text);
        return System.Text.RegularExpressions.Regex.Replace(text, "[ \t]+", " ");
    }

    private static void SkipUnlessPdfTools() =>
        Skip.IfNot(File.Exists("/usr/bin/chromium") && File.Exists("/usr/bin/pdftotext"),
            "the PDF pack needs chromium and pdftotext: apt-get install -y chromium poppler-utils");

    [SkippableFact]
    public async Task CypPack_May2018_PdfPrintsThePapersFigures()
    {
        SkipUnlessPdfTools();
        await LoadSamplesAsync();

        var xlsx = await PackAsync("2018-05", "cyp", "pdf,xlsx,html");

        var pdf = Path.ChangeExtension(xlsx, ".pdf");
        Assert.Equal("fpr-2018-05-cyp.pdf", Path.GetFileName(pdf));
        var text = PdfText(pdf);
        // seed 000 §2.1 (GC01, GC02): Apr | Budget | Actual | Variance | %
        Assert.Contains("Total Expenditure 0 320,879 60,810 1,916 0.6%", text);
        Assert.Contains("Grant Funding 0 -81,550 -11,095 -809 1.0%", text);
        Assert.Contains("Total 0 239,329 49,716 1,107 0.5%", text);
        // Appendix 1 (GC03, GC05), with the commentary numbers and % to one decimal from the printed figures
        Assert.Contains("Looked After Children Placements 1 0 19,641 1,063 739 3.8%", text);
        Assert.Contains("Financing DSG 6 0 -42,986 -7,164 -809 -1.9%", text);
        Assert.Contains("Grant Funding Total 0 -81,550 -11,095 -809 1.0%", text);
        Assert.Contains("Net Total 0 239,329 49,716 1,107 0.5%", text);
        Assert.Contains("Commissioning Directorate Total 0 44,162 2,430 739 1.7%", text);
        // the paper's own contradiction is a footnote, not a silent difference (seeds-inventory §9.4)
        Assert.Contains("Total Expenditure 60,810 plus Grant Funding -11,095 as printed gives 49,715", text);
        // Appendix 2 carries the return's commentary text
        Assert.Contains("LAC Placements budget is forecasting an overspend of £0.7m at the end of May.", text);
        // page header and footer; the load checks stay out of the committee pack
        Assert.Contains("Children and Young People Committee", text);
        Assert.Matches("Page 1 of [0-9]+", text);
        Assert.Contains("Data as at ", text);
        Assert.Contains("All source totals reconciled", text);
        Assert.DoesNotContain("Reconciliation of the loads", text);
        Assert.Contains("Income and Expenditure Balanced year end position Red 2.1", text);

        var summary = Sheet(xlsx, "Directorate summary");
        var total = Row(summary, "Directorate", "Total Expenditure");
        Assert.Equal((320879d, 60810d, 1916d), ((double)total["Budget 2018/19 £000"], (double)total["Actual May 2018 £000"], (double)total["Forecast Outturn Variance £000"]));
        Assert.Equal(0.006, (double)total["Forecast Outturn Variance %"], 6);   // a real percentage
        var lac = Row(Sheet(xlsx, "Appendix 1"), "Service", "Looked After Children Placements");
        Assert.Equal((19641d, 739d), ((double)lac["Budget 2018/19 £000"], (double)lac["Forecast Outturn Variance £000"]));
        Assert.Equal(0.038, (double)lac["Forecast Outturn Variance %"], 6);
        Assert.Equal(-809d, (double)Row(Sheet(xlsx, "Committee summary"), "Directorate", "Grant Funding")["Forecast Outturn Variance £000"]); // GC05
        var rag = Row(Sheet(xlsx, "Indicator RAG counts"), "Responsible directorate", "All directorates");   // GC08: close 2017/18
        Assert.Equal((4d, 2d, 6d, 26d, 38d), ((double)rag["Red"], (double)rag["Amber"], (double)rag["Green"], (double)rag["No target"], (double)rag["Total"]));
        Assert.DoesNotContain(SheetNames(xlsx), n => n.StartsWith("Reconciliation", StringComparison.Ordinal));
        AssertRendersWhereToolsExist(xlsx);
    }

    [SkippableFact]
    public async Task AdultsPack_Closedown2018_CarriesTheSeedFigures()
    {
        await LoadSamplesAsync();

        var xlsx = await PackAsync("2019-13", "ADULTS", File.Exists("/usr/bin/chromium") ? "xlsx,html,pdf" : "xlsx,html");

        Assert.Equal("fpr-2019-13-adults.xlsx", Path.GetFileName(xlsx));
        var committee = Sheet(xlsx, "Committee summary");                     // GC20
        var adults = Row(committee, "Directorate", "Adults & Safeguarding");
        Assert.Equal((155652d, 156339d, 686d), ((double)adults["Budget 2018/19 £000"], (double)adults["Actual Close (P13) £000"], (double)adults["Outturn Variance £000"]));
        var commissioning = Row(committee, "Directorate", "Commissioning");
        Assert.Equal((352d, 11345d, 11811d, 466d), ((double)commissioning["Forecast Outturn Variance (Feb) £000"], (double)commissioning["Budget 2018/19 £000"],
            (double)commissioning["Actual Close (P13) £000"], (double)commissioning["Outturn Variance £000"]));
        var total = Row(committee, "Directorate", "Total Expenditure");
        Assert.Equal((166998d, 168150d, 1152d), ((double)total["Budget 2018/19 £000"], (double)total["Actual Close (P13) £000"], (double)total["Outturn Variance £000"]));
        var directorates = Sheet(xlsx, "Directorate summary");                // GC19
        var grant = Row(directorates, "Directorate", "Grant Funding");
        Assert.Equal((-101653d, -110335d, -8682d), ((double)grant["Budget 2018/19 £000"], (double)grant["Actual Close (P13) £000"], (double)grant["Outturn Variance £000"]));
        Assert.Equal(0.085, (double)grant["Outturn Variance %"], 6);
        var net = Row(directorates, "Directorate", "Total");
        Assert.Equal((243570d, 248326d), ((double)net["Budget 2018/19 £000"], (double)net["Actual Close (P13) £000"]));
        Assert.Contains(SheetNames(xlsx), n => n.StartsWith("KAD ", StringComparison.Ordinal));
        var rag = Row(Sheet(xlsx, "Indicator RAG counts"), "Responsible directorate", "All directorates");   // GC25: March 2019
        Assert.Equal((8d, 9d, 12d, 9d, 38d), ((double)rag["Red"], (double)rag["Amber"], (double)rag["Green"], (double)rag["No target"], (double)rag["Total"]));
        var html = File.ReadAllText(Path.ChangeExtension(xlsx, ".html"));
        Assert.Contains("Performance indicators by RAG status (Mar 2019)", html);
        Assert.Contains(">Adults &amp; Safeguarding</text>", html);
        // the closedown chart has the months with figures only, not eight empty ones between May and Feb
        Assert.Contains(">Feb</text>", html);
        Assert.DoesNotContain(">Jun</text>", html);
        if (File.Exists("/usr/bin/pdftotext") && File.Exists(Path.ChangeExtension(xlsx, ".pdf")))
        {
            var text = PdfText(Path.ChangeExtension(xlsx, ".pdf"));
            // GC20: Feb | Budget | Actual | Outturn Variance | %
            Assert.Contains("Adults & Safeguarding 148 155,652 156,339 686 0.4%", text);
            Assert.Contains("Commissioning 352 11,345 11,811 466 4.1%", text);
            Assert.Contains("Total Expenditure 500 166,998 168,150 1,152 0.7%", text);
            // GC20's committee Grant Funding (−28,836) and net Total (138,161 / 139,313) need grant lines assigned to
            // committees, which the organisation reference does not do yet: the pack says so rather than differ silently.
            Assert.Contains("No grant funding is assigned to", text);
            // GC19 in the directorate summary of the same pack
            Assert.Contains("Education 9,098 81,155 90,693 9,538 11.8%", text);
            Assert.Contains("Total Expenditure 12,959 345,222 358,661 13,439 3.9%", text);
            Assert.Contains("Total 4,936 243,570 248,326 4,756 2.0%", text);
            // the paper's 13,439 − 8,682 is 4,757, not its 4,756 (seeds-inventory GC19): a footnote says so
            Assert.Contains("Total Expenditure 13,439 plus Grant Funding -8,682 as printed gives 4,757", text);
            Assert.Contains("Adults Committee", text);
            Assert.Contains("Closedown 2018/19", text);
        }
        AssertRendersWhereToolsExist(xlsx);
    }

    /// <summary>The real pack opens in LibreOffice (to PDF) and renders in Chromium; the screenshot is kept for a person.</summary>
    private static void AssertRendersWhereToolsExist(string xlsx)
    {
        var folder = Path.GetDirectoryName(xlsx)!;
        if (File.Exists("/usr/bin/soffice"))
        {
            var (code, output) = PackFixtures.Run("/usr/bin/soffice",
                $"-env:UserInstallation=file://{folder}/profile --headless --norestore --convert-to pdf --outdir {folder}/lo {xlsx}", folder);
            Assert.True(code == 0 && File.Exists(Path.Combine(folder, "lo", Path.GetFileNameWithoutExtension(xlsx) + ".pdf")), output);
            Assert.DoesNotContain("Error", output);
        }
        if (File.Exists("/usr/bin/chromium"))
        {
            var png = Path.Combine(Path.GetTempPath(), "warehouse-pack-" + Path.GetFileNameWithoutExtension(xlsx) + ".png");
            var (code, output) = PackFixtures.Run("/usr/bin/chromium",
                $"--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1414 --screenshot={png} file://{Path.ChangeExtension(xlsx, ".html")}", folder);
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
