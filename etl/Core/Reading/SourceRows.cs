namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// One data row of a source file, read under its header: cells by column key, and rejections that name the
/// row and the column as the file spells it. A source's rules are written against this, so each one reads as
/// the rule ("the code is required", "weeks must be 52 or 56") and not as plumbing.
/// </summary>
public sealed class SourceRow
{
    private readonly HeaderMap _header;
    private readonly RowErrors _errors;
    private readonly int _errorsBefore;

    internal SourceRow(SheetRow row, HeaderMap header, RowErrors errors)
    {
        Row = row;
        _header = header;
        _errors = errors;
        _errorsBefore = errors.Count;
    }

    public SheetRow Row { get; }
    public int Number => Row.RowNumber;
    public bool Has(string key) => _header.Has(key);
    public bool InThousands(string key) => _header.InThousands(key);

    /// <summary>The cell's text, trimmed; null when empty or when the file has no such column.</summary>
    public string? Text(string key) => Row.Text(_header[key]);

    /// <summary>The cell as read (number, date, text), for the typed parsers in <see cref="Cells"/>.</summary>
    public object? Cell(string key) => Row[_header[key]];

    /// <summary>The cell's text; an empty cell is rejected and read as "".</summary>
    public string Required(string key, string reason = "is empty; a value is required")
    {
        var text = Text(key);
        if (text is null)
            Reject(key, null, reason);
        return text ?? "";
    }

    /// <summary>A whole number; a bad cell, or an empty one when <paramref name="required"/>, is rejected.</summary>
    public int? WholeNumber(string key, bool required = true) => Checked(key, Cells.WholeNumber(Cell(key)), required);

    /// <summary>An amount in pounds (a column headed in £000 is scaled); rejected as <see cref="WholeNumber"/> is.</summary>
    public decimal? Money(string key, bool required = true) => Checked(key, Cells.Money(Cell(key), InThousands(key)), required);

    public decimal? Decimal(string key, bool required = true) => Checked(key, Cells.Decimal(Cell(key)), required);

    private T? Checked<T>(string key, Parsed<T> parsed, bool required) where T : struct
    {
        if (!parsed.Ok)
            Reject(key, Text(key), parsed.Error!);
        else if (parsed.Value is null && required)
            Reject(key, null, "is empty; a value is required");
        return parsed.Value;
    }

    public void Reject(string key, object? value, string reason) => _errors.Reject(Row, _header.HeaderText(key), value, reason);

    /// <summary>The spelling to load for a code in this row's column (see <see cref="CodeSpellings.Settle"/>).</summary>
    public string? Settle(CodeSpellings spellings, string key, string code, string? scope = null) =>
        spellings.Settle(_errors, Row.Sheet, Row.RowNumber, _header.HeaderText(key), code, scope);

    /// <summary>Nothing in this row has been rejected: a row is only ever built from good cells.</summary>
    public bool IsClean => _errors.Count == _errorsBefore;
}

/// <summary>The read loop every small source shares: find the header, then each non-blank row through the source's rules.</summary>
public static class SourceRows
{
    /// <summary>
    /// Streams the rows <paramref name="parse"/> builds from the file at <paramref name="path"/>. A row it rejects
    /// is dropped (whatever <paramref name="parse"/> returned), and reading goes on so one rejection lists every
    /// bad cell. With <paramref name="rejectWiderRows"/>, a csv row with more cells than its header is rejected
    /// before its cells are read (a shifted row's other errors would only confuse).
    /// </summary>
    public static IEnumerable<T> Read<T>(string path, RowErrors errors, IReadOnlyList<ColumnSpec> columns,
        Func<SourceRow, T?> parse, bool rejectWiderRows = false) where T : class
    {
        using var rows = WorkbookReader.ReadRows(path).GetEnumerator();
        var header = HeaderLocator.Locate(rows, columns, errors.File);
        var dataRows = 0;
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.IsBlank)
                continue;
            dataRows++;
            if (rejectWiderRows && errors.RejectIfWiderThanHeader(row, header))
                continue;
            var source = new SourceRow(row, header, errors);
            var built = parse(source);
            if (built is not null && source.IsClean)
                yield return built;
        }
        // A header with nothing under it is a failed export, never "the structure is now empty".
        if (dataRows == 0)
            errors.Reject(header.HeaderRow.Sheet, header.HeaderRow.RowNumber, null, null, "the file has a header but no data rows below it");
    }
}
