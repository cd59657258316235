using Warehouse.Etl.Core.Reading;
using Warehouse.Tests.Sources.Finance;

namespace Warehouse.Tests.Core.Reading;

public sealed class HeaderLocatorTests
{
    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("code", true, "Budget Line Code", "line code", "code"),
        new("service", true, "Service", "budget line"),
        new("budget", true, "Budget", "current budget", "budget 2018/19"),
        new("forecast", false, "Forecast Outturn Variance", "forecast variance"),
    ];

    private static HeaderMap Locate(string path, out IEnumerator<SheetRow> rest)
    {
        rest = WorkbookReader.ReadRows(path).GetEnumerator();
        return HeaderLocator.Locate(rest, Columns, Path.GetFileName(path));
    }

    [Fact]
    public void Locate_SkipsTitleRows_AndKeepsThemAsPreamble()
    {
        var path = BadFiles.Xlsx("forecast.xlsx", "Forecast",
        [
            ["People & Communities – Forecast Return"],
            ["Period: May-18"],
            ["Values in £000"],
            [],
            ["Budget Line Code", "Service", "Budget", "Forecast Outturn Variance"],
            ["L0101", "Strategic Management - Adults", 4306d, 0d],
        ]);

        var header = Locate(path, out var rest);

        Assert.Equal(5, header.HeaderRow.RowNumber);
        Assert.Equal(4, header.Preamble.Count);
        Assert.Equal("Period: May-18", header.Preamble[1].FirstText());
        Assert.Equal((0, 1, 2, 3), (header["code"], header["service"], header["budget"], header["forecast"]));
        Assert.True(rest.MoveNext());
        Assert.Equal(6, rest.Current.RowNumber); // the data follows, unread
        rest.Dispose();
    }

    [Fact]
    public void Locate_MatchesSynonyms_IgnoringCaseUnitsAndPunctuation()
    {
        var path = BadFiles.Csv("gl.csv", "Notes\nLINE CODE,Budget Line,Current Budget £'000,Forecast Variance (£000)\nL1,A,1,2\n");

        var header = Locate(path, out var rest);
        rest.Dispose();

        Assert.Equal(2, header.HeaderRow.RowNumber);
        Assert.Equal("Current Budget £'000", header.HeaderText("budget"));
        Assert.Equal(3, header["forecast"]);
    }

    [Fact]
    public void Locate_LeavesOptionalColumnsOut_WhenAbsent()
    {
        var header = Locate(BadFiles.Csv("a.csv", "code,service,budget\n"), out var rest);
        rest.Dispose();

        Assert.False(header.Has("forecast"));
        Assert.Equal(-1, header["forecast"]);
        Assert.Equal("forecast", header.HeaderText("forecast"));
    }

    [Theory]
    [InlineData("Budget £000", true)]
    [InlineData("Budget £'000", true)]
    [InlineData("Budget £’000", true)] // curly apostrophe as Excel autocorrects it
    [InlineData("Budget (£000s)", true)]
    [InlineData("Budget £k", true)]
    [InlineData("Budget", false)]
    [InlineData("Budget £", false)]
    public void InThousands_ReadsTheUnitFromTheHeader(string budgetHeader, bool thousands)
    {
        var header = Locate(BadFiles.Csv("u.csv", $"code,service,{budgetHeader}\n"), out var rest);
        rest.Dispose();

        Assert.Equal(thousands, header.InThousands("budget"));
    }

    [Fact]
    public void InThousands_ReadsTheUnitFromATitleRow_UnlessTheHeaderSaysPounds()
    {
        var header = Locate(BadFiles.Csv("t.csv", "Values in £000\ncode,service,budget,forecast variance £\n"), out var rest);
        rest.Dispose();

        Assert.True(header.InThousands("budget"));
        Assert.False(header.InThousands("forecast"));
        Assert.False(header.InThousands("not a column"));
    }

    [Fact]
    public void Locate_NamesSheetClosestRowAndMissingColumns_WhenARequiredColumnIsAbsent()
    {
        var path = BadFiles.Xlsx("missing.xlsx", "Forecast", [["Title"], ["Budget Line Code", "Budget"], ["L1", 1d]]);

        var error = Assert.Throws<SourceFormatException>(() => Locate(path, out _));

        Assert.Equal("missing.xlsx", error.File);
        Assert.Equal(("Forecast", 2), (error.Sheet, error.Row));
        Assert.Contains("closest is row 2", error.Reason);
        Assert.StartsWith("missing.xlsx, sheet Forecast, row 2: no header row found", error.Message);
        Assert.Contains("'Service'", error.Reason);
        Assert.DoesNotContain("'Budget'", error.Reason);
    }

    [Fact]
    public void Locate_GivesUp_AfterTheTitleRowLimit()
    {
        var lines = Enumerable.Range(1, HeaderLocator.MaxTitleRows + 5).Select(i => $"title {i}").Append("code,service,budget");
        var error = Assert.Throws<SourceFormatException>(() => Locate(BadFiles.Csv("deep.csv", lines), out _));

        Assert.Contains($"no header row found in the first {HeaderLocator.MaxTitleRows} rows", error.Reason);
    }

    [Fact]
    public void Locate_LetsAnExactHeaderClaimItsColumn_BeforeLooserSynonyms()
    {
        IReadOnlyList<ColumnSpec> columns = [new("code", true, "cost_centre_code", "cost centre"), new("name", true, "cost_centre", "cost centre name")];
        using var exact = WorkbookReader.ReadRows(BadFiles.Csv("a.csv", "cost_centre\n")).GetEnumerator();
        using var typed = WorkbookReader.ReadRows(BadFiles.Csv("b.csv", "Cost Centre,Cost Centre Name\n")).GetEnumerator();

        // Only the name column is there: the code column is the one reported missing.
        var error = Assert.Throws<SourceFormatException>(() => HeaderLocator.Locate(exact, columns, "a.csv"));
        Assert.Contains("missing column(s) 'cost_centre_code'", error.Reason);
        var header = HeaderLocator.Locate(typed, columns, "b.csv");
        Assert.Equal((0, 1), (header["code"], header["name"]));
    }

    [Fact]
    public void Normalise_RemovesUnitsAndPunctuation() =>
        Assert.Equal("budget 2018 19", HeaderLocator.Normalise("Budget 2018/19 £'000"));
}
