using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Warehouse.Etl.Publish.Pack;

namespace Warehouse.Etl.Publish;

/// <summary>
/// The pack as a workbook laid out as the paper (the same <see cref="PackLayout"/> as the html): a front page, then a
/// sheet per section with the paper's headers, directorate headings and bold total rows; £000 as #,##0 with a minus
/// sign, percentages as real fractions shown 0.0%, RAG cells filled with their colour. Each sheet prints A4 landscape
/// fit to width with its header rows repeated, a print area, long text wrapped, and the page header and footer of
/// the html (committee, meeting and report month; data as at; page n of m).
/// </summary>
public static class XlsxPackWriter
{
    private const int HeaderRows = 3;
    private const double MaxTextWidth = 60;

    public static void Write(ReportPack pack, string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = new Styles();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var definedNames = new DefinedNames();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var blocks = new List<PackBlock> { FrontBlock(pack) };
        blocks.AddRange(pack.Tables.Select(t => PackLayout.Lay(t, pack.Period, pack.Context.PreviousMonth)).Select(Flatten));
        uint sheetId = 1;
        foreach (var block in blocks)
        {
            var name = SheetName(block.Key, block.Title, used);
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var (worksheet, lastRow, lastColumn) = Worksheet(pack, block, styles);
            part.Worksheet = worksheet;
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId, Name = name });
            var quoted = $"'{name.Replace("'", "''")}'";
            definedNames.Append(new DefinedName($"{quoted}!$1:${HeaderRows}") { Name = "_xlnm.Print_Titles", LocalSheetId = sheetId - 1 });
            definedNames.Append(new DefinedName($"{quoted}!$A$1:${Letters(lastColumn)}${lastRow}") { Name = "_xlnm.Print_Area", LocalSheetId = sheetId - 1 });
            sheetId++;
        }
        workbookPart.Workbook.Append(definedNames);
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = styles.Stylesheet();
        workbookPart.Workbook.Save();
    }

    /// <summary>The front page as rows: status table, narrative, key figures, RAG counts, reconciliation, contact.</summary>
    private static PackBlock FrontBlock(ReportPack pack)
    {
        var front = FrontPage.From(pack);
        var rows = new List<PackRow>();
        PackCell T(string? text) => new(text ?? "", text, CellStyle.Text, false);
        PackCell R(string? text) => new(text ?? "–", text, CellStyle.Rag, false);
        PackCell M(decimal? value) => PackLayout.Cell(value, CellStyle.Money);
        rows.Add(new PackRow("heading", [T("Previous Status"), T("Category"), T("Target"), T("Current Status"), T("Section Ref.")]));
        rows.AddRange(front.Status.Select(s => new PackRow("line", [R(s.Previous), T(s.Category), T(s.Target), R(s.Current), T(s.SectionRef)])));
        rows.AddRange(front.Narrative.Select(n => new PackRow("note", [T(n)])));
        if (front.KeyFigures.Count > 0)
            rows.Add(new PackRow("heading", [T("Key figures"), T("£000")]));
        rows.AddRange(front.KeyFigures.Select(k => new PackRow("line", [T(k.Label), M(k.Value)])));
        if (front.Rag.Count > 0)
            rows.Add(new PackRow("heading", [T("Monthly Indicators"), T("Red"), T("Amber"), T("Green"), T("No Target"), T("Total")]));
        rows.AddRange(front.Rag.Select(r => new PackRow("line",
            [T(r.Label), PackLayout.Cell(r.Red, CellStyle.Whole), PackLayout.Cell(r.Amber, CellStyle.Whole), PackLayout.Cell(r.Green, CellStyle.Whole),
             PackLayout.Cell(r.NoTarget, CellStyle.Whole), PackLayout.Cell(r.Total, CellStyle.Whole)])));
        rows.Add(new PackRow("note", [T(pack.Context.Reconciliation)]));
        rows.AddRange(pack.Notes.Select(n => new PackRow("note", [T(n)])));
        rows.AddRange(pack.Context.Contact.Select(c => new PackRow("note", [T(c)])));
        rows.Add(new PackRow("note", [T("Data as at " + HtmlPackWriter.DataAsAt(pack.Context) + ".")]));
        return new PackBlock("front", pack.Title, null, ["", "", "", "", "", ""], Enumerable.Repeat(CellStyle.Text, 6).ToList(), rows, [], [], "");
    }

    /// <summary>Appendix 2 in a sheet: one row per commentary number with its figures, then the commentary text.</summary>
    private static PackBlock Flatten(PackBlock block)
    {
        if (block.Commentary.Count == 0)
            return block;
        var rows = new List<PackRow>();
        foreach (var c in block.Commentary)
        {
            var title = $"{c.Ref}) {c.Title}";
            rows.Add(new PackRow("total", [new PackCell(title, title, CellStyle.Text, false), .. c.Figures]));
            if (c.Text is not null)
                rows.Add(new PackRow("note", [new PackCell(c.Text, c.Text, CellStyle.Text, false)]));
        }
        return block with { Headers = ["Commentary", .. block.Headers], Styles = [CellStyle.Text, .. block.Styles], Rows = rows, Commentary = [] };
    }

    private static (Worksheet Sheet, uint LastRow, int LastColumn) Worksheet(ReportPack pack, PackBlock block, Styles styles)
    {
        var columns = Math.Max(1, block.Headers.Count);
        var widths = block.Headers.Select(h => Math.Clamp(h.Length * 0.6 + 2, 8.0, 22.0)).ToArray();
        if (widths.Length == 0)
            widths = [12];
        var data = new SheetData();
        var merges = new List<string>();
        data.Append(new Row(Text("A1", block.Title, styles.Get(Styles.Kind.Title))) { RowIndex = 1 });
        var subtitle = block.Key == "front"
            ? $"{pack.Context.CommitteeName}{(pack.Context.Meeting is { } m ? " · " + m : "")} · {pack.Context.ReportMonth} · amounts £000 unless stated"
            : $"{pack.Context.ReportMonth} · {pack.Context.CommitteeName}{(block.Note is null ? "" : " · " + block.Note)}";
        data.Append(new Row(Text("A2", subtitle, styles.Get(Styles.Kind.Subtitle))) { RowIndex = 2 });
        var header = new Row { RowIndex = HeaderRows };
        if (block.Key != "front")
            for (var i = 0; i < block.Headers.Count; i++)
                header.Append(Text(Ref(i, HeaderRows), block.Headers[i], styles.Get(Styles.Kind.Header, numeric: IsNumeric(block.Styles[i]))));
        data.Append(header);

        uint rowIndex = HeaderRows + 1;
        foreach (var packRow in block.Rows)
        {
            var row = new Row { RowIndex = rowIndex };
            if (packRow.Kind == "note")
            {
                // A sentence or a commentary paragraph across the printed width, wrapped.
                var text = packRow.Cells[0].Text;
                row.Append(Text(Ref(0, rowIndex), text, styles.Get(Styles.Kind.Paragraph)));
                if (columns > 1)
                    merges.Add($"A{rowIndex}:{Letters(columns - 1)}{rowIndex}");
                var lines = Math.Max(1, (int)Math.Ceiling(text.Length / Math.Max(40, widths.Sum() * 1.1)) + text.Count(c => c == '\n'));
                if (lines > 1)
                {
                    row.Height = Math.Min(409, 13.5 * lines);
                    row.CustomHeight = true;
                }
                data.Append(row);
                rowIndex++;
                continue;
            }
            for (var i = 0; i < packRow.Cells.Count && i < Math.Max(columns, packRow.Cells.Count); i++)
            {
                var cell = packRow.Cells[i];
                var style = i < block.Styles.Count && block.Key != "front" ? block.Styles[i] : cell.Style;
                if (cell.Style == CellStyle.Rag)
                    style = CellStyle.Rag;
                if (cell.Value is null && cell.Text.Length == 0)
                    continue;
                var (value, width) = Cell(Ref(i, rowIndex), cell, style, packRow.Kind, styles);
                row.Append(value);
                if (i < widths.Length)
                    widths[i] = Math.Max(widths[i], Math.Min(width + 2, MaxTextWidth));
            }
            data.Append(row);
            rowIndex++;
        }
        foreach (var (footnote, n) in block.Footnotes.Select((f, n) => (f, n + 1)))
        {
            var row = new Row { RowIndex = rowIndex };
            row.Append(Text(Ref(0, rowIndex), $"{n}. {footnote}", styles.Get(Styles.Kind.Paragraph)));
            if (columns > 1)
                merges.Add($"A{rowIndex}:{Letters(columns - 1)}{rowIndex}");
            data.Append(row);
            rowIndex++;
        }

        var cols = new Columns();
        for (var i = 0; i < widths.Length; i++)
            cols.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Round(widths[i], 1), CustomWidth = true });

        var worksheet = new Worksheet();
        worksheet.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        worksheet.Append(new SheetViews(new SheetView(
            new Pane { VerticalSplit = HeaderRows, TopLeftCell = $"A{HeaderRows + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRows + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{HeaderRows + 1}" } })
        { WorkbookViewId = 0 }));
        worksheet.Append(new SheetFormatProperties { DefaultRowHeight = 15 });
        worksheet.Append(cols);
        worksheet.Append(data);
        if (merges.Count > 0)
            worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
        worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        worksheet.Append(new HeaderFooter(
            new OddHeader($"&L{Escape(pack.Context.CommitteeName)}&R{Escape(string.Join(" · ", new[] { pack.Context.Meeting, pack.Context.ReportMonth }.Where(x => !string.IsNullOrEmpty(x))))}"),
            new OddFooter($"&LData as at {Escape(HtmlPackWriter.DataAsAt(pack.Context))}&RPage &P of &N")));
        return (worksheet, Math.Max(HeaderRows, rowIndex - 1), columns - 1);
    }

    // "&" starts a code in Excel's header and footer language.
    private static string Escape(string text) => text.Replace("&", "&&");

    private static bool IsNumeric(CellStyle style) => style is not (CellStyle.Text or CellStyle.Date or CellStyle.Rag);

    private static (Cell Cell, double Width) Cell(string reference, PackCell cell, CellStyle style, string kind, Styles styles)
    {
        var value = cell.Value;
        var rowKind = kind switch { "heading" => Styles.Kind.Heading, "subheading" => Styles.Kind.Subheading, "total" or "grand" => Styles.Kind.Total, _ => Styles.Kind.Body };
        if (style == CellStyle.Rag)
            return (Text(reference, cell.Text, styles.Get(Styles.Kind.Body, rag: cell.Rag ?? Rags.Normalise(cell.Text))), cell.Text.Length);
        switch (value)
        {
            case null or string or bool:
                return (Text(reference, cell.Text, styles.Get(rowKind, wrap: cell.Text.Length > MaxTextWidth)), cell.Text.Length);
            case DateTime d:
                return (Number(reference, d.ToOADate(), styles.Get(rowKind, CellStyle.Date)), 10);
            case DateOnly d:
                return (Number(reference, d.ToDateTime(TimeOnly.MinValue).ToOADate(), styles.Get(rowKind, CellStyle.Date)), 10);
            case DateTimeOffset:
                return (Text(reference, cell.Text, styles.Get(rowKind)), cell.Text.Length);
        }
        if (value is not (decimal or double or float or int or long or short or byte))
            return (Text(reference, cell.Text, styles.Get(rowKind)), cell.Text.Length);
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        // The workbook holds what is printed: £000 as the whole number shown, a percentage as its fraction.
        number = style switch
        {
            CellStyle.PercentPoints => Math.Round(number, 1, MidpointRounding.AwayFromZero) / 100,
            CellStyle.Money => Math.Round(number, 0, MidpointRounding.AwayFromZero),
            _ => number,
        };
        if (style == CellStyle.Text)
            return (Text(reference, cell.Text, styles.Get(rowKind)), cell.Text.Length);
        return (Number(reference, number, styles.Get(rowKind, style)), cell.Text.Length + 1);
    }

    private static Cell Number(string reference, double value, uint style) => new()
    {
        CellReference = reference,
        StyleIndex = style,
        DataType = CellValues.Number,
        CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)),
    };

    private static Cell Text(string reference, string text, uint style) => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = reference,
        StyleIndex = style,
        DataType = CellValues.InlineString,
    };

    private static string Ref(int column, uint row) => Letters(column) + row.ToString(CultureInfo.InvariantCulture);

    private static string Letters(int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["front"] = "Front page", ["summary"] = "Directorate summary", ["committee"] = "Committee summary",
        ["appendix1"] = "Appendix 1", ["appendix2"] = "Appendix 2", ["indicators"] = "Performance indicators",
        ["rag"] = "Indicator RAG counts", ["portfolio-rag"] = "Portfolio RAG counts", ["kad"] = "KAD",
    };

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\, unique. A long title is shortened at a word,
    /// never in the middle of one ("Key activity data — Lac placements" is "KAD Lac placements").</summary>
    public static string SheetName(string key, string title, HashSet<string> used)
    {
        var dash = title.IndexOf('—');
        var name = ShortNames.TryGetValue(key, out var shortName)
            ? key == "kad" && dash > 0 ? shortName + " " + title[(dash + 1)..].Trim() : shortName
            : title;
        var clean = new string(name.Select(ch => "[]:*?/\\'".Contains(ch) ? ' ' : ch).ToArray()).Replace("—", "-").Replace("  ", " ").Trim();
        clean = Shorten(clean, 31);
        var candidate = clean;
        for (var i = 2; !used.Add(candidate); i++)
            candidate = Shorten(clean, 31 - $" ({i})".Length) + $" ({i})";
        return candidate;
    }

    private static string Shorten(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = text[..(max + 1)].LastIndexOf(' ');
        return (cut > 0 ? text[..cut] : text[..max]).TrimEnd(' ', '-', '—', ',');
    }

    /// <summary>The workbook's cell formats, made on demand: one per row kind × number style × RAG fill × wrap.</summary>
    private sealed class Styles
    {
        public enum Kind { Body, Title, Subtitle, Header, Heading, Subheading, Total, Paragraph }

        private readonly Dictionary<(Kind, CellStyle, string?, bool, bool), uint> _index = new();
        private readonly List<CellFormat> _formats = [new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }];

        // Fonts: 0 body, 1 bold, 2 title, 3 italic small, 4 bold italic, 5 bold white (on a dark RAG fill)
        // Fills: 0 none, 1 gray125 (required), 2 header blue, then the RAG fills in Rags.Colours order
        // Borders: 0 none, 1 thin bottom (header), 2 thin top (total rows)
        private static readonly string[] RagOrder = Rags.Colours.Keys.ToArray();

        public uint Get(Kind kind, CellStyle style = CellStyle.Text, string? rag = null, bool wrap = false, bool numeric = false)
        {
            var key = (kind, style, rag, wrap, numeric);
            if (_index.TryGetValue(key, out var found))
                return found;
            var format = new CellFormat { FormatId = 0, NumberFormatId = NumberFormat(style), ApplyNumberFormat = style != CellStyle.Text };
            format.FontId = kind switch
            {
                Kind.Title => 2, Kind.Subtitle => 3, Kind.Header or Kind.Heading or Kind.Total => 1, Kind.Subheading => 4,
                _ when rag is not null && Rags.Colours[rag].Ink == "#FFFFFF" => 5, _ when rag is not null => 1, _ => 0,
            };
            format.ApplyFont = format.FontId != 0;
            format.FillId = kind == Kind.Header ? 2u : rag is not null ? (uint)(3 + Array.IndexOf(RagOrder, rag)) : 0u;
            format.ApplyFill = format.FillId != 0;
            format.BorderId = kind == Kind.Header ? 1u : kind == Kind.Total ? 2u : 0u;
            format.ApplyBorder = format.BorderId != 0;
            if (kind is Kind.Header or Kind.Paragraph || wrap || rag is not null)
            {
                format.Append(new Alignment
                {
                    WrapText = kind != Kind.Title && rag is null,
                    Vertical = kind == Kind.Header ? VerticalAlignmentValues.Bottom : VerticalAlignmentValues.Top,
                    Horizontal = rag is not null ? HorizontalAlignmentValues.Center : numeric ? HorizontalAlignmentValues.Right : null,
                });
                format.ApplyAlignment = true;
            }
            _formats.Add(format);
            return _index[key] = (uint)_formats.Count - 1;
        }

        private static uint NumberFormat(CellStyle style) => style switch
        {
            CellStyle.Money => 164, CellStyle.Percent or CellStyle.PercentPoints => 165, CellStyle.Decimal2 => 166,
            CellStyle.Date => 167, CellStyle.Decimal1 => 168, CellStyle.Whole => 3, _ => 0,
        };

        public Stylesheet Stylesheet()
        {
            var fills = new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid }));
            foreach (var rag in RagOrder)
                fills.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = "FF" + Rags.Colours[rag].Fill.TrimStart('#') }) { PatternType = PatternValues.Solid }));
            fills.Count = (uint)fills.ChildElements.Count;
            return new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0;-#,##0;0" },
                    new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0%;-0.0%;0.0%" },
                    new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0.00;-#,##0.00;0.00" },
                    new NumberingFormat { NumberFormatId = 167, FormatCode = "dd/mm/yyyy" },
                    new NumberingFormat { NumberFormatId = 168, FormatCode = "#,##0.0;-#,##0.0;0.0" })
                { Count = 5 },
                new Fonts(
                    new Font(new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
                    new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
                    new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Arial" }),
                    new Font(new Italic(), new FontSize { Val = 9 }, new FontName { Val = "Arial" }),
                    new Font(new Bold(), new Italic(), new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
                    new Font(new Bold(), new Color { Rgb = "FFFFFFFF" }, new FontSize { Val = 10 }, new FontName { Val = "Arial" }))
                { Count = 6 },
                fills,
                new Borders(
                    new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                    new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FF808080" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()),
                    new Border(new LeftBorder(), new RightBorder(), new TopBorder(new Color { Rgb = "FF000000" }) { Style = BorderStyleValues.Thin }, new BottomBorder(), new DiagonalBorder()))
                { Count = 3 },
                new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
                new CellFormats(_formats.Select(f => (CellFormat)f.CloneNode(true))) { Count = (uint)_formats.Count },
                new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
        }
    }
}
