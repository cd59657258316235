namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// The last row the workbook reader handed out in this load, so a fault nobody foresaw while a file is being
/// read can still be reported at its place (file, sheet, row) instead of as a crash. The pipeline opens one per
/// batch; it flows with the load's async calls.
/// </summary>
public sealed class ReadingPlace
{
    private static readonly AsyncLocal<ReadingPlace?> Ambient = new();

    public string? File { get; private set; }
    public string? Sheet { get; private set; }
    public int? Row { get; private set; }

    /// <summary>Starts tracking for the current async flow (the batch being loaded).</summary>
    public static ReadingPlace Begin() => Ambient.Value = new ReadingPlace();

    internal static void Reached(string file, string sheet, int row)
    {
        if (Ambient.Value is { } place)
        {
            place.File = file;
            place.Sheet = sheet;
            place.Row = row;
        }
    }
}
