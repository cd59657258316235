using System.IO.Compression;
using System.Xml;

namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// Finds the cells of an xlsx whose cached formula result is an error (#REF!, #DIV/0!, #N/A…).
/// ExcelDataReader 3.6 (the only 3.x served) returns such cells as empty, so a broken formula in a money
/// column would load as blank; the reader puts the error text back so the parsers refuse it with its
/// place. A byte scan of each sheet finds whether there is any error cell at all (nearly always not),
/// so the cost on a clean file is one decompression of the sheets, no XML parsing.
/// </summary>
internal static class FormulaErrorCells
{
    private static readonly byte[] ErrorType = "t=\"e\""u8.ToArray();
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Sheet name → Excel row number → (0-based column, error text); null when there are none or the file is not a zip.</summary>
    public static Dictionary<string, Dictionary<int, List<(int Column, string Code)>>>? Find(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".xlsx" or ".xlsm"))
            return null;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            Dictionary<string, Dictionary<int, List<(int Column, string Code)>>>? result = null;
            foreach (var (sheet, part) in Sheets(zip))
            {
                var entry = zip.GetEntry(part);
                if (entry is null || !Contains(entry, ErrorType))
                    continue;
                var cells = ReadErrors(entry);
                if (cells.Count > 0)
                    (result ??= new(StringComparer.Ordinal))[sheet] = cells;
            }
            return result;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return null; // ExcelDataReader reports the unreadable file with the right message
        }
    }

    private static IEnumerable<(string Sheet, string Part)> Sheets(ZipArchive zip)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels)
        {
            using var reader = XmlReader.Create(rels.Open());
            while (reader.Read())
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "Relationship" } && reader.GetAttribute("Id") is { } id
                    && reader.GetAttribute("Target") is { } target)
                    targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        }
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook)
            yield break;
        using var xml = XmlReader.Create(workbook.Open());
        while (xml.Read())
        {
            if (xml is { NodeType: XmlNodeType.Element, LocalName: "sheet" } && xml.GetAttribute("name") is { } name
                && xml.GetAttribute("id", RelNs) is { } rid && targets.TryGetValue(rid, out var part))
                yield return (name, part);
        }
    }

    private static bool Contains(ZipArchiveEntry entry, byte[] needle)
    {
        using var stream = entry.Open();
        var buffer = new byte[1 << 16];
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var span = buffer.AsSpan(0, carry + read);
            if (span.IndexOf(needle) >= 0)
                return true;
            carry = Math.Min(needle.Length - 1, span.Length);
            span[^carry..].CopyTo(buffer);
        }
        return false;
    }

    private static Dictionary<int, List<(int Column, string Code)>> ReadErrors(ZipArchiveEntry entry)
    {
        var cells = new Dictionary<int, List<(int Column, string Code)>>();
        using var reader = XmlReader.Create(entry.Open());
        while (reader.Read())
        {
            if (reader is not { NodeType: XmlNodeType.Element, LocalName: "c", NamespaceURI: MainNs } || reader.GetAttribute("t") != "e"
                || reader.GetAttribute("r") is not { } reference || Parse(reference) is not { } place)
                continue;
            using var cell = reader.ReadSubtree();
            while (cell.Read())
                if (cell is { NodeType: XmlNodeType.Element, LocalName: "v" })
                {
                    if (!cells.TryGetValue(place.Row, out var row))
                        cells[place.Row] = row = [];
                    row.Add((place.Column, cell.ReadElementContentAsString().Trim()));
                    break;
                }
        }
        return cells;
    }

    /// <summary>"AB12" → (12, 27).</summary>
    private static (int Row, int Column)? Parse(string reference)
    {
        int column = 0, i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return column > 0 && int.TryParse(reference.AsSpan(i), out var row) ? (row, column - 1) : null;
    }
}
