using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Warehouse.Etl.Core;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Publish;
using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Publish;

public sealed class ReportPackTests : DatabaseTest<PostgresProvider>
{
    private async Task LoadFixtureAsync(string folder, int year, int period, params decimal[] amounts)
    {
        var path = Path.Combine(folder, $"fixture-{year}-{period}.csv");
        File.WriteAllLines(path, ["fiscal_year_start,period,amount", .. amounts.Select(a => $"{year},{period},{a}")]);
        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new PeriodTotalSource(), path);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    [SkippableFact]
    public async Task Build_ShowsOnlyThePeriodsLoads_AndNotesAbsentViews()
    {
        var folder = PackFixtures.TempFolder("pack");
        await LoadFixtureAsync(folder, 2018, 2, 100.5m, 200m);
        await LoadFixtureAsync(folder, 2018, 3, 999m);
        await using var connection = await Provider.OpenAsync();

        var pack = await ReportPackBuilder.BuildAsync(connection, new FiscalPeriod(2018, 2), "CYP", includeOperations: true);
        var committeePack = await ReportPackBuilder.BuildAsync(connection, new FiscalPeriod(2018, 2), "CYP");

        // The load checks are the operations annex's; the committee pack carries one line about them.
        Assert.DoesNotContain(committeePack.Tables, t => t.Key is "reconciliation" or "rejections");
        Assert.StartsWith("All source totals reconciled (1 control totals", committeePack.Context.Reconciliation);
        var reconciliation = pack.Tables.Single(t => t.Key == "reconciliation");
        var row = Assert.Single(reconciliation.Rows);
        Assert.Equal(300.5m, row[reconciliation.Index("source_value")]);
        Assert.Equal("match", row[reconciliation.Index("result")]);
        Assert.Equal(-1, reconciliation.Index("period_end"));
        var catalogue = await WarehouseCatalogue.ReadAsync(connection);
        foreach (var section in ReportPackBuilder.Sections.Where(s => !s.View.EndsWith('*') && !catalogue.Has(s.View)))
            Assert.Contains(pack.Notes, n => n.Contains(section.View));
    }

