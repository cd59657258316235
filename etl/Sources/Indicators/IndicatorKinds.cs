namespace Warehouse.Etl.Sources.Indicators;

/// <summary>Which way an indicator improves; decides which side of the target is Green.</summary>
public enum Polarity { HigherIsBetter, LowerIsBetter, TargetBand }

/// <summary>What kind of target an indicator has.</summary>
public enum TargetType
{
    /// <summary>A minimum (higher is better).</summary>
    Floor,
    /// <summary>A maximum (lower is better).</summary>
    Ceiling,
    /// <summary>A full-year figure scaled to the months elapsed.</summary>
    ProRata,
    /// <summary>A range (target band).</summary>
    Band,
    None,
}

/// <summary>
/// The one mapping between <see cref="Polarity"/>/<see cref="TargetType"/> and their spellings in the catalogue
/// file and in `dw.dim_indicator` (`higher_is_better`, `pro_rata`), which are the same.
/// </summary>
public static class IndicatorKinds
{
    private static readonly Dictionary<Polarity, string> PolaritySpellings = new()
    {
        [Polarity.HigherIsBetter] = "higher_is_better",
        [Polarity.LowerIsBetter] = "lower_is_better",
        [Polarity.TargetBand] = "target_band",
    };

    private static readonly Dictionary<TargetType, string> TargetTypeSpellings = new()
    {
        [TargetType.Floor] = "floor",
        [TargetType.Ceiling] = "ceiling",
        [TargetType.ProRata] = "pro_rata",
        [TargetType.Band] = "band",
        [TargetType.None] = "none",
    };

    public static IReadOnlyList<string> PolarityNames { get; } = PolaritySpellings.Values.ToList();
    public static IReadOnlyList<string> TargetTypeNames { get; } = TargetTypeSpellings.Values.ToList();

    public static string Stored(this Polarity polarity) => PolaritySpellings[polarity];
    public static string Stored(this TargetType targetType) => TargetTypeSpellings[targetType];

    public static Polarity? ParsePolarity(string stored) =>
        PolaritySpellings.FirstOrDefault(p => p.Value == stored) is { Value: not null } found ? found.Key : null;

    public static TargetType? ParseTargetType(string stored) =>
        TargetTypeSpellings.FirstOrDefault(p => p.Value == stored) is { Value: not null } found ? found.Key : null;

    /// <summary>A stored value read back from dw: anything else there is a fault of the warehouse, not of a file.</summary>
    public static Polarity StoredPolarity(string stored) =>
        ParsePolarity(stored) ?? throw new FormatException($"'{stored}' is not a polarity ({string.Join(", ", PolarityNames)}).");

    public static TargetType StoredTargetType(string stored) =>
        ParseTargetType(stored) ?? throw new FormatException($"'{stored}' is not a target type ({string.Join(", ", TargetTypeNames)}).");
}
