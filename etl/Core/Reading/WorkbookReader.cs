using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;
using System.Xml;
using ExcelDataReader;

namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// Streams the rows of an xlsx, xls or csv file, one sheet after another, without holding the file in
/// memory. Spreadsheets are read with ExcelDataReader; CSV with Sylvan's reader (much faster on large
/// ledger extracts). Whatever is wrong with a file, the caller gets a <see cref="SourceFormatException"/>
/// in the user's terms naming the place, never a library's exception: an unreadable or hostile file (past
/// <see cref="ReadLimits"/>, Strict Open XML, not UTF-8, control characters in a cell, a formula without its saved
/// result) is a rejection, at the cell when the fault is in one.
/// </summary>
public static class WorkbookReader
{
    static WorkbookReader() =>
        // ExcelDataReader needs the legacy code pages even for xlsx on .NET Core.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static readonly string[] SupportedExtensions = [".xlsx", ".xlsm", ".xls", ".csv"];

    public static IEnumerable<SheetRow> ReadRows(string path, string? onlySheet = null) => ReadRows(path, onlySheet, ReadLimits.Current);

    /// <summary>The rows under given limits (tests; a tool that reads with its own).</summary>
    public static IEnumerable<SheetRow> ReadRows(string path, string? onlySheet, ReadLimits limits) =>
        ReadRowsOfSheets(path, onlySheet is null ? null : sheet => sheet.Equals(onlySheet, StringComparison.OrdinalIgnoreCase), limits);

