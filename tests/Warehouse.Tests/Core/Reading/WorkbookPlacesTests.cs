using Warehouse.Etl.Core.Reading;

namespace Warehouse.Tests.Core.Reading;

/// <summary>
/// What ExcelDataReader reads as empty or cannot read at all, named at its cell by the workbook reader (issue 20,
/// item 8): a formula without its saved result, a merged figure, a control character inside a string.
/// </summary>
public sealed class WorkbookPlacesTests
{
    private static string Workbook(string name, params RawSheet[] sheets) =>
        RawXlsx.Write(Path.Combine(TestFolders.New("places"), name), new RawSheetSet(sheets));

    [Fact]
    public void ReadRows_RefusesAFormulaWithNoSavedResult_AtItsCell()
    {
        var path = Workbook("uncalculated.xlsx", new RawSheet("Notes", [["only text"]]),
            new RawSheet("Budget", [["Line", "Budget"], ["A", 10], ["B", 20], ["Total", RawCell.UncalculatedFormula("SUM(B2:B3)")]]));

        var refused = Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(path).ToList());

        Assert.Equal(("uncalculated.xlsx", "Budget", 4, "B"), (refused.File, refused.Sheet, refused.Row, refused.Column));
        Assert.Contains("formula with no saved result", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_RefusesASharedFormulaWithNoSavedResult_AndOneWithAnEmptyValue()
    {
        var shared = Workbook("shared.xlsx", new RawSheet("S", [["x", RawCell.Formula("1+1", 2)], ["y", new RawCell("><f t=\"shared\" si=\"0\"/>")]]));
        var empty = Workbook("empty.xlsx", new RawSheet("S", [["x", 1], ["y", 2], ["z", new RawCell("><f>B1+B2</f><v/>")]]));

        Assert.Equal((2, "B"), Place(Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(shared).ToList())));
        Assert.Equal((3, "B"), Place(Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(empty).ToList())));

        static (int?, string?) Place(SourceFormatException e) => (e.Row, e.Column);
    }

    [Fact]
    public void ReadRows_RefusesAFormulaWithNoSavedResult_WhenTheSheetsElementsArePrefixed()
    {
        // As some writers (the Open XML SDK among them) save a sheet: `<x:c><x:f>…</x:f></x:c>`.
        var path = Workbook("prefixed.xlsx", new RawSheet("S", [["a", 1], ["b", RawCell.UncalculatedFormula("B1*2")]]));
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
                xml = reader.ReadToEnd();
            entry.Delete();
            xml = System.Text.RegularExpressions.Regex.Replace(xml, "<(/?)(worksheet|sheetData|row|c|v|f|is|t)([ >/])", "<$1x:$2$3")
                .Replace("xmlns=", "xmlns:x=");
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(xml);
        }

        var refused = Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(path).ToList());

        Assert.Equal(("S", 2, "B"), (refused.Sheet, refused.Row, refused.Column));
    }

    [Fact]
    public void ReadRows_ReadsCalculatedFormulas_IncludingOneWhoseResultIsEmptyText()
    {
        var path = Workbook("calculated.xlsx", new RawSheet("S",
            [["a", RawCell.Formula("2*3", 6)], ["b", new RawCell("t=\"str\"><f>IF(1,\"\",\"x\")</f><v></v>")], ["c", new RawCell("t=\"e\"><f>1/0</f><v>#DIV/0!</v>")]]));

        var rows = WorkbookReader.ReadRows(path).ToList();

        Assert.Equal([6d, null, "#DIV/0!"], rows.Select(r => r[1]));
    }

    [Fact]
    public void ReadRows_MarksTheCoveredCellsOfAMergedFigure_ButNotOfAMergedTitle()
    {
        var path = Workbook("merged.xlsx", new RawSheet("S",
            [["Key activity", null, null], ["Line", "Users", "Budget"], ["Residential", 514, 14808], ["Nursing", null, 9000]], "A1:C1", "B3:B4"));

        var rows = WorkbookReader.ReadRows(path).ToList();

        Assert.Null(rows[0][1]); // a title across the sheet is no figure
        Assert.Equal(514d, rows[2][1]);
        var covered = Assert.IsType<MergedCell>(rows[3][1]);
        Assert.Null(rows[3].Text(1));
        Assert.Contains("merged cells B3:B4, whose figure is in B3 only", Cells.Money(rows[3][1], inThousands: false).Error, StringComparison.Ordinal);
        Assert.Equal("B3", covered.Anchor);
    }

    [Fact]
    public void ReadRows_RefusesANulInASharedString_AtTheCellThatShowsIt()
    {
        var path = RawXlsx.Write(Path.Combine(TestFolders.New("places"), "nul.xlsx"), new RawSheetSet(
            [new RawSheet("Lines", [["Code", "Name"], ["L1", RawCell.Shared(0)], ["L2", RawCell.Shared(1)]])], ["Residential", "Nurs\0ing"]));

        var refused = Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(path).ToList());

        Assert.Equal(("Lines", 3, "B"), (refused.Sheet, refused.Row, refused.Column));
        Assert.Equal("holds the control character U+0000 at position 5, which the warehouse does not store; remove it", refused.Reason);
    }

    [Fact]
    public void ReadRows_RefusesABelInAnInlineString_AtItsCell()
    {
        var path = Workbook("bel.xlsx", new RawSheet("S", [["a", 1], ["b", 2], [null, null, "ring\u0007"]]));

        var refused = Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(path).ToList());

        Assert.Equal(("S", 3, "C"), (refused.Sheet, refused.Row, refused.Column));
        Assert.Contains("control character U+0007 at position 5", refused.Reason, StringComparison.Ordinal);
    }
}
