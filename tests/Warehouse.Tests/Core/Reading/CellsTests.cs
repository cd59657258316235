using Warehouse.Etl.Core;
using Warehouse.Etl.Core.Reading;

namespace Warehouse.Tests.Core.Reading;

public sealed class CellsTests
{
    [Theory]
    [InlineData("£2,277k", false, 2_277_000)]
    [InlineData("(1,234)", false, -1_234)]
    [InlineData("(1,234)", true, -1_234_000)]
    [InlineData("-£52k", false, -52_000)]
    [InlineData("£-52k", false, -52_000)]
    [InlineData("£k", false, 0)]
    [InlineData("-0", false, 0)]
    [InlineData("-", false, 0)]
    [InlineData("1,234.56", false, 1_234.56)]
    [InlineData("1,234.56", true, 1_234_560)]
    [InlineData("739", true, 739_000)]
    [InlineData("-809", true, -809_000)]
    [InlineData("£1.5m", false, 1_500_000)]
    [InlineData(" 19641000.00 ", false, 19_641_000)]
    [InlineData("−42,986", true, -42_986_000)] // U+2212 minus as pasted from a PDF
    [InlineData("12.345", false, 12.35)] // pounds keep pence, rounded half away from zero
    // Plain numbers take a fast path (a GL extract is a million of them); it must agree with the slow one.
    [InlineData("-1234.5", false, -1_234.5)]
    [InlineData("-1234.5", true, -1_234_500)]
    [InlineData("007", false, 7)]
    [InlineData("-0.00", false, 0)]
    [InlineData(".5", false, 0.5)]
    [InlineData("1.", false, 1)]
    public void Money_ParsesCouncilForms_FromText(string text, bool inThousands, double expected)
    {
        var parsed = Cells.Money(text, inThousands);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal((decimal)expected, parsed.Value);
    }

    [Theory]
    [InlineData("1,234.56", "thousands separator")]
    [InlineData("(1,234)", "thousands separator")]
    [InlineData("1234.567", "more than 2 decimal places")]
    [InlineData("0.001", "more than 2 decimal places")]
    public void Money_RefusesWhatTheLedgerFormatForbids_WhichTheLenientDefaultTakes(string text, string reason)
    {
        var strict = Cells.Money(text, false, Warehouse.Etl.Sources.Finance.GeneralLedgerReader.Amounts);

        Assert.False(strict.Ok);
        Assert.Contains(reason, strict.Error);
        Assert.True(Cells.Money(text, false).Ok); // the rules are the reader's choice, not a global change
    }

    [Theory]
    [InlineData("1234.50", 1_234.5)]
    [InlineData("-17113000.00", -17_113_000)]
    [InlineData("0", 0)]
    public void Money_TakesTheLedgerFormatsOwnFigures_UnderItsRules(string text, double expected) =>
        Assert.Equal((decimal)expected, Cells.Money(text, false, Warehouse.Etl.Sources.Finance.GeneralLedgerReader.Amounts).Value);

    // The value as text, so the scale counts: 7.50 and 7.5 are loaded differently.
    [Theory]
    [InlineData("1234.56", false, "1234.56")]
    [InlineData("-17113000.00", false, "-17113000.00")]
    [InlineData("007.5", false, "7.5")]
    [InlineData(" 12.50\t", false, "12.50")]
    [InlineData("0.00", false, "0")]
    [InlineData("-0", false, "0")]
    [InlineData("1.5", true, "1500.0")]
    [InlineData("-0.25", true, "-250.00")]
    [InlineData("999999999999.99", false, "999999999999.99")]
    [InlineData("999999999", true, "999999999000")]
    [InlineData("1000000000000", false, "1000000000000")] // the largest figure, exactly
    [InlineData("1000000000.00", true, "1000000000000.00")]
    public void TryPlainMoney_ReadsAPlainFigure_ToTheValueAndScaleMoneyGives(string text, bool inThousands, string expected)
    {
        Assert.True(Cells.TryPlainMoney(text, inThousands, Warehouse.Etl.Sources.Finance.GeneralLedgerReader.Amounts, out var value));
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // Each of these Money either refuses or reads with its clean-up: left to it, so its wording is the only one.
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("-")]
    [InlineData("+5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1,234.56")]
    [InlineData("£12")]
    [InlineData("(12)")]
    [InlineData("12k")]
    [InlineData("1.234")]
    [InlineData("1.230")]
    [InlineData("1e3")]
    [InlineData("--5")]
    [InlineData("1 000")]
    [InlineData("\u22125")]
    [InlineData("1000000000000.01")]
    [InlineData("1234567890123456789")]
    [InlineData("٦")]
    [InlineData("1000000000.01", true)]
    public void TryPlainMoney_LeavesAnythingButAPlainFigure_ToMoney(string text, bool inThousands = false) =>
        Assert.False(Cells.TryPlainMoney(text, inThousands, Warehouse.Etl.Sources.Finance.GeneralLedgerReader.Amounts, out _));

