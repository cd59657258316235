using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Tests.Sources.Indicators;

/// <summary>The §6.3 rule on hand-made cases: each polarity, each target type, the 10%-of-target boundary.</summary>
public sealed class DerivedRagTests
{
    [Theory]
    // higher is better, floor: 10% OF THE TARGET, not percentage points (23 vs 27 is Red, as the 2019 paper says)
    [InlineData(Polarity.HigherIsBetter, TargetType.Floor, "27", null, "23.0", false, 12, "Red")]
    [InlineData(Polarity.HigherIsBetter, TargetType.Floor, "86.3", null, "83.2", false, 12, "Amber")]
    [InlineData(Polarity.HigherIsBetter, TargetType.Floor, "100", null, "90", false, 12, "Amber")]
    [InlineData(Polarity.HigherIsBetter, TargetType.Floor, "100", null, "89.99", false, 12, "Red")]
    [InlineData(Polarity.HigherIsBetter, TargetType.Floor, "57", null, "57.7", false, 12, "Green")]
    [InlineData(Polarity.HigherIsBetter, TargetType.Floor, "100", null, "100", false, 12, "Green")]
    // lower is better, ceiling (exclusions 3.76 vs 3.7: Amber by the rule although the paper printed Green)
    [InlineData(Polarity.LowerIsBetter, TargetType.Ceiling, "3.7", null, "3.76", false, 12, "Amber")]
    [InlineData(Polarity.LowerIsBetter, TargetType.Ceiling, "8.5", null, "9.6", false, 12, "Red")]
    [InlineData(Polarity.LowerIsBetter, TargetType.Ceiling, "100", null, "110", false, 12, "Amber")]
    [InlineData(Polarity.LowerIsBetter, TargetType.Ceiling, "100", null, "110.01", false, 12, "Red")]
    [InlineData(Polarity.LowerIsBetter, TargetType.Ceiling, "20", null, "12.5", false, 12, "Green")]
    [InlineData(Polarity.LowerIsBetter, TargetType.Ceiling, "20", null, "20", false, 12, "Green")]
    // pro-rata, full-year target scaled to the month of the data (September = 6 → half)
    [InlineData(Polarity.HigherIsBetter, TargetType.ProRata, "12", null, "6", false, 6, "Green")]
    [InlineData(Polarity.HigherIsBetter, TargetType.ProRata, "12", null, "5.4", false, 6, "Amber")]
    [InlineData(Polarity.HigherIsBetter, TargetType.ProRata, "12", null, "5.3", false, 6, "Red")]
    [InlineData(Polarity.LowerIsBetter, TargetType.ProRata, "564", null, "195.6", false, 6, "Green")]
    [InlineData(Polarity.LowerIsBetter, TargetType.ProRata, "564", null, "310.2", false, 6, "Amber")]
    [InlineData(Polarity.LowerIsBetter, TargetType.ProRata, "564", null, "320", false, 6, "Red")]
    // pro-rata printed "(Pro-rata)": already scaled, not scaled again
    [InlineData(Polarity.LowerIsBetter, TargetType.ProRata, "282", null, "300", true, 6, "Amber")]
    [InlineData(Polarity.HigherIsBetter, TargetType.ProRata, "6.0", null, "1.66", true, 12, "Red")]
    // pro-rata at year end: the full-year target
    [InlineData(Polarity.HigherIsBetter, TargetType.ProRata, "6.0", null, "3.6", false, 12, "Red")]
    // target band
    [InlineData(Polarity.TargetBand, TargetType.Band, "40", "50", "45", false, 12, "Green")]
    [InlineData(Polarity.TargetBand, TargetType.Band, "40", "50", "36", false, 12, "Amber")]
    [InlineData(Polarity.TargetBand, TargetType.Band, "40", "50", "35.9", false, 12, "Red")]
    [InlineData(Polarity.TargetBand, TargetType.Band, "40", "50", "55", false, 12, "Amber")]
    [InlineData(Polarity.TargetBand, TargetType.Band, "40", "50", "55.1", false, 12, "Red")]
    // no target, or no actual
    [InlineData(Polarity.HigherIsBetter, TargetType.None, null, null, "95.0", false, 12, "No target")]
    [InlineData(Polarity.LowerIsBetter, TargetType.Ceiling, null, null, "3.7", false, 12, "No target")]
    [InlineData(Polarity.HigherIsBetter, TargetType.Floor, "75", null, null, false, 12, "No data")]
    public void Derive_GivesTheRuleRag_ForEachPolarityAndTargetType(Polarity polarity, TargetType targetType, string? target, string? upper,
        string? actual, bool printedProRata, int fiscalMonth, string expected)
    {
        var rag = IndicatorRules.Derive(polarity, targetType, D(target), D(upper), D(actual), printedProRata, fiscalMonth);

        Assert.Equal(expected, rag.Rag);
    }

    [Fact]
    public void Derive_ScalesAFullYearProRataTarget_ToTheMonthOfTheData()
    {
        Assert.Equal(282m, IndicatorRules.Derive(Polarity.LowerIsBetter, TargetType.ProRata, 564m, null, 195.6m, false, 6).AppliedTarget);
        Assert.Equal(282m, IndicatorRules.Derive(Polarity.LowerIsBetter, TargetType.ProRata, 282m, null, 195.6m, true, 6).AppliedTarget);
        Assert.Equal(564m, IndicatorRules.Derive(Polarity.LowerIsBetter, TargetType.Ceiling, 564m, null, 195.6m, false, 6).AppliedTarget);
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, "23.3", "23.6", "↑")]
    [InlineData(Polarity.HigherIsBetter, "76.2", "71.2", "↓")]
    [InlineData(Polarity.LowerIsBetter, "157", "151", "↑")]     // fewer bed-day delays is better
    [InlineData(Polarity.LowerIsBetter, "298.6", "330.1", "↓")] // more referrals is worse: printed ↓ too
    [InlineData(Polarity.LowerIsBetter, "51.9", "51.9", "→")]
    [InlineData(Polarity.HigherIsBetter, null, "95", null)]
    [InlineData(Polarity.HigherIsBetter, "11.0", null, null)]
    public void Direction_IsPolarityAware_UpMeansBetter(Polarity polarity, string? previous, string? actual, string? expected)
    {
        Assert.Equal(expected, IndicatorRules.Direction(polarity, D(previous), D(actual)));
    }

    [Fact]
    public void Direction_ForABand_IsBetterWhenNearerTheBand()
    {
        Assert.Equal(IndicatorCells.Up, IndicatorRules.Direction(Polarity.TargetBand, 60m, 52m, 40m, 50m));
        Assert.Equal(IndicatorCells.Down, IndicatorRules.Direction(Polarity.TargetBand, 45m, 38m, 40m, 50m));
        Assert.Equal(IndicatorCells.Same, IndicatorRules.Direction(Polarity.TargetBand, 42m, 48m, 40m, 50m));
    }

    private static decimal? D(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
