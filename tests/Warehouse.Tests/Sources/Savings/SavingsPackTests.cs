using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Warehouse.Etl.Core;
using Warehouse.Etl.Publish;

namespace Warehouse.Tests.Sources.Savings;

/// <summary>The committee pack's savings sections: sliced by committee, RAG cells filled in their colour in both writers.</summary>
public sealed class SavingsPackTests : DatabaseTest<PostgresProvider>
{
    private static readonly FiscalPeriod Closedown = new(2018, 13);

    [SkippableFact]
    public async Task Pack_ForCyp_ShowsTheCommitteesProposalsAndItsTotals()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));
        await using var connection = await Provider.OpenAsync();

        var pack = await ReportPackBuilder.BuildAsync(connection, Closedown, "CYP");

        var tracker = pack.Tables.Single(t => t.Key == "savings");
        Assert.Equal(15, tracker.Rows.Count);
        Assert.Equal(-1, tracker.Index("committee"));
        var lac = tracker.Rows.Single(r => Equals(r[tracker.Index("reference")], "A/R.6.253"));
        Assert.Equal(("Blue", -2318m), (lac[tracker.Index("rag")], lac[tracker.Index("forecast_saving_k")]));
        Assert.Equal(Warehouse.Etl.Publish.CellStyle.Rag, tracker.Columns[tracker.Index("rag")].Style);
        var summary = Assert.Single(pack.Tables.Single(t => t.Key == "savings-summary").Rows);
        var columns = pack.Tables.Single(t => t.Key == "savings-summary");
        Assert.Equal((-4705m, -5083m), (summary[columns.Index("original_saving_k")], summary[columns.Index("forecast_saving_k")]));
    }

    [SkippableFact]
    public async Task Pack_ForAll_FillsEachRagInItsColour_InHtmlAndXlsx()
    {
        SavingsFixtures.AssertLoaded(await SavingsFixtures.SampleAsync(Provider));
        await using var connection = await Provider.OpenAsync();
        var pack = await ReportPackBuilder.BuildAsync(connection, Closedown, "all");
        var folder = TestFolders.New("savings-pack");

        var html = HtmlPackWriter.Render(pack);
        var xlsx = Path.Combine(folder, "pack.xlsx");
        XlsxPackWriter.Write(pack, xlsx);

        Assert.Equal(32, pack.Tables.Single(t => t.Key == "savings").Rows.Count);
        Assert.Contains("<td class=\"rag\" style=\"background:#0070C0;color:#FFFFFF\">Blue</td>", html);
        Assert.Contains("<td class=\"rag\" style=\"background:#000000;color:#FFFFFF\">Black</td>", html);
        Assert.Equal("FF0070C0", FillOf(xlsx, "Savings tracker", "Blue"));
        Assert.Equal("FFC00000", FillOf(xlsx, "Savings tracker", "Red"));
        Assert.Equal("FFFFC000", FillOf(xlsx, "Savings tracker", "Amber"));
    }

    /// <summary>The solid fill colour of the first cell on the sheet whose text is <paramref name="text"/>.</summary>
    private static string? FillOf(string path, string sheetName, string text)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var cell = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().First(c => c.InnerText == text);
        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        var fill = stylesheet.Fills!.Elements<Fill>().ElementAt((int)format.FillId!.Value);
        return fill.PatternFill?.ForegroundColor?.Rgb?.Value;
    }
}
