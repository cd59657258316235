using System.Text;
using ExcelDataReader;
using Sylvan.Data.Csv;

namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// Streams the rows of an xlsx, xls or csv file, one sheet after another, without holding the file in
/// memory. Spreadsheets are read with ExcelDataReader; CSV with Sylvan's reader (much faster on large
/// ledger extracts). Unreadable files raise <see cref="SourceFormatException"/> naming the file.
/// </summary>
public static class WorkbookReader
{
    static WorkbookReader() =>
        // ExcelDataReader needs the legacy code pages even for xlsx on .NET Core.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static readonly string[] SupportedExtensions = [".xlsx", ".xlsm", ".xls", ".csv"];

    public static IEnumerable<SheetRow> ReadRows(string path, string? onlySheet = null)
    {
        var fileName = Path.GetFileName(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!SupportedExtensions.Contains(extension))
            throw new SourceFormatException(fileName, $"files of type '{extension}' are not read; use xlsx, xls or csv");
        if (new FileInfo(path).Length == 0)
            throw new SourceFormatException(fileName, "the file is empty (0 bytes); the upload may have failed");
        return extension == ".csv" ? ReadCsv(path, fileName) : ReadWorkbook(path, fileName, onlySheet);
    }

    private static IEnumerable<SheetRow> ReadCsv(string path, string fileName)
    {
        var sheet = Path.GetFileNameWithoutExtension(path);
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = false, BufferSize = 1 << 16 });
        }
        catch (Exception ex) when (ex is not SourceFormatException)
        {
            throw new SourceFormatException(fileName, $"the CSV file cannot be read: {ex.Message}");
        }
        using (reader)
        {
            var rowNumber = 0;
            while (ReadCsvRow(reader, fileName, sheet, rowNumber + 1))
            {
                rowNumber++;
                var cells = new object?[reader.RowFieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    var text = reader.GetString(i);
                    cells[i] = text.Length == 0 ? null : text;
                }
                yield return new SheetRow(fileName, sheet, rowNumber, cells);
            }
        }
    }

    // A malformed record (a stray quote) is the file's fault: reject it with its row, do not crash the load.
    private static bool ReadCsvRow(CsvDataReader reader, string fileName, string sheet, int rowNumber)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new SourceFormatException(fileName,
                $"the CSV cannot be read from this row on: {ex.Message.TrimEnd('.')} (a quote that is not closed, or text after a closing quote)", sheet, rowNumber);
        }
    }

    private static IEnumerable<SheetRow> ReadWorkbook(string path, string fileName, string? onlySheet)
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
            throw new SourceFormatException(fileName, Explain(ex));
        }
        var formulaErrors = FormulaErrorCells.Find(path);
        using (stream)
        using (reader)
        {
            do
            {
                var sheet = reader.Name;
                var errorsOfSheet = formulaErrors?.GetValueOrDefault(sheet);
                if (onlySheet is not null && !sheet.Equals(onlySheet, StringComparison.OrdinalIgnoreCase))
                    continue;
                var rowNumber = 0;
                while (true)
                {
                    bool more;
                    try
                    {
                        more = reader.Read();
                    }
                    catch (Exception ex)
                    {
                        throw new SourceFormatException(fileName, $"the sheet cannot be read after this row: {Explain(ex)}", sheet, rowNumber);
                    }
                    if (!more)
                        break;
                    rowNumber++;
                    var cells = new object?[reader.FieldCount];
                    for (var i = 0; i < cells.Length; i++)
                        cells[i] = reader.GetValue(i);
                    if (errorsOfSheet is not null && errorsOfSheet.TryGetValue(rowNumber, out var errorCells))
                        foreach (var (column, code) in errorCells.Where(e => e.Column < cells.Length))
                            cells[column] = code;
                    yield return new SheetRow(fileName, sheet, rowNumber, cells);
                }
            } while (NextSheet(reader, fileName));
        }
    }

    private static bool NextSheet(IExcelDataReader reader, string fileName)
    {
        try
        {
            return reader.NextResult();
        }
        catch (Exception ex)
        {
            throw new SourceFormatException(fileName, Explain(ex));
        }
    }

    private static string Explain(Exception ex) => ex switch
    {
        ExcelDataReader.Exceptions.InvalidPasswordException =>
            "the workbook is password-protected; save an unprotected copy and load that",
        ExcelDataReader.Exceptions.HeaderException or InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException =>
            "the file is not a readable workbook (corrupt, truncated, or not really xlsx/xls)",
        _ => $"the workbook cannot be read: {ex.Message}",
    };
}

/// <summary>
/// The file as a whole cannot be read (corrupt, empty, protected, wrong type, no header), with the sheet
/// and row where that was found when there is one, so the rejection records the place.
/// </summary>
public sealed class SourceFormatException(string file, string reason, string? sheet = null, int? row = null)
    : Exception($"{file}{(sheet is null ? "" : $", sheet {sheet}")}{(row is null ? "" : $", row {row}")}: {reason}.")
{
    public string File { get; } = file;
    public string Reason { get; } = reason;
    public string? Sheet { get; } = sheet;
    public int? Row { get; } = row;
}
