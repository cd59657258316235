namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// One row of a worksheet or CSV file as read, before any interpretation. <see cref="RowNumber"/> is the
/// number a person sees in Excel (1-based, counting title rows); cells are strings, doubles, booleans or
/// DateTimes as the file holds them, null when empty, or a <see cref="MergedCell"/> inside a merged figure.
/// </summary>
public sealed record SheetRow(string File, string Sheet, int RowNumber, object?[] Cells)
{
    public object? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;

    public bool IsBlank
    {
        get
        {
            foreach (var cell in Cells)
                if (cell is not null and not MergedCell && !(cell is string s && string.IsNullOrWhiteSpace(s)))
                    return false;
            return true;
        }
    }

    public string? Text(int column) => this[column] switch
    {
        null or MergedCell => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The first non-empty cell as text (a title, a heading or a total label).</summary>
    public string? FirstText() => Cells.Select((_, i) => Text(i)).FirstOrDefault(t => t is not null);
}
