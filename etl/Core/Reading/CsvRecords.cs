using System.Text;
using Sylvan.Data.Csv;

namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// A csv file record by record, for <see cref="WorkbookReader"/> and for a reader that parses its hot columns
/// from the characters (the GL extract): each record is either taken as its fields' spans, once
/// <see cref="Clean"/> says the checks pass, or as the <see cref="SheetRow"/> the general reader gives, checked.
/// Either way the limits and the cell-text rules are <see cref="WorkbookReader"/>'s, so a record that breaks one
/// is refused with the same message whichever way it is read.
/// </summary>
public sealed class CsvRecords : IDisposable
{
    private readonly CsvDataReader _reader;
    private readonly ReadLimits _limits;

    private CsvRecords(CsvDataReader reader, string fileName, string sheet, ReadLimits limits)
    {
        _reader = reader;
        _limits = limits;
        FileName = fileName;
        Sheet = sheet;
    }

    public string FileName { get; }

    /// <summary>The csv's one sheet: the file's name without its extension.</summary>
    public string Sheet { get; }

    /// <summary>The current record's number (1-based, as a person counts the lines of records).</summary>
    public int RowNumber { get; private set; }

    public int FieldCount => _reader.RowFieldCount;

    /// <summary>Detects the encoding and reads the first record (a file that is not csv text fails here).</summary>
    internal static CsvRecords Open(string path, string fileName, ReadLimits limits)
    {
        var sheet = Path.GetFileNameWithoutExtension(path);
        var encoding = CsvEncoding.Detect(path, fileName, sheet);
        try
        {
            var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
            return new CsvRecords(CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, BufferSize = 1 << 16 }), fileName, sheet, limits);
        }
        catch (Exception ex) when (ex is not SourceFormatException)
        {
            throw new SourceFormatException(fileName, "the CSV file cannot be read (its first record is malformed or the file is not text)");
        }
    }

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    // A malformed record (a stray quote) is the file's fault: reject it with its row, do not crash the load.
    public bool Read()
    {
        bool read;
        try
        {
            read = _reader.Read();
        }
        catch (CsvFormatException)
        {
            throw new SourceFormatException(FileName,
                "the CSV cannot be read from this row on: a quote that is not closed, or text after a closing quote", Sheet, RowNumber + 1);
        }
        catch (Exception ex) when (ex is not SourceFormatException and not OperationCanceledException)
        {
            throw new SourceFormatException(FileName, "the CSV cannot be read from this row on (a record too long or malformed)", Sheet, RowNumber + 1);
        }
        if (read)
            RowNumber++;
        return read;
    }

    /// <summary>
    /// A field's characters, unquoted and unescaped. Use it before asking for another: an escaped field is
    /// unescaped into a scratch area the next escaped field may reuse.
    /// </summary>
    public ReadOnlySpan<char> Field(int index) => _reader.GetFieldSpan(index);

    /// <summary>
    /// Marks the reading place at this record and says whether it passes what <see cref="Row"/> checks (the row
    /// and column limits, no cell text the warehouse refuses). When it does not, <see cref="Row"/> throws the
    /// reason: the message is written in one place only.
    /// </summary>
    public bool Clean()
    {
        if (FieldCount > _limits.MaxColumns)
            return false;
        ReadingPlace.Reached(FileName, Sheet, RowNumber);
        // The raw record holds every field's characters (and only quotes, separators and line ends besides): one
        // search for the whole record, not one a cell.
        return RowNumber <= _limits.MaxRows && !CellText.HasFault(_reader.GetRawRecordSpan());
    }

    /// <summary>The record as the general reader gives it (a string a cell, null when empty), checked.</summary>
    public SheetRow Row()
    {
        if (FieldCount > _limits.MaxColumns)
            throw new SourceFormatException(FileName,
                $"the row has {FieldCount:N0} cells, more than the {_limits.MaxColumns:N0} a row may have (setting Warehouse:Limits:MaxColumns)", Sheet, RowNumber);
        var cells = new object?[FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            var text = _reader.GetString(i);
            cells[i] = text.Length == 0 ? null : text;
        }
        var row = new SheetRow(FileName, Sheet, RowNumber, cells);
        WorkbookReader.Check(row, FileName, _limits);
        return row;
    }

    public void Dispose() => _reader.Dispose();
}
