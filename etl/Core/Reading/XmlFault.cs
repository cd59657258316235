using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// Where a workbook that is not well-formed XML breaks, when the cause is a cell's text: a control character
/// (NUL, BEL…) written raw into a shared string or an inline string, which XML forbids, so ExcelDataReader can only
/// throw. Run only after the read has failed; it streams the parts once, byte by byte, and names the cell with the
/// warehouse's control-character reason (the one any other format gets), instead of an XML parser's message.
/// </summary>
internal static class XmlFault
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const int MaxText = 1 << 16; // what is kept of one cell's text to word the reason

    /// <summary>The rejection at the cell holding the first forbidden character, or null when the fault is something else.</summary>
    public static SourceFormatException? Locate(string path, string fileName)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var sheets = WorkbookParts.Sheets(zip).ToList();
            if (zip.GetEntry("xl/sharedStrings.xml") is { } strings && Scan(strings, "si") is { } shared)
            {
                var (index, reason) = shared;
                foreach (var (sheet, part) in sheets)
                    if (zip.GetEntry(part) is { } entry && CellOfSharedString(entry, index) is { } place)
                        return new SourceFormatException(fileName, reason, sheet, place.Row, WorkbookReader.ColumnLetters(place.Column));
                return new SourceFormatException(fileName, $"a text of the workbook {reason}");
            }
            foreach (var (sheet, part) in sheets)
                if (zip.GetEntry(part) is { } entry && Scan(entry, "c") is { } inline)
                    return FormulaErrorCells.Parse(inline.Reference) is { } place
                        ? new SourceFormatException(fileName, inline.Reason, sheet, place.Row, WorkbookReader.ColumnLetters(place.Column))
                        : new SourceFormatException(fileName, inline.Reason, sheet);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException)
        {
            // the package itself is damaged: the general message stands
        }
        return null;
    }

    /// <summary>
    /// The first element named <paramref name="element"/> (`si`, or a cell `c`) whose text holds a byte XML forbids:
    /// its `r` attribute (a cell) or its position among its kind (a shared string), and the reason in the warehouse's words.
    /// </summary>
    private static (string Reference, string Reason)? Scan(ZipArchiveEntry entry, string element)
    {
        using var stream = entry.Open();
        var buffer = new byte[1 << 16];
        var tag = new List<byte>(256);
        var text = new List<byte>(256);
        var inTag = false;
        var index = -1;
        string? reference = null;
        var faulty = false;
        var inside = false;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (inTag)
                {
                    if (b != (byte)'>')
                    {
                        if (tag.Count < 1024)
                            tag.Add(b);
                        continue;
                    }
                    inTag = false;
                    var name = TagName(tag);
                    if (name == element && tag[^1] != (byte)'/')
                    {
                        index++;
                        reference = element == "c" ? Attribute(tag, "r") : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        text.Clear();
                        inside = true;
                    }
                    else if (name == "/" + element)
                    {
                        if (faulty)
                            return Found(reference, text);
                        inside = false;
                    }
                    continue;
                }
                if (b == (byte)'<')
                {
                    inTag = true;
                    tag.Clear();
                    continue;
                }
                // A stray byte between elements is no cell's: the general message stands for it.
                if (inside && b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
                    faulty = true;
                if (text.Count < MaxText)
                    text.Add(b);
            }
        }
        return faulty ? Found(reference, text) : null;
    }

    private static (string Reference, string Reason) Found(string? reference, List<byte> text)
    {
        var decoded = System.Net.WebUtility.HtmlDecode(Encoding.UTF8.GetString(text.ToArray()));
        var reason = CellText.Fault(decoded) ?? "holds a character the warehouse does not store; remove it";
        return (reference ?? "", reason);
    }

    // `c r="A1"` → "c"; `/x:si` → "/si" (a prefix dropped).
    private static string TagName(List<byte> tag)
    {
        var closing = tag.Count > 0 && tag[0] == (byte)'/';
        var end = closing ? 1 : 0;
        while (end < tag.Count && tag[end] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'/'))
            end++;
        var name = Encoding.ASCII.GetString(tag.GetRange(closing ? 1 : 0, end - (closing ? 1 : 0)).ToArray());
        var colon = name.IndexOf(':');
        return (closing ? "/" : "") + (colon < 0 ? name : name[(colon + 1)..]);
    }

    private static string? Attribute(List<byte> tag, string name)
    {
        var text = Encoding.UTF8.GetString(tag.ToArray());
        var at = text.IndexOf($" {name}=\"", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var start = at + name.Length + 3;
        var end = text.IndexOf('"', start);
        return end < 0 ? null : text[start..end];
    }

    // The first cell of the sheet that shows shared string number `index` (the sheet itself is well-formed).
    private static (int Row, int Column)? CellOfSharedString(ZipArchiveEntry entry, string index)
    {
        using var reader = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        while (reader.Read())
        {
            if (reader is not { NodeType: XmlNodeType.Element, LocalName: "c", NamespaceURI: MainNs } || reader.GetAttribute("t") != "s"
                || reader.GetAttribute("r") is not { } reference || reader.IsEmptyElement)
                continue;
            using var cell = reader.ReadSubtree();
            while (cell.Read())
                if (cell is { NodeType: XmlNodeType.Element, LocalName: "v" })
                {
                    if (cell.ReadElementContentAsString().Trim() == index)
                        return FormulaErrorCells.Parse(reference);
                    break;
                }
        }
        return null;
    }
}