    [Fact]
    public void TryPlainMoney_AgreesWithMoney_OnEveryFigureItTakes()
    {
        // Strings of the characters a figure is made of, in every short arrangement a seeded generator gives.
        var random = new Random(20180906);
        var alphabet = "0123456789.-, £k".ToCharArray();
        var taken = 0;
        foreach (var rules in new[] { Warehouse.Etl.Sources.Finance.GeneralLedgerReader.Amounts, NumberRules.Lenient, Warehouse.Etl.Sources.Finance.ForecastReader.Thousands })
            for (var n = 0; n < 20_000; n++)
            {
                var text = new string(Enumerable.Range(0, random.Next(1, 16)).Select(_ => random.Next(3) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('0' + random.Next(10))).ToArray());
                var inThousands = random.Next(2) == 0;
                if (!Cells.TryPlainMoney(text, inThousands, rules, out var fast))
                    continue;
                taken++;
                var general = Cells.Money(text, inThousands, rules);
                Assert.True(general.Ok, $"{text}: {general.Error}");
                Assert.Equal(general.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), fast.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        Assert.True(taken > 10_000, $"only {taken} figures taken");
    }

    [Theory]
    [InlineData("147.596", true, 147_596)]
    [InlineData("739", true, 739_000)]
    [InlineData("147.5961", false, 0)]
    [InlineData(147.5961d, false, 0)]
    public void Money_TakesForecastThousandsToThePound_AndRefusesAFractionOfAPound(object cell, bool ok, double pounds)
    {
        var parsed = Cells.Money(cell, true, Warehouse.Etl.Sources.Finance.ForecastReader.Thousands);

        Assert.Equal(ok, parsed.Ok);
        if (ok)
            Assert.Equal((decimal)pounds, parsed.Value);
        else
            Assert.Contains("more than 3 decimal places; the forecast return format gives £000 to the pound at most", parsed.Error);
    }

    [Fact]
    public void Money_ScalesExcelNumbers_WhenHeaderSaysThousands()
    {
        Assert.Equal(-809_000m, Cells.Money(-809d, inThousands: true).Value);
        Assert.Equal(19_641_000.25m, Cells.Money(19_641_000.25d, inThousands: false).Value);
        // An explicit k marker wins over the header's unit.
        Assert.Equal(52_000m, Cells.Money("£52k", inThousands: true).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Money_IsMissing_WhenCellIsBlank(string? text)
    {
        var parsed = Cells.Money(text, false);

        Assert.True(parsed.Ok);
        Assert.Null(parsed.Value);
    }

    [Theory]
    [InlineData("n/a", "is not a number")]
    [InlineData("1.2.3", "is not a number")]
    [InlineData("12-3", "is not a number")]
    [InlineData("TBC", "is not a number")]
    [InlineData("May-18", "is not a number")]
    [InlineData("12%", "is a percentage where an amount is expected")]
    [InlineData("#REF!", "holds the formula error #REF!; fix the formula in the workbook")]
    [InlineData("#DIV/0!", "holds the formula error #DIV/0!; fix the formula in the workbook")]
    [InlineData("1.2.3", "is not a number")]
    public void Money_Refuses_TextThatIsNotAnAmount(string text, string reason)
    {
        var parsed = Cells.Money(text, false);

        Assert.False(parsed.Ok);
        Assert.Equal(reason, parsed.Error);
    }

    [Fact]
    public void Money_Refuses_DatesAndBooleans()
    {
        Assert.Equal("is a date where a number is expected", Cells.Money(new DateTime(2018, 5, 31), false).Error);
        Assert.Equal("is TRUE/FALSE where a number is expected", Cells.Money(true, false).Error);
        Assert.Equal("is not a finite number", Cells.Money(double.NaN, false).Error);
    }

    [Theory]
    [InlineData("-", null)]
    [InlineData("1,234", 1234)]
    [InlineData("(5)", -5)]
    public void Decimal_ReadsPlainNumbers_DashIsMissing(string text, int? expected)
    {
        var parsed = Cells.Decimal(text);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(expected, parsed.Value is { } v ? (int)v : null);
    }

    [Fact]
    public void Decimal_RefusesMarkers_ThatOnlyMoneyAccepts() =>
        Assert.False(Cells.Decimal("52k").Ok);

    [Fact]
    public void WholeNumber_RefusesFractions() =>
        Assert.Equal("is not a whole number", Cells.WholeNumber(2.5d).Error);

    [Theory]
    [InlineData("² Adoption Allowances", "Adoption Allowances", "2")]
    [InlineData("4 Looked After Children Placements", "Looked After Children Placements", "4")]
    [InlineData("1) Looked After Children Placements", "Looked After Children Placements", "1")]
    [InlineData("Adoption Allowances²", "Adoption Allowances", "2")]
    [InlineData("0-19 Organisation & Planning", "0-19 Organisation & Planning", null)]
    [InlineData("16+ Accommodation", "16+ Accommodation", null)]
    [InlineData("Children’s Centre Strategy", "Children's Centre Strategy", null)]
    [InlineData("  LD  -  Young Adults ", "LD - Young Adults", null)]
    public void SplitFootnote_SeparatesMarkers_LeavesNumberedNames(string text, string name, string? footnote)
    {
        var (actualName, actualFootnote) = Cells.SplitFootnote(text);

        Assert.Equal(name, actualName);
        Assert.Equal(footnote, actualFootnote);
    }

    [Fact]
    public void NameKey_MatchesNamesTypedDifferently() =>
        Assert.Equal(Cells.NameKey("Home to School/College Transport – Mainstream"), Cells.NameKey("home to school college transport - mainstream"));

    [Theory]
    [InlineData("2018/19", 2018)]
    [InlineData("2018-19", 2018)]
    [InlineData("18/19", 2018)]
    [InlineData("2018/2019", 2018)]
    [InlineData("Budget 2018/19 £000", 2018)]
    [InlineData("2018/20", null)]
    [InlineData("2018", null)]
    public void FiscalYear_ReadsYearLabels(string text, int? start) =>
        Assert.Equal(start, Cells.FiscalYear(text));

    [Theory]
    [InlineData("May-18", 2018, 2)]
    [InlineData("May 2018", 2018, 2)]
    [InlineData("Period: May-18", 2018, 2)]
    [InlineData("Feb-19", 2018, 11)]
    [InlineData("Mar-19", 2018, 12)]
    [InlineData("Apr-18", 2018, 1)]
    [InlineData("2018-05", 2018, 2)]
    [InlineData("Closedown 2018/19", 2018, 13)]
    [InlineData("Closedown-19", 2018, 13)]
    [InlineData("Period: Closedown 2018/19", 2018, 13)]
    [InlineData("Outturn 2018/19", 2018, 13)]
    [InlineData("P13 2018/19", 2018, 13)]
    [InlineData("Period 2 2018/19", 2018, 2)]
    [InlineData("31/05/2018", 2018, 2)]
    public void Period_ReadsCouncilPeriodLabels(string text, int fiscalYear, int period) =>
        Assert.Equal(new FiscalPeriod(fiscalYear, period), Cells.Period(text));

    [Fact]
    public void Period_ReadsExcelSerialsAndDates()
    {
        Assert.Equal(new FiscalPeriod(2018, 2), Cells.Period(43251d)); // 31 May 2018
        Assert.Equal(new FiscalPeriod(2018, 12), Cells.Period(new DateTime(2019, 3, 31)));
    }

    [Theory]
    [InlineData("2018/19")] // a year is not a period
    [InlineData("P14 2018/19")]
    [InlineData("sometime")]
    [InlineData("")]
    public void Period_IsNull_ForTextThatIsNotAPeriod(string text) =>
        Assert.Null(Cells.Period(text));

    [Fact]
    public void FiscalPeriod_ClosedownEndsOn31March()
    {
        var closedown = Cells.Period("Closedown 2018/19")!.Value;

        Assert.Equal(new DateOnly(2019, 3, 31), closedown.PeriodEnd);
        Assert.Equal(201813, closedown.Key);
        Assert.Equal(new FiscalPeriod(2018, 12), closedown.Previous);
        Assert.Equal("2018/19", closedown.FiscalYear);
    }
}
