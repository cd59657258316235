using System.Globalization;
namespace Warehouse.Etl.Core.Reading;

/// <summary>One thing wrong with the input, and exactly where: file, sheet, row, column.</summary>
public sealed record RowError(string File, string? Sheet, int? Row, string? Column, string? Value, string Reason)
{
    public override string ToString()
    {
        var place = new List<string> { File };
        if (Sheet is not null) place.Add($"sheet {Sheet}");
        if (Row is not null) place.Add($"row {Row}");
        if (Column is not null) place.Add($"column {Column}");
        var value = Value is null ? "" : $" ('{Truncate(Value, 60)}')";
        return $"{string.Join(", ", place)}: {Reason}{value}";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

/// <summary>
/// The error sink a reader reports into while it reads one file: every error is counted; the first
/// <see cref="MaxKept"/> are kept with their places (enough for a person to fix the file). A reader needs only
/// this, not a database or a batch, so it can be tested on its own.
/// </summary>
public sealed class RowErrors(string file)
{
    public const int MaxKept = 1000;
    private readonly List<RowError> _kept = [];

    /// <summary>The file every error names (its name, not its path).</summary>
    public string File { get; } = file;

    public int Count { get; private set; }
    public IReadOnlyList<RowError> Kept => _kept;
    public bool Any => Count > 0;

    public void Add(RowError error)
    {
        Count++;
        if (_kept.Count < MaxKept)
            _kept.Add(error);
    }

    // The value is stored (etl.rejection): written the same whatever the culture of the machine that loads.
    public void Reject(SheetRow row, string? column, object? value, string reason) =>
        Add(new RowError(row.File, row.Sheet, row.RowNumber, column, Convert.ToString(value, CultureInfo.InvariantCulture), reason));

    public void Reject(string? sheet, int? row, string? column, string? value, string reason) =>
        Add(new RowError(File, sheet, row, column, value, reason));

    /// <summary>
    /// Rejects a csv row with more cells than its header (an unquoted comma in a name shifts every later
    /// value), naming the first cell beyond the header. True when the row was rejected.
    /// </summary>
    public bool RejectIfWiderThanHeader(SheetRow row, HeaderMap header)
    {
        if (header.ExtraCell(row) is not { } extra)
            return false;
        Reject(row, $"column {extra + 1}", row.Text(extra), HeaderMap.ExtraCellReason);
        return true;
    }

    public void ThrowIfAny()
    {
        if (Any)
            throw new SourceRejectedException(File, _kept, Count);
    }
}

/// <summary>The input is invalid: nothing of it is loaded; the errors say where and why.</summary>
public sealed class SourceRejectedException(string file, IReadOnlyList<RowError> errors, int totalErrors)
    : Exception(Summarise(file, errors, totalErrors))
{
    public string File { get; } = file;
    public IReadOnlyList<RowError> Errors { get; } = errors;
    public int TotalErrors { get; } = totalErrors;

    public SourceRejectedException(RowError error) : this(error.File, [error], 1)
    {
    }

    private static string Summarise(string file, IReadOnlyList<RowError> errors, int total) =>
        errors.Count == 0
            ? $"{file} was rejected."
            : errors[0] + (total > 1 ? $" (and {total - 1} more error{(total == 2 ? "" : "s")})" : "");
}
