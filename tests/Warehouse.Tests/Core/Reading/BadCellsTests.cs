using System.IO.Compression;
using System.Text;
using Warehouse.Etl.Core.Reading;

namespace Warehouse.Tests.Core.Reading;

/// <summary>Cells and files the readers refuse before anything reaches the database (issue 20).</summary>
public sealed class BadCellsTests
{
    [Theory]
    [InlineData(1e308)]
    [InlineData(-1e308)]
    [InlineData(1e13)]
    public void Money_RefusesAFigurePastATrillion_InsteadOfOverflowing(double cell)
    {
        var parsed = Cells.Money(cell, inThousands: false);

        Assert.Equal(Cells.TooLargeReason, parsed.Error);
    }

    [Theory]
    [InlineData("12345678901234567890")]
    [InlineData("999999999999999999999999999999")]
    [InlineData("1E+308")]
    public void Decimal_RefusesOverflowingText(string text)
    {
        Assert.False(Cells.Decimal(text).Ok);
    }

    [Fact]
    public void Money_RefusesAThousandTimesATrillionPounds_WhenTheColumnIsInThousands() =>
        Assert.Equal(Cells.TooLargeReason, Cells.Money(2_000_000_000d, inThousands: true).Error);

    [Theory]
    [InlineData("1.234,56")]
    [InlineData("12,5")]
    [InlineData("1,23")]
    [InlineData("1,2345")]
    [InlineData("£1.234,00")]
    public void Money_RefusesADecimalComma(string text) =>
        Assert.Contains("decimal comma", Cells.Money(text, inThousands: false).Error);

    [Theory]
    [InlineData("1,234.56", 1234.56)]
    [InlineData("£1,234,567", 1234567)]
    [InlineData("(1,234)", -1234)]
    [InlineData("-£52k", -52000)]
    public void Money_ReadsEnglishThousandsSeparators(string text, double expected) =>
        Assert.Equal((decimal)expected, Cells.Money(text, inThousands: false).Value);

    [Theory]
    [InlineData("May-45")]
    [InlineData("May-14")]
    [InlineData("2099-05")]
    public void Period_IsNone_OutsideTheWarehouseCalendar(string text) => Assert.Null(Cells.Period(text));

    [Fact]
    public void Period_IsNone_ForADateBeforeTheYear2000_InsteadOfThrowing() => Assert.Null(Cells.Period(new DateTime(1918, 5, 1)));

    [Theory]
    [InlineData("a\0b")]
    [InlineData("bell\u0007")]
    [InlineData("\u001b[0m")]
    [InlineData("Caf\uFFFD")]
    [InlineData("x\u0085")]
    public void CellText_RefusesControlCharactersAndTheReplacementCharacter(string text) => Assert.NotNull(CellText.Fault(text));

    [Theory]
    [InlineData("Learning Disability – Residential")]
    [InlineData("line one\nline two\ttabbed")]
    [InlineData("æøå £ €")]
    public void CellText_AcceptsOrdinaryText(string text) => Assert.Null(CellText.Fault(text));

    [Fact]
    public void ReadRows_RefusesANonUtf8Csv_NamingTheLineAndColumnOfTheFirstBadByte()
    {
        var path = Write("names.csv", Encoding.Latin1.GetBytes("code,name\nA1,Good\nA2,Bl\u00e5b\u00e6r\n"));

        var refused = Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(path).ToList());

        Assert.Equal((3, "column 2"), (refused.Row, refused.Column));
        Assert.Contains("not UTF-8", refused.Reason);
    }

    [Fact]
    public void ReadRows_ReadsUtf8WithAByteOrderMark_AndUtf16()
    {
        var utf8 = Write("bom.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("code,name\nA1,æøå\n")]);
        var utf16 = Write("wide.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("code,name\nA1,æøå\n")]);

        Assert.Equal("æøå", WorkbookReader.ReadRows(utf8).Last().Text(1));
        Assert.Equal("æøå", WorkbookReader.ReadRows(utf16).Last().Text(1));
    }

    [Fact]
    public void ReadRows_RefusesARowWiderThanTheLimit_NamingTheSetting()
    {
        var path = Write("wide.csv", Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 50)) + "\n"));

        var refused = Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(path, null, new ReadLimits { MaxColumns = 10 }).ToList());

        Assert.Contains("Warehouse:Limits:MaxColumns", refused.Reason);
    }

    [Fact]
    public void ReadRows_RefusesMoreRowsThanTheLimit()
    {
        var path = Write("long.csv", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 30).Select(i => $"{i}\n"))));

        var refused = Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(path, null, new ReadLimits { MaxRows = 20 }).ToList());

        Assert.Equal(21, refused.Row);
    }

    [Fact]
    public void ReadRows_RefusesAWorkbookThatExpandsPastTheLimit_BeforeInflatingIt()
    {
        var path = Path.Combine(TestFolders.New("bomb"), "bomb.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var stream = zip.CreateEntry("xl/worksheets/sheet1.xml").Open())
            stream.Write(new byte[3 << 20]);

        var refused = Assert.Throws<SourceFormatException>(() => WorkbookReader.ReadRows(path, null, new ReadLimits { MaxDecompressedBytes = 1 << 20 }).ToList());

        Assert.Contains("Warehouse:Limits:MaxDecompressedMegabytes", refused.Reason);
    }

    private static string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(TestFolders.New("cells"), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
