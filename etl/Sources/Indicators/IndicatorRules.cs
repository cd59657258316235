namespace Warehouse.Etl.Sources.Indicators;

/// <summary>The RAG a row earns by the rule, and the target it was compared with.</summary>
public sealed record DerivedRag(string Rag, decimal? AppliedTarget, decimal? AppliedUpper);

/// <summary>
/// The performance rules of the F&amp;PR (inventory §6.3, seed 004 §4): On Target (Green) when the actual meets
/// the target, Within 10% (Amber) when it misses by no more than 10% OF THE TARGET (not percentage points),
/// Off Target (Red) beyond that, No target when none is set. Polarity decides which side meets the target.
/// </summary>
public static class IndicatorRules
{
    public const decimal Tolerance = 0.10m;

    /// <param name="targetPrintedProRata">The return marked the target "(Pro-rata)": it is already scaled to the period.</param>
    /// <param name="fiscalMonth">Month of the financial year the data covers (April = 1), for scaling a full-year pro-rata target.</param>
    public static DerivedRag Derive(Polarity polarity, TargetType targetType, decimal? target, decimal? targetUpper, decimal? actual,
        bool targetPrintedProRata = false, int? fiscalMonth = null)
    {
        if (target is null)
            return new DerivedRag(Rag.NoTarget, null, null);
        var low = target.Value;
        var high = targetUpper ?? target.Value;
        // A year-to-date target given for the whole year is scaled to the months elapsed; a printed
        // "(Pro-rata)" target is already scaled, and at year end the two are the same.
        if (targetType == TargetType.ProRata && !targetPrintedProRata && fiscalMonth is >= 1 and < 12)
        {
            low = decimal.Round(low * fiscalMonth.Value / 12m, 4, MidpointRounding.AwayFromZero);
            high = decimal.Round(high * fiscalMonth.Value / 12m, 4, MidpointRounding.AwayFromZero);
        }
        var applied = new DerivedRag(Rag.NoData, low, targetUpper is null ? null : high);
        if (actual is not { } a)
            return applied;
        string rag = polarity switch
        {
            Polarity.HigherIsBetter => a >= low ? Rag.Green : a >= low - Tolerance * Math.Abs(low) ? Rag.Amber : Rag.Red,
            Polarity.LowerIsBetter => a <= high ? Rag.Green : a <= high + Tolerance * Math.Abs(high) ? Rag.Amber : Rag.Red,
            Polarity.TargetBand => a >= low && a <= high ? Rag.Green
                : a >= low - Tolerance * Math.Abs(low) && a <= high + Tolerance * Math.Abs(high) ? Rag.Amber : Rag.Red,
            _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "Unknown polarity."),
        };
        return applied with { Rag = rag };
    }

    /// <summary>
    /// Direction of travel from the previous value, in the papers' sense (up is good, down is bad): ↑ better,
    /// ↓ worse, → unchanged; null when either value is missing. For a band, nearer the band is better.
    /// </summary>
    public static string? Direction(Polarity polarity, decimal? previous, decimal? actual, decimal? bandLow = null, decimal? bandHigh = null)
    {
        if (previous is not { } p || actual is not { } a || polarity == Polarity.TargetBand && bandLow is null)
            return null;
        int better = polarity switch
        {
            Polarity.HigherIsBetter => a.CompareTo(p),
            Polarity.LowerIsBetter => p.CompareTo(a),
            Polarity.TargetBand when bandLow is { } lo => Distance(p, lo, bandHigh ?? lo).CompareTo(Distance(a, lo, bandHigh ?? lo)),
            _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "Unknown polarity."),
        };
        return better > 0 ? IndicatorCells.Up : better < 0 ? IndicatorCells.Down : IndicatorCells.Same;

        static decimal Distance(decimal v, decimal lo, decimal hi) => v < lo ? lo - v : v > hi ? v - hi : 0m;
    }
}