    [SkippableFact]
    public async Task Xlsx_HasCouncilNumberStyle_FrozenHeaders_AndPrintsLandscapeToWidth()
    {
        var path = Path.Combine(PackFixtures.TempFolder("xlsx"), "pack.xlsx");

        XlsxPackWriter.Write(PackFixtures.SeedShapedPack(), path);

        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Front page", "Directorate summary"], sheets.Select(s => s.Name!.Value));
        var formats = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Select(f => f.FormatCode!.Value).ToList();
        Assert.Contains("#,##0;-#,##0;0", formats);
        Assert.Contains("0.0%;-0.0%;0.0%", formats);

        var sheet = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet;
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(3d, pane.VerticalSplit!.Value);
        var setup = sheet.Descendants<PageSetup>().Single();
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(9u, setup.PaperSize!.Value);  // A4
        Assert.Equal(1u, setup.FitToWidth!.Value);
        Assert.True(sheet.Descendants<PageSetupProperties>().Single().FitToPage!.Value);
        Assert.All(sheet.Descendants<Column>(), c => Assert.True(c.Width!.Value >= 8));
        Assert.Contains("Page &P of &N", sheet.Descendants<OddFooter>().Single().Text);

        var cells = sheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal("Line", cells["A3"].InnerText);          // line_type is read for the layout, not printed
        Assert.Equal("-809", cells["D6"].CellValue!.Text);
        var styles = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        Assert.Equal(164u, styles[(int)cells["D6"].StyleIndex!.Value].NumberFormatId!.Value);
        // A real percentage: 739 / 154,174 computed from the printed figures, 0.5%, stored as the fraction.
        Assert.Equal(0.005, double.Parse(cells["E4"].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal(165u, styles[(int)cells["E4"].StyleIndex!.Value].NumberFormatId!.Value);
        // Total rows print bold with a rule above them, as in the paper.
        Assert.Equal(2u, styles[(int)cells["B7"].StyleIndex!.Value].BorderId!.Value);
        var names = workbook.Workbook.DefinedNames!.Elements<DefinedName>().ToList();
        Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles");
        Assert.Contains(names, n => n.Name == "_xlnm.Print_Area" && n.Text == "'Directorate summary'!$A$1:$E$7");
    }

    [Theory]
    [InlineData("kad", "Key activity data — Lac external placements by client group", "KAD Lac external placements by")]
    [InlineData("appendix1", "Appendix 1 — Service level budgetary control report", "Appendix 1")]
    [InlineData("capital", "Capital programme — expenditure and funding by scheme", "Capital programme - expenditure")]
    public void SheetName_ShortensAtAWord_NeverInOne(string key, string title, string expected)
    {
        var name = XlsxPackWriter.SheetName(key, title, []);
        Assert.Equal(expected, name);
        Assert.True(name.Length <= 31);
    }

    [SkippableFact]
    public async Task Xlsx_ConvertsToPdf_InHeadlessLibreOffice()
    {
        Skip.IfNot(File.Exists("/usr/bin/soffice"), "LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc");
        var folder = PackFixtures.TempFolder("lo");
        await LoadFixtureAsync(folder, 2018, 2, 1m);
        await using var connection = await Provider.OpenAsync();
        var pack = await ReportPackBuilder.BuildAsync(connection, new FiscalPeriod(2018, 2), "all");
        XlsxPackWriter.Write(pack, Path.Combine(folder, "db-pack.xlsx"));
        XlsxPackWriter.Write(PackFixtures.SeedShapedPack(), Path.Combine(folder, "seed-pack.xlsx"));

        var (code, output) = PackFixtures.Run("/usr/bin/soffice",
            $"-env:UserInstallation=file://{folder}/profile --headless --norestore --convert-to pdf --outdir {folder} {folder}/db-pack.xlsx {folder}/seed-pack.xlsx", folder);

        Assert.True(code == 0, output);
        foreach (var name in new[] { "db-pack.pdf", "seed-pack.pdf" })
        {
            var pdf = Path.Combine(folder, name);
            Assert.True(File.Exists(pdf), $"{name} was not written: {output}");
            Assert.StartsWith("%PDF", File.ReadAllText(pdf)[..8]);
        }
    }

    [SkippableFact]
    public void Html_IsSelfContained_WithChartsAndCouncilNumbers()
    {
        var html = HtmlPackWriter.Render(PackFixtures.SeedShapedPack());

        Assert.Equal(2, html.Split("<svg").Length - 1);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("https://", html);
        // The only address is the SVG namespace, which is a name, not a fetch.
        Assert.Equal(2, html.Split("http://").Length - 1);
        Assert.Equal(2, html.Split("http://www.w3.org/2000/svg").Length - 1);
        Assert.Contains("<td class=\"n\">154,174</td>", html);
        Assert.Contains("<td class=\"n\">-809</td>", html);
        Assert.Contains("<td class=\"n\">1.8%</td>", html);
        Assert.Contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages)", html);
        Assert.Contains("<th>Previous Status</th><th>Category</th><th>Target</th><th>Current Status</th>", html);
        Assert.Contains(">Adults &amp; Safeguarding</text>", html);
    }

    [SkippableFact]
    public void Html_RendersInHeadlessChromium_ForAScreenshot()
    {
        Skip.IfNot(File.Exists("/usr/bin/chromium"), "Chromium is not installed: apt-get install -y chromium");
        var folder = PackFixtures.TempFolder("html");
        var html = Path.Combine(folder, "pack.html");
        HtmlPackWriter.Write(PackFixtures.SeedShapedPack(), html);
        var png = Path.Combine(folder, "pack.png");

        var (code, output) = PackFixtures.Run("/usr/bin/chromium",
            $"--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1000 --screenshot={png} file://{html}", folder);

        Assert.True(code == 0 && File.Exists(png), output);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes: blank page?");
        // Kept for a person to look at (the closing note describes it).
        File.Copy(png, Path.Combine(Path.GetTempPath(), "warehouse-pack-screenshot.png"), overwrite: true);
    }

    [SkippableFact]
    public async Task ReportVerb_RefusesUnknownCommittees_EmptyPeriodsAndExistingFiles_InOneSentence()
    {
        var folder = PackFixtures.TempFolder("verb");
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        };
        async Task<(int Code, string Text)> RunAsync(params string[] args)
        {
            var output = new StringWriter();
            var code = await WarehouseCli.RunAsync(args, output, output, folder, settings);
            return (code, output.ToString());
        }

        var unknown = await RunAsync("report", "--period", "2018-07", "--committee", "XYZ");
        Assert.Equal(ExitCodes.Usage, unknown.Code);
        Assert.Contains("Unknown committee 'XYZ': use one of all, Adults, CYP, Communities", unknown.Text);

        // Any case names the committee; a period with no figures names the latest one held (none here).
        var empty = await RunAsync("pack", "--period", "2018-07", "--committee", "cyp");
        Assert.Equal(ExitCodes.Usage, empty.Code);
        Assert.Contains("no finance figures yet, so there is no pack for July 2018", empty.Text);
        Assert.False(Directory.Exists(Path.Combine(folder, "packs")));

        Directory.CreateDirectory(Path.Combine(folder, "packs"));
        File.WriteAllText(Path.Combine(folder, "packs", "fpr-2018-07-cyp.xlsx"), "kept");
        var existing = await RunAsync("report", "--period", "2018-07", "--committee", "Cyp");
        Assert.Equal(ExitCodes.Usage, existing.Code);
        Assert.Contains("fpr-2018-07-cyp.xlsx already exists: add --force to replace it.", existing.Text);
        Assert.DoesNotContain("   at ", existing.Text);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(folder, "packs", "fpr-2018-07-cyp.xlsx")));
        Assert.Equal(ExitCodes.Usage, (await RunAsync("report", "--period", "May")).Code);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("report", "--period", "2018-05", "--format", "docx")).Code);
    }

    [Theory]
    [InlineData(2018, 4, "CYP", "fpr-2018-07-cyp")]
    [InlineData(2018, 13, "Adults", "fpr-2019-13-adults")]
    [InlineData(2018, 12, "all", "fpr-2019-03-all")]
    public void FileStem_NamesTheReportMonth(int year, int period, string committee, string expected) =>
        Assert.Equal(expected, ReportCommands.FileStem(new FiscalPeriod(year, period), committee));
}

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2018-05", 2018, 2)]
    [InlineData("2018-04", 2018, 1)]
    [InlineData("2019-03", 2018, 12)]
    [InlineData("2019-13", 2018, 13)]
    [InlineData("2017-05", 2017, 2)]
    public void ParsePeriod_ReadsMonthsAndClosedown(string text, int year, int period) =>
        Assert.Equal(new FiscalPeriod(year, period), ReportPackBuilder.ParsePeriod(text));

    [Theory]
    [InlineData("May-18")]
    [InlineData("2018-14")]
    [InlineData("2018")]
    public void ParsePeriod_Rejects_Nonsense(string text) =>
        Assert.Throws<FormatException>(() => ReportPackBuilder.ParsePeriod(text));
}
