using System.IO.Compression;
using System.Text;

namespace Warehouse.Tests.BadInput;

/// <summary>One bad or odd file for one source, and whether its fault is in a cell (so the rejection must name row and column).</summary>
public sealed record BadCase(string Source, string Name, string Path, bool CellLevel)
{
    public override string ToString() => $"{Source}: {Name}";
}

/// <summary>
/// Generates the bad-input corpus from the bundled samples: every file source gets the file-level faults
/// (empty, garbage, truncated, zero-filled, wrong type), csv sources the cell-level ones (control
/// characters, NUL, Windows-1252 bytes, U+FFFD, overflowing and decimal-comma numbers, stray quotes), and
/// workbook sources the package-level ones (Strict Open XML, hostile shared-string counts, NUL and control
/// characters in strings, 1E+308 in a number, a formula with no saved result, damaged parts). Tiny files, written to a test folder.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>A csv source's sample, a text column and a numeric column of its first data row (-1: none).</summary>
    public sealed record CsvSample(string Source, string Sample, int TextColumn, int NumberColumn);

    public static readonly CsvSample[] CsvSources =
    [
        new("organisation", "finance/organisation-reference.csv", 4, 11),
        new("line-mapping", "finance/line-mapping.csv", 4, -1),
        new("finance-gl", "finance/gl-2018-05.csv", 2, 5),
        new("indicator-catalogue", "indicators/indicator-catalogue.csv", 1, 11),
        new("activity-service-types", "activity/activity-service-types.csv", 3, 6),
        new("lac-placement-types", "activity/lac-placement-types.csv", 1, 3),
        new("lac-budget", "activity/lac-budget-2018-19.csv", 2, 4),
        new("lac-printed-totals", "activity/lac-printed-totals.csv", 1, 3),
    ];

    public static readonly (string Source, string Sample)[] WorkbookSources =
    [
        ("finance-gl", "finance/gl-2018-05.xlsx"),
        ("finance-forecast", "finance/forecast-2018-05.xlsx"),
        ("indicator-return", "indicators/indicator-return-2018-03.xlsx"),
        ("portfolio-return", "indicators/portfolio-2018-03.xlsx"),
        ("adult-services-return", "activity/adult-services-2018-05.xlsx"),
        ("sen-placements-return", "activity/sen-placements-2018-05.xlsx"),
    ];

    public static IEnumerable<BadCase> Build(string folder)
    {
        var all = CsvSources.Select(c => (c.Source, c.Sample)).Concat(WorkbookSources).ToList();
        foreach (var (source, sample) in all)
            foreach (var bad in FileLevel(folder, source, sample))
                yield return bad;
        foreach (var csv in CsvSources)
            foreach (var bad in CellLevel(folder, csv))
                yield return bad;
        foreach (var (source, sample) in WorkbookSources)
            foreach (var bad in PackageLevel(folder, source, sample))
                yield return bad;
    }

    private static int _cases;

    private static byte[] Sample(string sample) => File.ReadAllBytes(RepositoryPaths.Combine("samples", sample));

    private static BadCase Write(string folder, string source, string name, string fileName, byte[] bytes, bool cellLevel = false)
    {
        // One folder per case: two cases of a source may give their files the same name.
        var directory = Path.Combine(folder, source, $"{name.Replace(' ', '-')}-{Interlocked.Increment(ref _cases)}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, bytes);
        return new BadCase(source, name, path, cellLevel);
    }

    private static IEnumerable<BadCase> FileLevel(string folder, string source, string sample)
    {
        var bytes = Sample(sample);
        var name = Path.GetFileName(sample);
        var extension = Path.GetExtension(sample);
        yield return Write(folder, source, "empty", name, []);
        yield return Write(folder, source, "garbage", name, Enumerable.Range(0, 3000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        yield return Write(folder, source, "zero-filled", name, new byte[4096]);
        yield return Write(folder, source, "first third", name, bytes[..(bytes.Length / 3)]);
        yield return Write(folder, source, "first 20 bytes", name, bytes[..Math.Min(20, bytes.Length)]);
        yield return Write(folder, source, "wrong type", Path.ChangeExtension(name, ".txt"), bytes);
        yield return Write(folder, source, "other format under this name", name,
            extension == ".csv" ? Sample("finance/gl-2018-05.xlsx") : Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n"));
        yield return Write(folder, source, "only a byte-order mark", name, [0xEF, 0xBB, 0xBF]);
    }

    private static IEnumerable<BadCase> CellLevel(string folder, CsvSample csv)
    {
        var text = Encoding.UTF8.GetString(Sample(csv.Sample)).Replace("\r\n", "\n");
        var lines = text.Split('\n').ToList();
        var name = Path.GetFileName(csv.Sample);

        BadCase Cell(string caseName, int column, string value)
        {
            var changed = lines.ToList();
            changed[1] = Csv.Replace(changed[1], column, value);
            return Write(folder, csv.Source, caseName, name, Encoding.UTF8.GetBytes(string.Join("\n", changed)), cellLevel: true);
        }

        BadCase Bytes(string caseName, Func<string, byte[]> encode, bool cellLevel) =>
            Write(folder, csv.Source, caseName, name, encode(string.Join("\n", lines)), cellLevel);

        yield return Cell("NUL in text", csv.TextColumn, "Name\0with a NUL");
        yield return Cell("BEL in text", csv.TextColumn, "Name\u0007bell");
        yield return Cell("ESC in text", csv.TextColumn, "Name\u001b[0m");
        yield return Cell("replacement character", csv.TextColumn, "Caf\uFFFD");
        yield return Cell("C1 control", csv.TextColumn, "Name\u0085");
        {
            // Windows-1252 bytes for "æøå" in the first data row: not UTF-8.
            var changed = lines.ToList();
            changed[1] = Csv.Replace(changed[1], csv.TextColumn, "\u00e6\u00f8\u00e5 line");
            yield return Write(folder, csv.Source, "windows-1252", name, Encoding.Latin1.GetBytes(string.Join("\n", changed)), cellLevel: true);
        }
        if (csv.NumberColumn >= 0)
        {
            yield return Cell("1E+308", csv.NumberColumn, "1E+308");
            yield return Cell("twenty digits", csv.NumberColumn, "12345678901234567890");
            yield return Cell("decimal comma", csv.NumberColumn, "\"1.234,56\"");
            yield return Cell("comma decimal", csv.NumberColumn, "\"12,5\"");
            yield return Cell("thirty nines", csv.NumberColumn, new string('9', 30));
            yield return Cell("not a number", csv.NumberColumn, "twelve");
            yield return Cell("infinity", csv.NumberColumn, "Infinity");
        }
        yield return Bytes("header only", t => Encoding.UTF8.GetBytes(lines[0] + "\n"), false);
        yield return Bytes("stray quote", t => Encoding.UTF8.GetBytes(string.Join("\n", lines.Take(2).Append("\"unclosed," + lines[1]).Concat(lines.Skip(2)))), false);
        yield return Bytes("no header", t => Encoding.UTF8.GetBytes(string.Join("\n", lines.Skip(1))), false);
        yield return Bytes("repeated header", t =>
        {
            var header = lines[0].Split(',');
            return Encoding.UTF8.GetBytes(string.Join("\n", lines.Take(1).Select(h => h + "," + header[0])
                .Concat(lines.Skip(1).Where(l => l.Length > 0).Select(l => l + ",X"))));
        }, false);
    }

    private static IEnumerable<BadCase> PackageLevel(string folder, string source, string sample)
    {
        var bytes = Sample(sample);
        var name = Path.GetFileName(sample);
        using var original = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        // Strings live in the shared-string table, or inline in the first sheet (the samples write them inline).
        var stringPart = original.GetEntry("xl/sharedStrings.xml")?.FullName
                         ?? original.Entries.Select(e => e.FullName).Where(n => n.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Order().First();

        IEnumerable<BadCase> Part(string caseName, Func<string, string, string?> rewrite, bool cellLevel = false,
            (string Name, string Content)? added = null)
        {
            var touched = added is not null;
            var changed = Rewrite(bytes, (part, xml) =>
            {
                var result = rewrite(part, xml);
                touched |= result is not null && result != xml;
                return result;
            }, added);
            if (touched) // a fault the sample gives no place for (no numbers in a portfolio) is not a case
                yield return Write(folder, source, caseName, name, changed, cellLevel);
        }

        foreach (var bad in Part("strict open xml", (part, xml) => part == "xl/workbook.xml"
            ? xml.Replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main") : null))
            yield return bad;
        foreach (var bad in Part("twenty million shared strings", (part, xml) => part == "xl/sharedStrings.xml"
            ? UniqueCount().Replace(xml, "uniqueCount=\"20000000\"", 1) : null,
            added: original.GetEntry("xl/sharedStrings.xml") is null
                ? ("xl/sharedStrings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"20000000\" uniqueCount=\"20000000\"/>") : null))
            yield return bad;
        // A raw NUL makes the part ill-formed XML; the reader still names the cell that holds it.
        foreach (var bad in Part("NUL in a string", (part, xml) => part == stringPart ? NthText(xml, "\0") : null, cellLevel: true))
            yield return bad;
        foreach (var bad in Part("escaped BEL in a string", (part, xml) => part == stringPart ? NthText(xml, "_x0007_") : null, cellLevel: true))
            yield return bad;
        foreach (var bad in Part("escaped ESC in a string", (part, xml) => part == stringPart ? NthText(xml, "_x001B_") : null, cellLevel: true))
            yield return bad;
        foreach (var bad in Part("replacement character in a string", (part, xml) => part == stringPart ? NthText(xml, "\uFFFD") : null, cellLevel: true))
            yield return bad;
        foreach (var bad in Part("1E+308 in a number", (part, xml) => part.StartsWith("xl/worksheets/", StringComparison.Ordinal)
            ? NumberValue().Replace(xml, m => m.Groups[1].Value + "1E+308</v>", 400) : null))
            yield return bad;
        // As a program that does not calculate writes a formula: no saved result, which ExcelDataReader reads as empty.
        foreach (var bad in Part("formula with no saved result", (part, xml) => part.StartsWith("xl/worksheets/", StringComparison.Ordinal)
            ? Uncalculated(xml) : null, cellLevel: true))
            yield return bad;
        foreach (var bad in Part("damaged sheet", (part, xml) => part.StartsWith("xl/worksheets/", StringComparison.Ordinal) ? xml[..(xml.Length / 2)] : null))
            yield return bad;
        foreach (var bad in Part("no workbook part", (part, _) => part == "xl/workbook.xml" ? "" : null))
            yield return bad;
    }

    // Replaces a number some way into the sheet (past the titles, into the rows) by a formula without its value.
    private static string Uncalculated(string xml)
    {
        var matches = NumberValue().Matches(xml);
        if (matches.Count == 0)
            return xml;
        var at = matches[Math.Min(6, matches.Count - 1)];
        var end = xml.IndexOf("</v>", at.Index, StringComparison.Ordinal) + 4;
        var cellStart = at.Value[..(at.Value.IndexOf('>') + 1)]; // `<c r="C7" s="1">`, its `</c>` follows the value
        return xml[..at.Index] + cellStart + "<f>1+1</f>" + xml[end..];
    }

    // Puts text into a string some way into the part (past the titles, into the rows), or the last one there is.
    private static string NthText(string xml, string insert)
    {
        var matches = TextElement().Matches(xml);
        if (matches.Count == 0)
            return xml;
        var at = matches[Math.Min(12, matches.Count - 1)];
        var end = at.Index + at.Length;
        return xml[..end] + "Name" + insert + "x" + xml[end..];
    }

    private static byte[] Rewrite(byte[] package, Func<string, string, string?> rewrite, (string Name, string Content)? added)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var content = reader.ReadToEnd();
                var changed = rewrite(entry.FullName, content);
                if (changed == "")
                    continue; // the part removed
                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(changed ?? content);
            }
            if (added is { } extra)
            {
                using var writer = new StreamWriter(zip.CreateEntry(extra.Name).Open(), new UTF8Encoding(false));
                writer.Write(extra.Content);
            }
        }
        return output.ToArray();
    }

    private static System.Text.RegularExpressions.Regex UniqueCount() => new("uniqueCount=\"[0-9]+\"");
    private static System.Text.RegularExpressions.Regex NumberValue() => new("(<c r=\"[B-Z][0-9]+\"(?: s=\"[0-9]+\")?(?: t=\"n\")?>(?:<f>[^<]*</f>)?<v>)[0-9.E+-]+</v>");
    private static System.Text.RegularExpressions.Regex TextElement() => new("<t(?:\\s[^>]*)?>");
}

/// <summary>Rewrites one cell of a csv line (quotes respected).</summary>
public static class Csv
{
    public static string Replace(string line, int column, string value)
    {
        var cells = Split(line);
        while (cells.Count <= column)
            cells.Add("");
        cells[column] = value.Contains(',') && !value.StartsWith('"') ? $"\"{value}\"" : value;
        return string.Join(",", cells);
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        cells.Add(current.ToString());
        return cells;
    }
}
