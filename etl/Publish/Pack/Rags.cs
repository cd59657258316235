namespace Warehouse.Etl.Publish.Pack;

// The pack's RAG colours in one place: both writers, the chart and any section with a RAG column read them.
/// <summary>
/// The RAG statuses as the papers print them and the colours they are filled with: Red, Amber, Green, and the
/// savings tracker's Black (not achieved this year) and Blue (exceeding plan).
/// </summary>
public static class Rags
{
    public static readonly IReadOnlyDictionary<string, (string Fill, string Ink)> Colours = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["Red"] = ("#C00000", "#FFFFFF"), ["Amber"] = ("#FFC000", "#000000"), ["Green"] = ("#00B050", "#000000"),
        ["Blue"] = ("#0070C0", "#FFFFFF"), ["Black"] = ("#000000", "#FFFFFF"),
    };

    /// <summary>The status a cell's text states ("Green", "G", "GREEN", "On target (Green)"), or null (No target, blank).</summary>
    public static string? Normalise(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
            return null;
        // "On target (Green)", "Within 10% (Amber)": the status is the bracketed word.
        var open = t.LastIndexOf('(');
        if (open >= 0 && t.EndsWith(')'))
            return Normalise(t[(open + 1)..^1]);
        var key = t.Length == 1 ? t.ToUpperInvariant() switch { "R" => "Red", "A" => "Amber", "G" => "Green", "B" => "Blue", _ => t } : t;
        return Colours.Keys.FirstOrDefault(k => key.StartsWith(k, StringComparison.OrdinalIgnoreCase));
    }
}
