using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Tests.Sources.Indicators;

/// <summary>The printed forms of the seeds: arrows, RAG words, figures, missing values and data periods.</summary>
public sealed class IndicatorCellsTests
{
    [Theory]
    [InlineData("↑", "↑")]
    [InlineData("^", "↑")]
    [InlineData("\\uparrow", "↑")]
    [InlineData("↓", "↓")]
    [InlineData("\\downarrow", "↓")]
    [InlineData("$\\downarrow$", "↓")]
    [InlineData("→", "→")]
    [InlineData("↔", "→")]
    [InlineData("➡", "→")]
    [InlineData("•", "?")]
    [InlineData("*", "?")]
    public void Arrow_RecognisesTheFormsTheSeedsUse(string printed, string expected)
    {
        Assert.Equal(expected, IndicatorCells.Arrow(printed, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("↗")]
    [InlineData("better")]
    [InlineData("v")]
    public void Arrow_RejectsOtherForms_WithAMessageListingTheKnownOnes(string printed)
    {
        Assert.Null(IndicatorCells.Arrow(printed, out var error));
        Assert.Contains("not a direction of travel", error);
    }

    [Theory]
    [InlineData("G", "Green")]
    [InlineData("A", "Amber")]
    [InlineData("\u0410", "Amber")] // Cyrillic capital A (OCR)
    [InlineData("\u0391", "Amber")] // Greek capital Alpha (OCR)
    [InlineData("R", "Red")]
    [InlineData("On Target", "Green")]
    [InlineData("Improving", "Green")]
    [InlineData("Within 10%", "Amber")]
    [InlineData("Off Target", "Red")]
    [InlineData("No target", "No target")]
    [InlineData("On target (Green)", "Green")]
    [InlineData("Within 10% (Amber)", "Amber")]
    [InlineData("Off target (Red)", "Red")]
    [InlineData(" off TARGET ", "Red")]
    public void RagWord_RecognisesThe2017_2018And2019Schemes(string printed, string expected)
    {
        Assert.Equal(expected, IndicatorCells.RagWord(printed, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("Purple")]
    [InlineData("B")]
    [InlineData("On Target (Red)")]
    public void RagWord_RejectsWordsOutsideTheScheme(string printed)
    {
        Assert.Null(IndicatorCells.RagWord(printed, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("76.2%", "76.2", true, false)]
    [InlineData("282.0 (Pro-rata)", "282.0", false, true)]
    [InlineData("0.5% (Pro-Rata)", "0.5", true, true)]
    [InlineData("19.9% (2016)", "19.9", true, false)]
    [InlineData("9.0% (2015-16) Provisional", "9.0", true, false)]
    [InlineData("73.3% (2018 academic year)", "73.3", true, false)]
    [InlineData("40.0%%", "40.0", true, false)]
    [InlineData("567.00", "567.00", false, false)]
    [InlineData("1,758", "1758", false, false)]
    public void Figure_StripsThePrintedDecorations(string printed, string value, bool percent, bool proRata)
    {
        var figure = IndicatorCells.Figure(printed, out var error);

        Assert.Null(error);
        Assert.Equal((decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), percent, proRata, printed),
            (figure!.Value!.Value, figure.HadPercentSign, figure.IsProRata, figure.Text!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("n/a")]
    [InlineData("N/A")]
    [InlineData("-")]
    [InlineData("N/A (Local Indicator)")]
    [InlineData("N/ (Local In")]
    [InlineData("New measure in development")]
    public void Figure_ReadsTheMissingForms_AsMissingNotZero(string printed)
    {
        var figure = IndicatorCells.Figure(printed, out var error);

        Assert.Null(error);
        Assert.Null(figure!.Value);
    }

    [Fact]
    public void Figure_RejectsText()
    {
        Assert.Null(IndicatorCells.Figure("about half", out var error));
        Assert.Contains("not a figure", error);
    }

    [Theory]
    [InlineData("Mar", "2018-03-31", "month", "2018-03-31")]
    [InlineData("Aug", "2018-03-31", "month", "2017-08-31")]
    [InlineData("Sep*", "2019-03-31", "month", "2018-09-30")]
    [InlineData("Sept-18", "2019-03-31", "month", "2018-09-30")]
    [InlineData("Feb-19", "2019-03-31", "month", "2019-02-28")]
    [InlineData("Q3", "2019-03-31", "quarter", "2018-12-31")]
    [InlineData("Q4", "2018-03-31", "quarter", "2018-03-31")]
    [InlineData("Q1 (Apr to Jun 16)", "2017-04-30", "quarter", "2016-06-30")]
    [InlineData("Autumn term 2017", "2018-03-31", "term", "2017-12-31")]
    [InlineData("Spring term 2019", "2019-03-31", "term", "2019-03-31")]
    [InlineData("Summer Term", "2017-04-30", "term", "2016-07-31")]
    [InlineData("2016", "2017-04-30", "year", "2016-12-31")]
    public void DataPeriod_ResolvesAgainstTheReportingMonth(string printed, string reportingEnd, string kind, string end)
    {
        var period = DataPeriod.Parse(printed, DateOnly.Parse(reportingEnd), "monthly");

        Assert.Equal((printed, kind, DateOnly.Parse(end)), (period!.Label, period.Kind, period.End!.Value));
    }

    [Theory]
    [InlineData("2016/17", "academic_year", "academic_year", "2017-08-31")]
    [InlineData("2017/2018", "annual", "financial_year", "2018-03-31")]
    [InlineData("2017/18", "termly", "academic_year", "2018-08-31")]
    public void DataPeriod_ReadsTwoYearFormsByTheIndicatorsFrequency(string printed, string frequency, string kind, string end)
    {
        var period = DataPeriod.Parse(printed, new DateOnly(2019, 3, 31), frequency);

        Assert.Equal((kind, DateOnly.Parse(end)), (period!.Kind, period.End!.Value));
    }
}
