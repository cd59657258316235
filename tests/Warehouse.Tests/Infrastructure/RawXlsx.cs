using System.IO.Compression;
using System.Security;
using System.Text;

namespace Warehouse.Tests.Infrastructure;

/// <summary>One cell of a <see cref="RawXlsx"/> sheet, as the xml a writer puts there.</summary>
public sealed record RawCell(string Xml)
{
    public static RawCell Text(string text) => new($"t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is>");
    public static RawCell Number(double value) => new($"><v>{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v>");
    /// <summary>A shared string by its index in <see cref="RawSheetSet.SharedStrings"/>.</summary>
    public static RawCell Shared(int index) => new($"t=\"s\"><v>{index}</v>");
    /// <summary>A formula with no saved result, as a program that does not calculate writes it.</summary>
    public static RawCell UncalculatedFormula(string formula) => new($"><f>{SecurityElement.Escape(formula)}</f>");
    public static RawCell Formula(string formula, double cached) =>
        new($"><f>{SecurityElement.Escape(formula)}</f><v>{cached.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v>");

    public static implicit operator RawCell(string text) => Text(text);
    public static implicit operator RawCell(double value) => Number(value);
    public static implicit operator RawCell(int value) => Number(value);
}

/// <summary>A sheet of a <see cref="RawXlsx"/>: rows of cells (null: no cell), and merged ranges such as "E5:E6".</summary>
public sealed record RawSheet(string Name, IReadOnlyList<RawCell?[]> Rows, params string[] Merged);

/// <summary>The workbook's shared strings (raw text: a test may put characters xml does not allow).</summary>
public sealed record RawSheetSet(IReadOnlyList<RawSheet> Sheets, IReadOnlyList<string>? SharedStrings = null);

/// <summary>
/// Writes an xlsx from cells as xml, so a fixture can hold what Excel never writes but other programs do: a formula
/// without its cached value, a merged figure, a NUL inside a shared string, a sheet of any size. Rows are streamed
/// to the zip, so a large sheet costs no memory here.
/// </summary>
internal static class RawXlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static string Write(string path, RawSheetSet workbook) => Write(path, workbook, extraRows: null);

    /// <summary>As <see cref="Write(string, RawSheetSet)"/>; <paramref name="extraRows"/> appends generated rows to a named sheet.</summary>
    public static string Write(string path, RawSheetSet workbook, (string Sheet, int Rows, Func<int, string> RowXml)? extraRows)
    {
        if (File.Exists(path))
            File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var overrides = string.Concat(workbook.Sheets.Select((_, i) =>
            $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        if (workbook.SharedStrings is not null)
            overrides += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
        Add(zip, "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + overrides + "</Types>");
        Add(zip, "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Add(zip, "xl/workbook.xml",
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
            + string.Concat(workbook.Sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"))
            + "</sheets></workbook>");
        var rels = string.Concat(workbook.Sheets.Select((_, i) =>
            $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"));
        if (workbook.SharedStrings is not null)
            rels += $"<Relationship Id=\"rId{workbook.Sheets.Count + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>";
        Add(zip, "xl/_rels/workbook.xml.rels",
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>");
        if (workbook.SharedStrings is { } strings)
            Add(zip, "xl/sharedStrings.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\" count=\"{strings.Count}\" uniqueCount=\"{strings.Count}\">"
                + string.Concat(strings.Select(s => $"<si><t>{s.Replace("&", "&amp;").Replace("<", "&lt;")}</t></si>")) + "</sst>");

        for (var i = 0; i < workbook.Sheets.Count; i++)
        {
            var sheet = workbook.Sheets[i];
            using var writer = new StreamWriter(zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            writer.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
            for (var r = 0; r < sheet.Rows.Count; r++)
            {
                writer.Write($"<row r=\"{r + 1}\">");
                for (var c = 0; c < sheet.Rows[r].Length; c++)
                    if (sheet.Rows[r][c] is { } cell)
                        writer.Write($"<c r=\"{Letters(c)}{r + 1}\" {cell.Xml}</c>");
                writer.Write("</row>");
            }
            if (extraRows is { } extra && extra.Sheet == sheet.Name)
                for (var r = 0; r < extra.Rows; r++)
                    writer.Write($"<row r=\"{sheet.Rows.Count + r + 1}\">{extra.RowXml(sheet.Rows.Count + r + 1)}</row>");
            writer.Write("</sheetData>");
            if (sheet.Merged.Length > 0)
                writer.Write($"<mergeCells count=\"{sheet.Merged.Length}\">" + string.Concat(sheet.Merged.Select(m => $"<mergeCell ref=\"{m}\"/>")) + "</mergeCells>");
            writer.Write("</worksheet>");
        }
        return path;
    }

    public static string Letters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