    /// <summary>
    /// The rows of the sheets <paramref name="readSheet"/> accepts, asked once per sheet in workbook order; the rows of
    /// a sheet it refuses are never read, so a source can refuse an unexpected sheet, however large, by its name alone.
    /// </summary>
    public static IEnumerable<SheetRow> ReadRowsOfSheets(string path, Func<string, bool>? readSheet, ReadLimits? limits = null)
    {
        limits ??= ReadLimits.Current;
        var fileName = Path.GetFileName(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        CheckFile(path, fileName, extension);
        if (extension is ".xlsx" or ".xlsm")
            WorkbookPackage.Check(path, fileName, limits);
        if (extension == ".csv")
            return readSheet is null || readSheet(Path.GetFileNameWithoutExtension(path)) ? ReadCsv(path, fileName, limits) : [];
        return Checked(ReadWorkbook(path, fileName, readSheet, limits), fileName, limits);
    }

    /// <summary>
    /// A csv file's records, for a reader that takes the characters of plain records itself (<see cref="CsvRecords"/>);
    /// refused as <see cref="ReadRows(string, string?)"/> refuses it. The first record is read when this returns.
    /// </summary>
    public static CsvRecords ReadCsvRecords(string path, ReadLimits? limits = null)
    {
        var fileName = Path.GetFileName(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension != ".csv")
            throw new ArgumentException($"{fileName} is not a csv file.", nameof(path));
        CheckFile(path, fileName, extension);
        return CsvRecords.Open(path, fileName, limits ?? ReadLimits.Current);
    }

    private static void CheckFile(string path, string fileName, string extension)
    {
        if (!SupportedExtensions.Contains(extension))
            throw new SourceFormatException(fileName, $"files of type '{extension}' are not read; use xlsx, xls or csv");
        if (new FileInfo(path).Length == 0)
            throw new SourceFormatException(fileName, "the file is empty (0 bytes); the upload may have failed");
    }

    // Every row, whichever format it came from: within the limits, and no cell text the warehouse must not store.
    private static IEnumerable<SheetRow> Checked(IEnumerable<SheetRow> rows, string fileName, ReadLimits limits)
    {
        foreach (var row in rows)
        {
            Check(row, fileName, limits);
            yield return row;
        }
    }

    /// <summary>Marks the reading place at the row, and refuses it past the row limit or for a cell's text.</summary>
    internal static void Check(SheetRow row, string fileName, ReadLimits limits)
    {
        ReadingPlace.Reached(fileName, row.Sheet, row.RowNumber);
        if (row.RowNumber > limits.MaxRows)
            throw new SourceFormatException(fileName,
                $"the sheet has more than {limits.MaxRows:N0} rows, the most a file may have (setting Warehouse:Limits:MaxRows)", row.Sheet, row.RowNumber);
        for (var i = 0; i < row.Cells.Length; i++)
        {
            if (row.Cells[i] is string text && CellText.Fault(text) is { } fault)
                throw new SourceFormatException(fileName, fault, row.Sheet, row.RowNumber, ColumnName(row.File, i));
        }
    }

    /// <summary>How a message names a column the reader found: the Excel letter in a workbook, the position in a csv.</summary>
    public static string ColumnName(string file, int index) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? $"column {index + 1}" : ColumnLetters(index);

    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    // Checked as it is read (CsvRecords.Row), so the csv's rows skip Checked.
    private static IEnumerable<SheetRow> ReadCsv(string path, string fileName, ReadLimits limits)
    {
        using var records = CsvRecords.Open(path, fileName, limits);
        while (records.Read())
            yield return records.Row();
    }

    private static IEnumerable<SheetRow> ReadWorkbook(string path, string fileName, Func<string, bool>? readSheet, ReadLimits limits)
    {
        var stream = File.OpenRead(path);
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateReader(stream);
        }
        catch (Exception ex)
        {
            stream.Dispose();
            throw Unreadable(path, fileName, ex);
        }
        Dictionary<string, FormulaCells>? formulaCells;
        try
        {
            formulaCells = FormulaErrorCells.Find(path);
        }
        catch (Exception)
        {
            formulaCells = null; // the scan is a refinement; ExcelDataReader below reports an unreadable file
        }
        using (stream)
        using (reader)
        {
            do
            {
                string sheet;
                try
                {
                    sheet = reader.Name ?? "(unnamed)";
                }
                catch (Exception ex)
                {
                    throw Unreadable(path, fileName, ex);
                }
                var formulasOfSheet = formulaCells?.GetValueOrDefault(sheet);
                if (readSheet is not null && !readSheet(sheet))
                    continue;
                var merged = MergedFigures.Of(reader);
                var rowNumber = 0;
                while (true)
                {
                    object?[] cells;
                    try
                    {
                        if (!reader.Read())
                            break;
                        if (reader.FieldCount > limits.MaxColumns)
                            throw new SourceFormatException(fileName,
                                $"the sheet is {reader.FieldCount:N0} columns wide, more than the {limits.MaxColumns:N0} a sheet may have (setting Warehouse:Limits:MaxColumns)", sheet, rowNumber + 1);
                        cells = new object?[reader.FieldCount];
                        for (var i = 0; i < cells.Length; i++)
                            cells[i] = reader.GetValue(i);
                    }
                    catch (Exception ex) when (ex is not SourceFormatException)
                    {
                        if (ex is XmlException && XmlFault.Locate(path, fileName) is { } placed)
                            throw placed;
                        throw new SourceFormatException(fileName, $"the sheet cannot be read after this row: {Explain(ex)}", sheet, rowNumber);
                    }
                    rowNumber++;
                    if (formulasOfSheet is not null)
                    {
                        if (formulasOfSheet.Uncalculated is { } uncalculated && uncalculated.Row == rowNumber)
                            throw new SourceFormatException(fileName,
                                "holds a formula with no saved result (the workbook was written by a program that does not calculate formulas); open the workbook in Excel and save it, so its formulas are calculated",
                                sheet, rowNumber, ColumnLetters(uncalculated.Column));
                        if (formulasOfSheet.Errors.TryGetValue(rowNumber, out var errorCells))
                            foreach (var (column, code) in errorCells.Where(e => e.Column < cells.Length))
                                cells[column] = code;
                    }
                    merged?.Mark(rowNumber - 1, cells);
                    yield return new SheetRow(fileName, sheet, rowNumber, cells);
                }
            } while (NextSheet(reader, path, fileName));
        }
    }

