using Warehouse.Etl.Sources.Payments;

namespace Warehouse.Tests.Sources.Payments;

public sealed class PaymentCellsTests
{
    [Theory]
    [InlineData("05/04/2018", 2018, 4, 5)]   // UK order, never US
    [InlineData("5/4/2018", 2018, 4, 5)]
    [InlineData("2018-04-05", 2018, 4, 5)]
    [InlineData("2018-04-05T00:00:00", 2018, 4, 5)]
    [InlineData("05/04/2018 00:00:00", 2018, 4, 5)]
    [InlineData("05-Apr-18", 2018, 4, 5)]
    [InlineData("5-Sept-2018", 2018, 9, 5)]
    [InlineData("43195", 2018, 4, 5)]        // an Excel serial written out as text
    public void Date_ReadsThePublishedShapes(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), PaymentCells.Date(text).Value);
    }

    [Fact]
    public void Date_ReadsWorkbookDatesAndSerials()
    {
        Assert.Equal(new DateOnly(2018, 8, 20), PaymentCells.Date(43332d).Value);
        Assert.Equal(new DateOnly(2018, 8, 20), PaymentCells.Date(new DateTime(2018, 8, 20)).Value);
    }

    [Theory]
    [InlineData("31/06/2018")]
    [InlineData("Q2 2018/19")]
    [InlineData("12345")]   // a number, but not an Excel date of a plausible year
    [InlineData(4.5d)]
    public void Date_RefusesWhatIsNotADate(object cell)
    {
        var parsed = PaymentCells.Date(cell);

        Assert.False(parsed.Ok);
        Assert.Null(parsed.Value);
    }

    [Fact]
    public void Date_BlankIsMissing_NotAnError() => Assert.True(PaymentCells.Date("  ").Ok);

    [Theory]
    [InlineData("REDACTED PERSONAL DATA")]
    [InlineData("Redacted")]
    [InlineData("Personal data withheld")]
    [InlineData("Name withheld")]
    [InlineData("Private Individual")]
    [InlineData("Redacted - personal data")]
    [InlineData(null)]
    public void IsRedacted_KnowsTheMarkers(string? name) => Assert.True(PaymentCells.IsRedacted(name));

    [Theory]
    [InlineData("Individual Learning Ltd")]        // "individual" is a marker only as the whole name
    [InlineData("Data Protection Consultants Ltd")]
    [InlineData("Withers & Co")]
    public void IsRedacted_IsNotFooledByCompanyNames(string name) => Assert.False(PaymentCells.IsRedacted(name));

    [Theory]
    [InlineData("Acme Care Ltd", "ACME CARE LIMITED")]
    [InlineData("Acme Care Ltd.", "acme care ltd")]
    [InlineData("The Acme Company", "Acme Co")]
    [InlineData("Smith & Sons", "SMITH AND SONS")]
    public void SupplierMatchKey_IgnoresCasePunctuationAndSuffixSpelling(string a, string b) =>
        Assert.Equal(PaymentCells.SupplierMatchKey(null, a), PaymentCells.SupplierMatchKey(null, b));

    [Fact]
    public void SupplierMatchKey_PrefersTheSupplierId() =>
        Assert.Equal(PaymentCells.SupplierMatchKey("100231", "Brightwater Care Ltd"), PaymentCells.SupplierMatchKey(" 100231 ", "Brightwater (old name)"));

    [Theory]
    [InlineData("C", "capital")]
    [InlineData("CAP", "capital")]
    [InlineData("Revenue", "revenue")]
    [InlineData("r", "revenue")]
    [InlineData("Both", null)]
    public void CapitalOrRevenue_ReadsTheCodes(string text, string? expected) => Assert.Equal(expected, PaymentCells.CapitalOrRevenue(text));

    [Theory]
    [InlineData("2018-Q1", 2018, 4, 1)]
    [InlineData("2018/19 Q4", 2019, 1, 1)]
    [InlineData("2014q1", 2014, 4, 1)]
    public void Quarter_ParsesAndStartsInTheFinancialYear(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), FiscalQuarter.Parse(text).FirstDay);

    [Fact]
    public void Quarter_OfADate_IsTheFinancialQuarter()
    {
        Assert.Equal("2017-Q4", FiscalQuarter.Of(new DateOnly(2018, 3, 31)).Label);
        Assert.Equal("2018-Q1", FiscalQuarter.Of(new DateOnly(2018, 4, 1)).Label);
        Assert.Equal("2018-Q3", FiscalQuarter.Of(new DateOnly(2018, 12, 31)).Label);
    }

    [Fact]
    public void Quarter_RefusesOtherShapes_SayingWhatToType() =>
        Assert.Contains("2018-Q1", Assert.Throws<FormatException>(() => FiscalQuarter.Parse("Q1")).Message);
}
