namespace Warehouse.Etl.Sources.Indicators;

/// <summary>One indicator of the catalogue, as of the financial year its definition takes effect.</summary>
public sealed record CatalogueRow(
    int SourceRow, string IndicatorId, string Name, string? Outcome, string Directorate, string Unit, Polarity Polarity,
    string Frequency, TargetType TargetType, bool Cumulative, int EffectiveFrom, string? Replaces, int SortOrder)
{
    public DateTime ValidFrom => new(EffectiveFrom, 4, 1);

    /// <summary>
    /// The dw.dim_indicator columns of optional catalogue columns the file does not have: their values here are the
    /// defaults for a new indicator; an indicator the warehouse holds keeps its stored values.
    /// </summary>
    public IReadOnlySet<string> NotStated { get; init; } = new HashSet<string>();
}

/// <summary>Reads the indicator catalogue (csv or xlsx; docs/formats/indicators.md §1), reporting every bad cell.</summary>
public static class IndicatorCatalogueReader
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("id", true, "indicator_id", "indicator id", "id", "pi id"),
        new("name", true, "name", "indicator", "measure", "indicator name"),
        new("outcome", false, "outcome"),
        new("directorate", true, "responsible_directorate", "responsible directorate", "responsible directorate(s)", "directorate"),
        new("unit", true, "unit"),
        new("polarity", true, "polarity"),
        new("frequency", true, "frequency"),
        new("target_type", true, "target_type", "target type"),
        new("cumulative", false, "cumulative", "ytd"),
        new("effective_from", true, "effective_from", "effective from", "indicator set"),
        new("replaces", false, "replaces_indicator_id", "replaces indicator id", "replaces"),
        new("sort_order", false, "sort_order", "sort order", "order"),
    ];

    public static readonly string[] Units = ["percent", "rate_per_1000", "rate_per_10000", "rate_per_100000", "count", "score", "days", "weeks", "ratio"];
    public static readonly string[] Frequencies = ["monthly", "quarterly", "termly", "annual", "academic_year"];

    /// <summary>The optional columns by the dw.dim_indicator column each one fills (docs/formats/indicators.md §1).</summary>
    public static readonly IReadOnlyDictionary<string, string> OptionalColumns = new Dictionary<string, string>
    {
        ["outcome"] = "outcome", ["cumulative"] = "is_cumulative", ["replaces"] = "replaces_indicator_id", ["sort_order"] = "sort_order",
    };

    public static IEnumerable<CatalogueRow> Read(string path, RowErrors errors)
    {
        IReadOnlySet<string>? notStated = null;
        return SourceRows.Read(path, errors, Columns, row =>
        {
            notStated ??= OptionalColumns.Where(c => !row.Has(c.Key)).Select(c => c.Value).ToHashSet();
            return ReadRow(row) is { } read ? read with { NotStated = notStated } : null;
        });
    }

    private static CatalogueRow? ReadRow(SourceRow row)
    {
        string OneOf(string key, IReadOnlyList<string> allowed)
        {
            var value = row.Required(key).ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (value.Length > 0 && !allowed.Contains(value))
                row.Reject(key, row.Text(key), $"must be one of {string.Join(", ", allowed)}");
            return value;
        }

        var id = row.Required("id").ToUpperInvariant();
        if (id.Length > 10)
            row.Reject("id", id, "is longer than 10 characters");
        var name = Cells.CleanText(row.Required("name"));
        if (name.Length > 400)
            row.Reject("name", name, "is longer than 400 characters");
        var directorate = Cells.CleanText(row.Required("directorate"));
        var unit = OneOf("unit", Units);
        var polarity = IndicatorKinds.ParsePolarity(OneOf("polarity", IndicatorKinds.PolarityNames));
        var frequency = OneOf("frequency", Frequencies);
        var targetType = IndicatorKinds.ParseTargetType(OneOf("target_type", IndicatorKinds.TargetTypeNames));
        // The target's side must agree with the polarity: a floor is a minimum, a ceiling a maximum.
        if (polarity is { } p && targetType is { } t
            && ((t == TargetType.Floor && p != Polarity.HigherIsBetter) || (t == TargetType.Ceiling && p != Polarity.LowerIsBetter)
                || (t == TargetType.Band) != (p == Polarity.TargetBand) && t is not (TargetType.None or TargetType.ProRata)))
            row.Reject("target_type", t.Stored(), $"does not fit the polarity {p.Stored()} (floor: higher is better; ceiling: lower is better; band: target band)");
        var cumulative = row.Text("cumulative")?.Trim().ToUpperInvariant() switch
        {
            null or "N" or "NO" or "FALSE" or "0" => (bool?)false,
            "Y" or "YES" or "TRUE" or "1" => true,
            _ => null,
        };
        if (cumulative is null)
            row.Reject("cumulative", row.Text("cumulative"), "must be Y or N");
        var effectiveText = row.Required("effective_from");
        var effective = Cells.FiscalYear(effectiveText);
        if (effective is null && effectiveText.Length > 0)
            row.Reject("effective_from", effectiveText, "is not a financial year such as 2018/19");
        var replaces = row.Text("replaces")?.ToUpperInvariant();
        if (replaces is not null && replaces == id)
            row.Reject("replaces", replaces, "an indicator cannot replace itself");
        var sortOrder = row.WholeNumber("sort_order", required: false) ?? row.Number;
        if (!row.IsClean)
            return null;
        return new CatalogueRow(row.Number, id, name, row.Text("outcome") is { } outcome ? Cells.CleanText(outcome) : null,
            directorate, unit, polarity!.Value, frequency, targetType!.Value, cumulative!.Value, effective!.Value, replaces, sortOrder);
    }
}