    // A malformed part is reported at the cell that makes it so when that can be found (a NUL in a string), else in general terms.
    private static SourceFormatException Unreadable(string path, string fileName, Exception ex) =>
        ex is XmlException && XmlFault.Locate(path, fileName) is { } placed ? placed : new SourceFormatException(fileName, Explain(ex));

    private static bool NextSheet(IExcelDataReader reader, string path, string fileName)
    {
        try
        {
            return reader.NextResult();
        }
        catch (Exception ex)
        {
            throw Unreadable(path, fileName, ex);
        }
    }

    // In the user's terms: a library's own message (parameter names, read positions) is never the reason.
    private static string Explain(Exception ex) => ex switch
    {
        ExcelDataReader.Exceptions.InvalidPasswordException =>
            "the workbook is password-protected; save an unprotected copy and load that",
        XmlException =>
            "the workbook's contents are not well-formed (a character such as NUL that a workbook may not hold, or a damaged file); open it in Excel and save it again",
        OutOfMemoryException or InsufficientMemoryException =>
            "the workbook is too large to read; split it or save only the sheets the return needs",
        _ => "the file is not a readable workbook (corrupt, truncated, or not really xlsx/xls); open it in Excel and save it again",
    };
}

/// <summary>Text a cell may not hold: control characters and the replacement character of wrongly decoded text.</summary>
public static class CellText
{
    // C0 controls but tab, line feed and carriage return; DEL; the C1 controls (what cp1252 bytes look like
    // when read as Latin-1); and U+FFFD, which a decoder writes for a byte it could not read.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c)
            .Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c)).Append('\uFFFD').ToArray());

    /// <summary>Whether the text holds anything <see cref="Fault"/> refuses (the check of a span, without the reason).</summary>
    public static bool HasFault(ReadOnlySpan<char> text) => text.ContainsAny(Forbidden);

    /// <summary>Why the text cannot be stored, or null when it can.</summary>
    public static string? Fault(string text)
    {
        var at = text.AsSpan().IndexOfAny(Forbidden);
        if (at < 0)
            return null;
        var c = text[at];
        return c == '\uFFFD'
            ? "holds U+FFFD, the mark left where text was decoded in the wrong encoding; fix the text in the source system or the file"
            : $"holds the control character U+{(int)c:X4} at position {at + 1}, which the warehouse does not store; remove it";
    }
}

/// <summary>
/// The encoding of a csv file: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark. Anything else
/// (a Windows-1252 or Latin-1 export) is refused naming the row of the first byte that is not UTF-8: guessing a
/// code page would store some names wrongly without a word.
/// </summary>
internal static class CsvEncoding
{
    public static Encoding Detect(string path, string fileName, string sheet)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> mark = stackalloc byte[3];
        var marked = stream.Read(mark);
        if (marked >= 2 && mark[0] == 0xFF && mark[1] == 0xFE)
            return Encoding.Unicode;
        if (marked >= 2 && mark[0] == 0xFE && mark[1] == 0xFF)
            return Encoding.BigEndianUnicode;
        var skip = marked == 3 && mark[0] == 0xEF && mark[1] == 0xBB && mark[2] == 0xBF ? 3 : 0;
        stream.Position = skip;

