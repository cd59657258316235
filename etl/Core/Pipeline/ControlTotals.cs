using System.Globalization;

namespace Warehouse.Etl.Core.Pipeline;

/// <summary>
/// Measure names of control totals (`etl.control_total.measure`) that more than one source uses. A source
/// names its own measures in constants beside its code; the C# that expects a total and the SQL of its
/// <see cref="ControlTotals.LandedQuery"/> interpolate the same constant, so the two cannot drift apart.
/// </summary>
public static class ControlMeasures
{
    /// <summary>Rows the source gave, against rows that landed.</summary>
    public const string Rows = "rows";
}

/// <summary>
/// Control totals of one batch: what the source says (its total rows, or sums taken while reading and
/// before any transformation), and a query of what landed. A difference fails the batch.
/// </summary>
public sealed class ControlTotals
{
    private readonly Dictionary<(string Measure, string Scope), (decimal Value, decimal Tolerance)> _expected = new();

    /// <summary>
    /// SQL returning columns (measure, scope, value) for what this batch landed; `@batchId` and `@periodKey`
    /// (the batch's period, when it has one) are bound.
    /// Each (measure, scope) expected here must appear with the same value (within its tolerance); a source
    /// that declares totals must say how to measure what landed, or the batch fails.
    /// </summary>
    public string? LandedQuery { get; set; }

    public IReadOnlyDictionary<(string Measure, string Scope), (decimal Value, decimal Tolerance)> Expected => _expected;

    /// <summary>Adds to a running source total (row counts, money per period or line), to be matched exactly.</summary>
    public void Add(string measure, string scope, decimal amount)
    {
        var current = _expected.GetValueOrDefault((measure, scope));
        _expected[(measure, scope)] = (current.Value + amount, current.Tolerance);
    }

    /// <summary>
    /// Sets a source total stated by the file itself (a total row, a trailer). A printed total of rounded
    /// figures may differ from the exact sum by rounding: say how much is acceptable.
    /// </summary>
    public void Expect(string measure, string scope, decimal value, decimal tolerance = 0m) =>
        _expected[(measure, scope)] = (value, tolerance);
}

public sealed record ControlCheck(string Measure, string Scope, decimal SourceValue, decimal? LoadedValue, decimal Tolerance = 0m)
{
    public bool Matches => LoadedValue is { } loaded && Math.Abs(loaded - SourceValue) <= Tolerance;
}

/// <summary>Every control total of a batch against what landed; a batch whose totals do not all match keeps nothing.</summary>
public sealed record Reconciliation(IReadOnlyList<ControlCheck> Checks)
{
    public bool Matches => Checks.All(c => c.Matches);

    /// <summary>Why the batch failed, naming the first mismatches; stored in etl, so in the invariant culture.</summary>
    public string Message => "Control totals do not match what landed: " + string.Join("; ", Checks.Where(c => !c.Matches).Take(5)
        .Select(c => $"{c.Measure} {c.Scope}".Trim() + " source " + c.SourceValue.ToString("N2", CultureInfo.InvariantCulture)
                     + " vs loaded " + (c.LoadedValue?.ToString("N2", CultureInfo.InvariantCulture) ?? "nothing")));
}
