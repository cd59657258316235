namespace Warehouse.Etl.Sources.Finance;

/// <summary>One budget line of a forecast return, in pounds, with the directorate total row that closes its block.</summary>
public sealed record ForecastLine(int SourceRow, string? Code, string Name, decimal? Variance, decimal? Outturn, string? CommentaryRef)
{
    /// <summary>The line's Appendix 2 commentary as typed (several paragraphs kept), or null.</summary>
    public string? Commentary { get; init; }

    public string? Block { get; set; }
}

/// <summary>A total row of the return (a directorate total or the grand total): a control total, never data.</summary>
public sealed record ForecastTotal(SheetRow Row, string Label, decimal Value, IReadOnlyList<ForecastLine> Lines, bool IsGrand);

/// <summary>
/// Reads a monthly forecast return (xlsx; docs/formats/finance.md §5): title rows with the period, a header,
/// then per directorate a heading row, its lines and a "… Total" row, and a final "Total". Returns are a few
/// hundred rows at most, so the lines are held to check each total against them.
/// </summary>
public sealed class ForecastReader(string path, RowErrors errors)
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("code", false, "Budget Line Code", "budget_line_code", "line code", "code", "policy line code"),
        new("service", true, "Service", "Budget Line", "Line", "Service Line", "Policy Line", "Service Area"),
        new("variance", false, "Forecast Outturn Variance", "Forecast Variance", "Forecast Variance Outturn", "Outturn Variance",
            "Variance", "Forecast Outturn Variance (May)"),
        new("outturn", false, "Forecast Outturn", "Outturn", "Forecast Year End Outturn", "Projected Outturn"),
        new("ref", false, "Commentary Ref", "Commentary Reference", "Commentary", "Ref", "Note", "Notes Ref"),
        // Not "Commentary" alone: older returns use that header for the reference number.
        new("commentary", false, "Commentary Text", "Commentary Narrative", "Narrative", "Explanation"),
    ];

    // What the warehouse stores of a line (stg.forecast_line): longer text is refused at its cell, not by the database.
    private const int MaxName = 200, MaxReference = 20;

    /// <summary>
    /// £000 figures are whole pounds at most (docs/formats/finance.md §1): whole £000 as printed, or three decimals
    /// where a return is rebuilt from pounds. A fourth decimal is a fraction of a pound, which no return holds (a
    /// formula left unrounded, 147.5961): refused at its cell, never rounded away.
    /// </summary>
    public static readonly NumberRules Thousands = new("the forecast return format")
    {
        MaxDecimals = 3, DecimalsMeaning = "£000 to the pound at most", Example = "739 or 147.596",
    };

    public FiscalPeriod? Period { get; private set; }

    /// <summary>The sheet and the headers as the file spells them, so every rejection names what the person sees.</summary>
    public string Sheet { get; private set; } = "";
    public string CodeHeader { get; private set; } = "Budget Line Code";
    public string NameHeader { get; private set; } = "Service";
    public bool GivesOutturn { get; private set; }
    public List<ForecastLine> Lines { get; } = [];
    public List<ForecastTotal> Totals { get; } = [];

    public void Read()
    {
        using var rows = WorkbookReader.ReadRows(path).GetEnumerator();
        var header = HeaderLocator.Locate(rows, Columns, errors.File);
        if (!header.Has("variance") && !header.Has("outturn"))
            throw new SourceFormatException(errors.File,
                $"sheet {header.HeaderRow.Sheet} row {header.HeaderRow.RowNumber}: no 'Forecast Outturn Variance' or 'Forecast Outturn' column");
        GivesOutturn = !header.Has("variance");
        Sheet = header.HeaderRow.Sheet;
        NameHeader = header.HeaderText("service");
        if (header.Has("code"))
            CodeHeader = header.HeaderText("code");
        var valueKey = GivesOutturn ? "outturn" : "variance";
        var valueHeader = header.HeaderText(valueKey);
        // Returns are in £000 by convention; only a header that says plain £ makes them pounds.
        var inThousands = header.InThousands(valueKey) || !valueHeader.Contains('£');
        var rules = inThousands ? Thousands : NumberRules.Lenient;

        Period = PeriodFromTitle(header);
        if (Period is null)
            errors.Reject(header.HeaderRow.Sheet, 1, null, null, "the title rows do not say the period (e.g. 'Period: May-18' or 'Period: Closedown 2018/19')");

        var block = new List<ForecastLine>();
        var errorsBeforeLines = errors.Count;
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.IsBlank)
                continue;
            // A shifted row's other cells would only give confusing errors: the shift is the one to report.
            if (errors.RejectIfWiderThanHeader(row, header))
                continue;
            var code = header.Has("code") ? row.Text(header["code"]) : null;
            var name = row.Text(header["service"]);
            var valueCell = row[header[valueKey]];
            var label = name ?? code ?? row.FirstText() ?? "";
            // Headings and totals are a single label, typed in either the code or the name column.
            var labelOnly = code is null || name is null;
            if (labelOnly && label.EndsWith("Total", StringComparison.OrdinalIgnoreCase))
            {
                var total = Cells.Money(valueCell, inThousands, rules);
                if (!total.Ok || total.Value is null)
                {
                    errors.Reject(row, valueHeader, valueCell, total.Error ?? "is empty; a total row must give its total");
                    continue;
                }
                if (label.Length > MaxName)
                {
                    errors.Reject(row, NameHeader, label, $"is longer than the {MaxName} characters a total's label may have");
                    continue;
                }
                var isGrand = IsGrandTotal(label);
                var covered = isGrand ? Lines.ToList() : block.ToList();
                if (!isGrand)
                    foreach (var member in block)
                        member.Block = label;
                Totals.Add(new ForecastTotal(row, label, total.Value.Value, covered, isGrand));
                block.Clear();
                continue;
            }
            if (labelOnly && label.Length > 0 && valueCell is null)
                continue; // a directorate heading: its lines follow
            if (name is null && code is null)
            {
                errors.Reject(row, header.HeaderText("service"), row.FirstText(), "has no budget line code or name");
                continue;
            }
            var value = Cells.Money(valueCell, inThousands, rules);
            if (!value.Ok)
            {
                errors.Reject(row, valueHeader, valueCell, value.Error!);
                continue;
            }
            var (cleanName, footnote) = Cells.SplitFootnote(name ?? code!);
            var reference = header.Has("ref") ? row.Text(header["ref"]) : null;
            if (cleanName.Length > MaxName)
                errors.Reject(row, name is null ? CodeHeader : NameHeader, cleanName, $"is longer than the {MaxName} characters a budget line name may have");
            if ((reference ?? footnote) is { Length: > MaxReference } longReference)
                errors.Reject(row, reference is null ? NameHeader : header.HeaderText("ref"), longReference,
                    $"is longer than the {MaxReference} characters a commentary reference may have (is the commentary text in the reference column?)");
            if (cleanName.Length > MaxName || (reference ?? footnote) is { Length: > MaxReference })
                continue;
            // A blank forecast on a line means no variance reported (printed as "-").
            var amount = value.Value ?? 0m;
            var line = new ForecastLine(row.RowNumber, code, cleanName, GivesOutturn ? null : amount, GivesOutturn ? amount : null,
                reference ?? footnote) { Commentary = header.Has("commentary") ? Commentary(row[header["commentary"]]) : null };
            Lines.Add(line);
            block.Add(line);
        }
        // Lines that were all refused are not "no lines": their own rejections say what is wrong.
        if (Lines.Count == 0 && errors.Count == errorsBeforeLines)
            errors.Reject(header.HeaderRow.Sheet, header.HeaderRow.RowNumber, null, null, "the return has a header but no budget lines");
    }

    // Whole: line breaks and inner spacing as typed; only the ends are trimmed.
    private static string? Commentary(object? cell) =>
        cell is string text && !string.IsNullOrWhiteSpace(text) ? text.Replace("\r\n", "\n").Trim() : null;

    private static bool IsGrandTotal(string label)
    {
        var key = Cells.NameKey(label);
        return key is "total" or "net total" or "grand total";
    }

    private static FiscalPeriod? PeriodFromTitle(HeaderMap header)
    {
        foreach (var row in header.Preamble)
        {
            foreach (var text in row.Cells.Select((_, i) => row.Text(i)).Where(t => t is not null))
            {
                var t = text!;
                var colon = t.IndexOf(':');
                if (t.StartsWith("Period", StringComparison.OrdinalIgnoreCase) && colon > 0)
                {
                    if (Cells.Period(t[(colon + 1)..].Trim()) is { } stated)
                        return stated;
                }
            }
        }
        foreach (var row in header.Preamble)
            foreach (var cell in row.Cells)
                if (cell is not null && Cells.Period(cell) is { } found)
                    return found;
        return null;
    }
}
