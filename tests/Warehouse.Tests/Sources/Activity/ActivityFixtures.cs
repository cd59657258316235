using System.IO.Compression;
using System.Security;
using System.Text.RegularExpressions;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Activity;

namespace Warehouse.Tests.Sources.Activity;

/// <summary>
/// Loads the activity samples through the real pipeline, and makes edge-case copies of them by rewriting
/// single cells of the sample workbooks (inline strings and numbers, as the samples hold them).
/// </summary>
public static partial class ActivityFixtures
{
    public static string Sample(string name) => RepositoryPaths.Combine("samples", "activity", name);

    public static async Task<LoadOutcome> LoadAsync(IWarehouseEngine engine, ISource source, string path)
    {
        var outcome = await new IngestionPipeline(engine).LoadFileAsync(source, path);
        return outcome;
    }

    public static async Task LoadReferenceAsync(IWarehouseEngine engine)
    {
        var outcome = await LoadAsync(engine, new ActivityServiceTypeSource(), Sample("activity-service-types.csv"));
        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
    }

    public static async Task LoadedAsync(IWarehouseEngine engine, ISource source, string path)
    {
        var outcome = await LoadAsync(engine, source, path);
        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message + "\n" + string.Join("\n", outcome.Errors));
    }

    /// <summary>A copy of a sample workbook with some cells replaced: (sheet name, cell, value); a null value empties the cell.</summary>
    public static string PatchWorkbook(string sample, params (string Sheet, string Cell, object? Value)[] changes)
    {
        var folder = TestFolders.New("activity");
        var path = Path.Combine(folder, Path.GetFileName(sample));
        File.Copy(Sample(sample), path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var workbook = Read(zip, "xl/workbook.xml");
        var rels = Read(zip, "xl/_rels/workbook.xml.rels");
        foreach (var sheetChanges in changes.GroupBy(c => c.Sheet))
        {
            var id = SheetPattern().Matches(workbook).First(m => m.Groups["name"].Value == sheetChanges.Key).Groups["id"].Value;
            var target = Regex.Match(rels, $"Id=\"{id}\"[^>]*Target=\"(?<t>[^\"]+)\"|Target=\"(?<t>[^\"]+)\"[^>]*Id=\"{id}\"").Groups["t"].Value;
            var entry = "xl/" + target.TrimStart('/').Replace("xl/", "");
            var xml = Read(zip, entry);
            foreach (var (_, cell, value) in sheetChanges)
                xml = SetCell(xml, cell, value);
            zip.GetEntry(entry)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write(xml);
        }
        return path;
    }

    /// <summary>Merges a range of one sheet of a patched copy (the cells keep what they hold, as Excel's own merge keeps the first).</summary>
    public static string Merge(string path, string sheet, string range) =>
        RewriteSheet(path, sheet, xml => xml.Replace("</sheetData>", $"</sheetData><mergeCells count=\"1\"><mergeCell ref=\"{range}\"/></mergeCells>"));

    /// <summary>
    /// Adds a sheet of <paramref name="rows"/> generated rows (a few cells each) to a copy of the workbook: small on disk,
    /// large once read, as a hostile or careless upload can be.
    /// </summary>
    public static string AddSheet(string path, string name, int rows)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var part = "xl/worksheets/extra-sheet.xml";
        using (var writer = new StreamWriter(zip.CreateEntry(part, System.IO.Compression.CompressionLevel.Fastest).Open()))
        {
            writer.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            for (var r = 1; r <= rows; r++)
                writer.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>note {r}</t></is></c><c r=\"B{r}\"><v>{r}</v></c><c r=\"C{r}\"><v>{r * 2}</v></c></row>");
            writer.Write("</sheetData></worksheet>");
        }
        Replace(zip, "xl/workbook.xml", xml => xml.Replace("</sheets>",
            $"<sheet xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" name=\"{name}\" sheetId=\"99\" r:id=\"rIdExtra\"/></sheets>"));
        Replace(zip, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            "<Relationship Id=\"rIdExtra\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/extra-sheet.xml\"/></Relationships>"));
        Replace(zip, "[Content_Types].xml", xml => xml.Replace("</Types>",
            "<Override PartName=\"/xl/worksheets/extra-sheet.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"));
        return path;
    }

    private static string RewriteSheet(string path, string sheet, Func<string, string> rewrite)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var workbook = Read(zip, "xl/workbook.xml");
        var rels = Read(zip, "xl/_rels/workbook.xml.rels");
        var id = SheetPattern().Matches(workbook).First(m => m.Groups["name"].Value == sheet).Groups["id"].Value;
        var target = Regex.Match(rels, $"Id=\"{id}\"[^>]*Target=\"(?<t>[^\"]+)\"|Target=\"(?<t>[^\"]+)\"[^>]*Id=\"{id}\"").Groups["t"].Value;
        Replace(zip, "xl/" + target.TrimStart('/').Replace("xl/", ""), rewrite);
        return path;
    }

    private static void Replace(ZipArchive zip, string entry, Func<string, string> rewrite)
    {
        var xml = rewrite(Read(zip, entry));
        zip.GetEntry(entry)!.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
        writer.Write(xml);
    }

    private static string SetCell(string xml, string cell, object? value)
    {
        var content = value switch
        {
            null => "",
            RawCell raw => $"<c r=\"{cell}\" {raw.Xml}</c>",
            string s => $"<c r=\"{cell}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(s)}</t></is></c>",
            var n => $"<c r=\"{cell}\" t=\"n\"><v>{Convert.ToString(n, System.Globalization.CultureInfo.InvariantCulture)}</v></c>",
        };
        var existing = new Regex($"<c r=\"{cell}\"[^>]*?(/>|>.*?</c>)");
        if (existing.IsMatch(xml))
            return existing.Replace(xml, content, 1);
        // The cell is not there: add it at the end of its row (cells of the samples are in column order).
        var row = Regex.Match(cell, "[0-9]+").Value;
        var rowPattern = new Regex($"(<row r=\"{row}\"[^>]*>)(.*?)(</row>)");
        return rowPattern.IsMatch(xml)
            ? rowPattern.Replace(xml, m => m.Groups[1].Value + m.Groups[2].Value + content + m.Groups[3].Value, 1)
            : throw new InvalidOperationException($"row {row} is not in the sheet");
    }

    private static string Read(ZipArchive zip, string entry)
    {
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    [GeneratedRegex("<sheet [^>]*name=\"(?<name>[^\"]+)\"[^>]*r:id=\"(?<id>[^\"]+)\"")]
    private static partial Regex SheetPattern();
}
