using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Warehouse.Etl.Publish;

/// <summary>
/// The pack as a workbook: a contents sheet, then one sheet per table in council number style (£000 with thousands
/// separators and a minus sign, percentages to 1 dp), header rows frozen and repeated on print, landscape fit to width.
/// </summary>
public static class XlsxPackWriter
{
    private const int HeaderRows = 3;

    // cellXfs indexes (see Stylesheet below)
    private const uint TitleStyle = 1, HeaderStyle = 2, MoneyStyle = 3, PercentStyle = 4, Decimal2Style = 5, WholeStyle = 6,
        DateStyle = 7, TextStyle = 8, SubtitleStyle = 9, PercentPointsStyle = 10;

    // RAG cells: one cellXfs entry per RAG colour from FirstRagStyle, in RagFills.Colours order (fills from 3, fonts from 4).
    private const uint FirstRagStyle = 11;
    private static readonly List<string> RagOrder = RagFills.Colours.Keys.ToList();

    public static void Write(ReportPack pack, string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var definedNames = new DefinedNames();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var contents = new List<object?[]>();
        foreach (var table in pack.Tables)
            contents.Add([table.Title, table.View, (long)table.Rows.Count, table.Note]);
        foreach (var note in pack.Notes)
            contents.Add([note, null, null, null]);
        var contentsTable = new PackTable("contents", "Contents", "",
            [new("table", "Table", CellStyle.Text), new("view", "From", CellStyle.Text), new("rows", "Rows", CellStyle.Whole), new("note", "Note", CellStyle.Text)],
            contents, null);

        uint sheetId = 1;
        foreach (var table in new[] { contentsTable }.Concat(pack.Tables))
        {
            var name = SheetName(table.Title, used);
            var part = workbookPart.AddNewPart<WorksheetPart>();
            part.Worksheet = Worksheet(pack, table);
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId, Name = name });
            definedNames.Append(new DefinedName($"'{name.Replace("'", "''")}'!$1:${HeaderRows}")
                { Name = "_xlnm.Print_Titles", LocalSheetId = sheetId - 1 });
            sheetId++;
        }
        workbookPart.Workbook.Append(definedNames);
        workbookPart.Workbook.Save();
    }

    private static Worksheet Worksheet(ReportPack pack, PackTable table)
    {
        var widths = table.Columns.Select(c => Math.Max(c.Header.Length + 2, 8.0)).ToArray();
        var data = new SheetData();
        data.Append(new Row(InlineText("A1", table.Key == "contents" ? pack.Title : table.Title, TitleStyle)) { RowIndex = 1 });
        var subtitle = table.Key == "contents"
            ? $"Period {pack.Period.Label} ({pack.Period.FiscalYear} period {pack.Period.Period}); committee: {pack.Committee}. Amounts in £000 unless stated."
            : $"{pack.Period.Label} · {pack.Committee} · from {table.View}{(table.Note is null ? "" : " · " + table.Note)}";
        data.Append(new Row(InlineText("A2", subtitle, SubtitleStyle)) { RowIndex = 2 });
        var header = new Row { RowIndex = HeaderRows };
        for (var i = 0; i < table.Columns.Count; i++)
            header.Append(InlineText(Ref(i, HeaderRows), table.Columns[i].Header, HeaderStyle));
        data.Append(header);

        uint rowIndex = HeaderRows + 1;
        foreach (var values in table.Rows)
        {
            var row = new Row { RowIndex = rowIndex };
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var value = values[i];
                if (value is null)
                    continue;
                var (cell, width) = Cell(Ref(i, rowIndex), table.Columns[i].Style, value);
                row.Append(cell);
                widths[i] = Math.Max(widths[i], Math.Min(width + 2, 60));
            }
            data.Append(row);
            rowIndex++;
        }

        var columns = new Columns();
        for (var i = 0; i < widths.Length; i++)
            columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });

        var worksheet = new Worksheet();
        worksheet.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        worksheet.Append(new SheetViews(new SheetView(
            new Pane { VerticalSplit = HeaderRows, TopLeftCell = $"A{HeaderRows + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRows + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{HeaderRows + 1}" } })
        { WorkbookViewId = 0 }));
        worksheet.Append(new SheetFormatProperties { DefaultRowHeight = 15 });
        if (widths.Length > 0)
            worksheet.Append(columns);
        worksheet.Append(data);
        worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        return worksheet;
    }

    private static (Cell Cell, double Width) Cell(string reference, CellStyle style, object value)
    {
        switch (value)
        {
            case string s when style == CellStyle.Rag && RagFills.Word(s) is { } rag:
                return (InlineText(reference, s, FirstRagStyle + (uint)RagOrder.IndexOf(rag)), s.Length);
            case string s:
                return (InlineText(reference, s, TextStyle), s.Length);
            case bool b:
                return (InlineText(reference, b ? "Yes" : "No", TextStyle), 3);
            case DateTime d:
                return (Number(reference, d.ToOADate(), DateStyle), 10);
            case DateOnly d:
                return (Number(reference, d.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle), 10);
            case DateTimeOffset d:
                return (InlineText(reference, d.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TextStyle), 16);
        }
        if (value is decimal or double or float or int or long or short or byte)
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            var (styleIndex, shown) = style switch
            {
                CellStyle.Money => (MoneyStyle, number.ToString("#,##0", CultureInfo.InvariantCulture)),
                CellStyle.Percent => (PercentStyle, "100.0%"),
                CellStyle.PercentPoints => (PercentPointsStyle, "100.0%"),
                CellStyle.Decimal2 => (Decimal2Style, number.ToString("#,##0.00", CultureInfo.InvariantCulture)),
                CellStyle.Text => (TextStyle, number.ToString(CultureInfo.InvariantCulture)),
                _ => (WholeStyle, number.ToString("#,##0", CultureInfo.InvariantCulture)),
            };
            return (Number(reference, number, styleIndex), shown.Length + 1);
        }
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return (InlineText(reference, text, TextStyle), text.Length);
    }

    private static Cell Number(string reference, double value, uint style) => new()
    {
        CellReference = reference,
        StyleIndex = style,
        DataType = CellValues.Number,
        CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)),
    };

    private static Cell InlineText(string reference, string text, uint style) => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = reference,
        StyleIndex = style,
        DataType = CellValues.InlineString,
    };

    private static string Ref(int column, uint row)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\, unique.</summary>
    private static string SheetName(string title, HashSet<string> used)
    {
        var clean = new string(title.Select(ch => "[]:*?/\\".Contains(ch) ? ' ' : ch).ToArray()).Replace("—", "-").Trim();
        if (clean.Length > 31)
            clean = clean[..31].TrimEnd();
        var name = clean;
        for (var i = 2; !used.Add(name); i++)
            name = (clean.Length > 27 ? clean[..27] : clean) + $" ({i})";
        return name;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0;-#,##0;0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0%;-0.0%;0.0%" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0.00;-#,##0.00;0.00" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 168, FormatCode = "0.0\"%\";-0.0\"%\";0.0\"%\"" })
        { Count = 5 },
        new Fonts((OpenXmlElement[])[
            new Font(new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Arial" }),
            new Font(new Italic(), new FontSize { Val = 9 }, new FontName { Val = "Arial" }),
            .. RagOrder.Select(r => new Font(new Bold(), new FontSize { Val = 10 }, new Color { Rgb = "FF" + RagFills.Colours[r].Text }, new FontName { Val = "Arial" }))])
        { Count = (uint)(4 + RagOrder.Count) },
        new Fills((OpenXmlElement[])[
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid }),
            .. RagOrder.Select(r => new Fill(new PatternFill(new ForegroundColor { Rgb = "FF" + RagFills.Colours[r].Fill }) { PatternType = PatternValues.Solid }))])
        { Count = (uint)(3 + RagOrder.Count) },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FF808080" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats((OpenXmlElement[])[
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Bottom })
                { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 3, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 167, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 3, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 168, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            .. RagOrder.Select((_, i) => new CellFormat { NumberFormatId = 49, FontId = (uint)(4 + i), FillId = (uint)(3 + i), BorderId = 0, FormatId = 0,
                ApplyNumberFormat = true, ApplyFont = true, ApplyFill = true })])
        { Count = (uint)(11 + RagOrder.Count) },
        new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
