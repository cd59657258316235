using ExcelDataReader;

namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// A cell inside a merged range whose first cell holds a figure (a number, date or TRUE/FALSE). ExcelDataReader reads
/// such a cell as empty, so a figure merged down over two lines used to load as the first line's and a blank, and was
/// only noticed as a total that does not add up. It reads as empty everywhere (<see cref="SheetRow.Text"/> is null,
/// the row can still be blank); only the number parsers refuse it, naming the range.
/// </summary>
public sealed record MergedCell(string Range, string Anchor)
{
    public string Reason => $"is inside the merged cells {Range}, whose figure is in {Anchor} only; unmerge them and give each row its own figure";

    public override string ToString() => "";
}

/// <summary>The merged ranges of one sheet that start at a figure, marked on each row as it is read.</summary>
internal sealed class MergedFigures
{
    private readonly List<CellRange> _ranges;
    private readonly List<CellRange> _open = [];

    private MergedFigures(List<CellRange> ranges) => _ranges = ranges;

    /// <summary>The sheet's merged ranges, or null when it has none (nearly every sheet: nothing to do per row).</summary>
    public static MergedFigures? Of(IExcelDataReader reader)
    {
        CellRange[]? ranges;
        try
        {
            ranges = reader.MergeCells;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // merged ranges only sharpen a message; the rows are read as before
        }
        return ranges is { Length: > 0 } ? new MergedFigures(ranges.OrderBy(r => r.FromRow).ToList()) : null;
    }

    /// <summary>Marks the covered cells of <paramref name="cells"/>, row <paramref name="rowIndex"/> (0-based), whose range starts at a figure.</summary>
    public void Mark(int rowIndex, object?[] cells)
    {
        foreach (var range in _ranges.Where(r => r.FromRow == rowIndex))
            if (range.FromColumn < cells.Length && cells[range.FromColumn] is not null and not string and not MergedCell)
                _open.Add(range);
        _open.RemoveAll(r => r.ToRow < rowIndex);
        foreach (var range in _open)
        {
            var anchor = WorkbookReader.ColumnLetters(range.FromColumn) + (range.FromRow + 1);
            var name = anchor + ":" + WorkbookReader.ColumnLetters(range.ToColumn) + (range.ToRow + 1);
            for (var column = range.FromColumn; column <= range.ToColumn && column < cells.Length; column++)
                if (!(column == range.FromColumn && rowIndex == range.FromRow) && cells[column] is null)
                    cells[column] = new MergedCell(name, anchor);
        }
    }
}