        var bytes = new byte[1 << 16];
        var chars = new char[1 << 16];
        var carry = 0;
        var line = 1;
        var lineStartsHere = true; // whether the current line began inside the buffer (so its cells can be counted)
        int read;
        while ((read = stream.Read(bytes, carry, bytes.Length - carry)) > 0 || carry > 0)
        {
            var length = carry + read;
            var final = read == 0;
            var status = Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
            line += bytes.AsSpan(0, consumed).Count((byte)'\n');
            if (status == System.Buffers.OperationStatus.InvalidData)
                throw new SourceFormatException(fileName,
                    $"the file is not UTF-8 text: byte 0x{bytes[consumed]:X2} on line {line} is not valid UTF-8 (saved as ANSI or Windows-1252?); save it as 'CSV UTF-8' and send it again",
                    sheet, line, Column(bytes.AsSpan(0, consumed), carryStartsLine: lineStartsHere));
            if (consumed > 0)
                lineStartsHere = bytes[consumed - 1] == (byte)'\n';
            if (final)
                break;
            carry = length - consumed;
            bytes.AsSpan(consumed, carry).CopyTo(bytes);
        }
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    }

    // The cell of the bad byte: separators before it on its line, outside quotes. Unknown when the line began
    // in an earlier buffer.
    private static string? Column(ReadOnlySpan<byte> before, bool carryStartsLine)
    {
        var lineStart = before.LastIndexOf((byte)'\n');
        if (lineStart < 0 && !carryStartsLine)
            return null;
        var quoted = false;
        var column = 1;
        foreach (var b in before[(lineStart + 1)..])
        {
            if (b == (byte)'"') quoted = !quoted;
            else if (b == (byte)',' && !quoted) column++;
        }
        return $"column {column}";
    }
}

/// <summary>
/// What an xlsx package is before it is read: within the size and shared-string limits, and not Strict Open
/// XML (which ExcelDataReader 3.6 opens but reads no rows of, so a full workbook would look empty).
/// </summary>
internal static class WorkbookPackage
{
    private const string StrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    public static void Check(string path, string fileName, ReadLimits limits)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return; // not a zip (a password-protected workbook is a compound file): ExcelDataReader says what it is
        }
        using (zip)
        {
            long total = 0;
            foreach (var entry in zip.Entries)
                total += entry.Length;
            if (total > limits.MaxDecompressedBytes)
                throw new SourceFormatException(fileName,
                    $"the workbook expands to {total >> 20:N0} MB, more than the {limits.MaxDecompressedBytes >> 20:N0} MB a workbook may (setting Warehouse:Limits:MaxDecompressedMegabytes)");
            try
            {
                if (zip.GetEntry("xl/workbook.xml") is { } workbook && RootNamespace(workbook) == StrictMain)
                    throw new SourceFormatException(fileName,
                        "the workbook is saved as Strict Open XML Spreadsheet, which is not read; save it as an Excel Workbook (.xlsx)");
                if (zip.GetEntry("xl/sharedStrings.xml") is { } strings && SharedStringCount(strings) is { } count && count > limits.MaxSharedStrings)
                    throw new SourceFormatException(fileName,
                        $"the workbook holds {count:N0} distinct strings, more than the {limits.MaxSharedStrings:N0} a workbook may (setting Warehouse:Limits:MaxSharedStrings)");
            }
            catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
            {
                // a damaged part: ExcelDataReader's read reports the file as unreadable
            }
        }
    }

    private static string? RootNamespace(ZipArchiveEntry entry)
    {
        using var reader = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return reader.MoveToContent() == XmlNodeType.Element ? reader.NamespaceURI : null;
    }

    // The <sst> element states its uniqueCount; counting the <si> elements is the check when it does not.
    private static long? SharedStringCount(ZipArchiveEntry entry)
    {
        using var reader = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        if (reader.MoveToContent() != XmlNodeType.Element)
            return null;
        if (long.TryParse(reader.GetAttribute("uniqueCount"), out var stated))
            return stated;
        long count = 0;
        while (reader.Read())
            if (reader is { NodeType: XmlNodeType.Element, LocalName: "si" })
                count++;
        return count;
    }
}

/// <summary>
/// The file as a whole cannot be read (corrupt, empty, protected, wrong type, no header), with the sheet,
/// row and column where that was found when there is one, so the rejection records the place.
/// </summary>
public sealed class SourceFormatException(string file, string reason, string? sheet = null, int? row = null, string? column = null)
    : Exception($"{file}{(sheet is null ? "" : $", sheet {sheet}")}{(row is null ? "" : $", row {row}")}{(column is null ? "" : $", column {column}")}: {reason}.")
{
    public string File { get; } = file;
    public string Reason { get; } = reason;
    public string? Sheet { get; } = sheet;
    public int? Row { get; } = row;
    public string? Column { get; } = column;
}
