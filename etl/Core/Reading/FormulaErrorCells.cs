using System.IO.Compression;
using System.Xml;

namespace Warehouse.Etl.Core.Reading;

/// <summary>What the package scan found in one sheet: cells whose cached result is an error, and the first formula with no result.</summary>
internal sealed record FormulaCells(Dictionary<int, List<(int Column, string Code)>> Errors, (int Row, int Column)? Uncalculated);

/// <summary>
/// Finds the formula cells of an xlsx that ExcelDataReader 3.6 (the only 3.x served) reads as empty: those whose
/// cached result is an error (#REF!, #DIV/0!, #N/A…), and those with no cached result at all (a workbook written by a
/// program that does not calculate, such as a script). The reader puts the error text back so the parsers refuse it
/// with its place, and refuses an uncalculated formula at its cell, where either would otherwise load as blank or 0
/// and surface as a total that does not add up. A byte scan of each sheet finds whether there is any such cell at all
/// (nearly always not), so the cost on a clean file is one decompression of the sheets, no XML parsing.
/// </summary>
internal static class FormulaErrorCells
{
    private static readonly byte[] ErrorType = "t=\"e\""u8.ToArray();
    private static readonly byte[] FormulaEnd = "</f>"u8.ToArray();
    private static readonly byte[] FormulaStart = "<f"u8.ToArray();
    private static readonly byte[] UnprefixedRoot = "<worksheet"u8.ToArray();
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    // How far past a formula the scan looks for its value: far more than `<v></v></c>` and spacing need.
    private const int Window = 512;

    /// <summary>Sheet name → what was found there; null when there is nothing or the file is not a zip.</summary>
    public static Dictionary<string, FormulaCells>? Find(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".xlsx" or ".xlsm"))
            return null;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            Dictionary<string, FormulaCells>? result = null;
            foreach (var (sheet, part) in WorkbookParts.Sheets(zip))
            {
                var entry = zip.GetEntry(part);
                if (entry is null || !Suspect(entry))
                    continue;
                var cells = ReadCells(entry);
                if (cells.Errors.Count > 0 || cells.Uncalculated is not null)
                    (result ??= new(StringComparer.Ordinal))[sheet] = cells;
            }
            return result;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return null; // ExcelDataReader reports the unreadable file with the right message
        }
    }

    // Whether the sheet may hold an error result or a formula without a value. A formula is suspect when what follows
    // its end (`</f>`, or a self-closing `<f …/>`) is anything but `<v>` with content: `</c>`, `<v/>`, `<v></v>`, spacing.
    // Suspect is cheap and may be wrong towards yes (the XML pass then decides); it is never wrong towards no.
    private static bool Suspect(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new byte[1 << 16];
        var carry = 0;
        var rootSeen = false;
        while (true)
        {
            var read = stream.Read(buffer, carry, buffer.Length - carry);
            var final = read == 0;
            var span = buffer.AsSpan(0, carry + read);
            // A writer that prefixes its elements (`<x:c>`, `<x:f>`) is not matched byte for byte: parse its sheets.
            if (!rootSeen && (span.Length >= 1024 || final))
            {
                if (span.IndexOf(UnprefixedRoot) < 0)
                    return true;
                rootSeen = true;
            }
            if (span.IndexOf(ErrorType) >= 0)
                return true;
            // A formula ending within a window of the buffer's end is looked at again after the next read, which
            // starts with those bytes; at the end of the part everything is looked at.
            var limit = final ? span.Length : Math.Max(0, span.Length - Window);
            if (FormulaWithoutValue(span, limit))
                return true;
            if (final)
                return false;
            carry = Math.Min(span.Length, Window + 8);
            span[^carry..].CopyTo(buffer);
        }
    }

    // Each needle in its own pass, so a rare one is not searched for again after every frequent one.
    private static bool FormulaWithoutValue(ReadOnlySpan<byte> span, int limit)
    {
        for (int at = 0, found; (found = span[at..limit].IndexOf(FormulaEnd)) >= 0; at += found + 1)
            if (NoValueFollows(span[(at + found + FormulaEnd.Length)..]))
                return true;
        for (int at = 0, found; (found = span[at..limit].IndexOf(FormulaStart)) >= 0; at += found + 1)
        {
            // `<f t="shared" si="0"/>` or `<f/>`; `<f>` itself ends at `</f>`, which the pass above looks at.
            if (at + found + 2 < span.Length && span[at + found + 2] is not ((byte)' ' or (byte)'/'))
                continue;
            var tagEnd = span[(at + found)..].IndexOf((byte)'>');
            if (tagEnd < 0)
                return true; // a tag longer than the window: let the XML pass decide
            var closing = at + found + tagEnd;
            if (span[closing - 1] == (byte)'/' && NoValueFollows(span[(closing + 1)..]))
                return true;
        }
        return false;
    }

    // Too little left to tell (the end of a damaged part) is suspect too.
    private static bool NoValueFollows(ReadOnlySpan<byte> after) =>
        after.Length < 4 || !after.StartsWith("<v>"u8) || after[3] == (byte)'<';

    private static FormulaCells ReadCells(ZipArchiveEntry entry)
    {
        var errors = new Dictionary<int, List<(int Column, string Code)>>();
        (int Row, int Column)? uncalculated = null;
        using var reader = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        while (reader.Read())
        {
            if (reader is not { NodeType: XmlNodeType.Element, LocalName: "c", NamespaceURI: MainNs }
                || reader.GetAttribute("r") is not { } reference || Parse(reference) is not { } place)
                continue;
            var type = reader.GetAttribute("t");
            if (reader.IsEmptyElement)
                continue;
            var hasFormula = false;
            string? value = null;
            using (var cell = reader.ReadSubtree())
            {
                while (cell.Read())
                {
                    if (cell is not { NodeType: XmlNodeType.Element, NamespaceURI: MainNs })
                        continue;
                    if (cell.LocalName == "f")
                        hasFormula = true;
                    else if (cell.LocalName == "v")
                        value = cell.IsEmptyElement ? "" : cell.ReadElementContentAsString();
                }
            }
            if (type == "e" && value is not null)
            {
                if (!errors.TryGetValue(place.Row, out var row))
                    errors[place.Row] = row = [];
                row.Add((place.Column, value.Trim()));
            }
            // A formula whose result is the empty string is cached as t="str" with an empty value: that one is calculated.
            else if (hasFormula && uncalculated is null && (value is null || (value.Length == 0 && type is not ("str" or "inlineStr"))))
                uncalculated = place;
        }
        return new FormulaCells(errors, uncalculated);
    }

    /// <summary>"AB12" → (12, 27).</summary>
    internal static (int Row, int Column)? Parse(string reference)
    {
        int column = 0, i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return column > 0 && int.TryParse(reference.AsSpan(i), out var row) ? (row, column - 1) : null;
    }
}

/// <summary>The sheets of an xlsx package: their names, in workbook order, and the part each is stored in.</summary>
internal static class WorkbookParts
{
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static IEnumerable<(string Sheet, string Part)> Sheets(ZipArchive zip)
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
}
