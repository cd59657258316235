namespace Warehouse.Etl.Publish.Pack;

// The pack's RAG colours in one place: both writers and the chart read them. fix/savings adds Publish/RagFills.cs
// with the same colours; the two are meant to become one.
/// <summary>The RAG statuses as the papers print them and the colours they are filled with.</summary>
public static class Rags
{
    public static readonly IReadOnlyDictionary<string, (string Fill, string Ink)> Colours = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["Red"] = ("#C00000", "#FFFFFF"), ["Amber"] = ("#FFC000", "#000000"), ["Green"] = ("#00B050", "#000000"),
        ["Blue"] = ("#0070C0", "#FFFFFF"), ["Black"] = ("#000000", "#FFFFFF"),
    };

    public static string? Normalise(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
            return null;
        var key = t.Length == 1 ? t.ToUpperInvariant() switch { "R" => "Red", "A" => "Amber", "G" => "Green", "B" => "Blue", _ => t } : t;
        return Colours.Keys.FirstOrDefault(k => key.StartsWith(k, StringComparison.OrdinalIgnoreCase));
    }
}
