namespace Warehouse.Etl.Publish;

/// <summary>
/// The fill a RAG cell gets in the pack (both writers), from its text: Red, Amber, Green, and the savings tracker's
/// Black (not achieved this year) and Blue (exceeding plan). Printed forms such as "Off target (Red)" or "GREEN"
/// match too; anything else (No target, blank) is left unfilled.
/// </summary>
public static class RagFills
{
    /// <summary>(fill, text colour) as RGB hex, by RAG word.</summary>
    public static readonly IReadOnlyDictionary<string, (string Fill, string Text)> Colours =
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["Red"] = ("C00000", "FFFFFF"), ["Amber"] = ("FFC000", "000000"), ["Green"] = ("00B050", "FFFFFF"),
            ["Black"] = ("000000", "FFFFFF"), ["Blue"] = ("0070C0", "FFFFFF"),
        };

    /// <summary>The RAG word a cell's text states, or null.</summary>
    public static string? Word(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        if (Colours.ContainsKey(t))
            return Colours.Keys.First(k => k.Equals(t, StringComparison.OrdinalIgnoreCase));
        // "On target (Green)", "Within 10% (Amber)"
        var open = t.LastIndexOf('(');
        return open >= 0 && t.EndsWith(')') ? Word(t[(open + 1)..^1]) : null;
    }
}
