using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Tests.Sources.Indicators;

/// <summary>Polarity and target type against the spellings the catalogue and dw.dim_indicator use.</summary>
public sealed class IndicatorKindsTests
{
    [Fact]
    public void Stored_ReadsBack_ForEveryPolarityAndTargetType()
    {
        foreach (var polarity in Enum.GetValues<Polarity>())
            Assert.Equal(polarity, IndicatorKinds.StoredPolarity(polarity.Stored()));
        foreach (var targetType in Enum.GetValues<TargetType>())
            Assert.Equal(targetType, IndicatorKinds.StoredTargetType(targetType.Stored()));
    }

    [Fact]
    public void Stored_SpellsTheCatalogueWords_TheFormatDocumentsAndDwHolds()
    {
        Assert.Equal(["higher_is_better", "lower_is_better", "target_band"], IndicatorKinds.PolarityNames);
        Assert.Equal(["floor", "ceiling", "pro_rata", "band", "none"], IndicatorKinds.TargetTypeNames);
    }

    [Theory]
    [InlineData("HigherIsBetter")]
    [InlineData("higher is better")]
    [InlineData("")]
    public void StoredPolarity_Refuses_ASpellingThatIsNotStored(string stored)
    {
        Assert.Null(IndicatorKinds.ParsePolarity(stored));
        Assert.Throws<FormatException>(() => IndicatorKinds.StoredPolarity(stored));
    }
}
