namespace Warehouse.Etl.Core.Reading;

/// <summary>A column a source expects, with the header texts people type for it.</summary>
public sealed record ColumnSpec(string Key, bool Required, params string[] Synonyms);

/// <summary>Where the header row is, which column holds each expected key, and the unit each header states.</summary>
public sealed class HeaderMap
{
    private readonly Dictionary<string, int> _columns;
    private readonly Dictionary<string, string> _headers;

    internal HeaderMap(SheetRow headerRow, Dictionary<string, int> columns, IReadOnlyList<SheetRow> preamble)
    {
        HeaderRow = headerRow;
        _columns = columns;
        _headers = columns.ToDictionary(kv => kv.Key, kv => headerRow.Text(kv.Value) ?? kv.Key);
        Preamble = preamble;
    }

    public SheetRow HeaderRow { get; }

    /// <summary>Title rows above the header ("Period: May-18", "Values in £000").</summary>
    public IReadOnlyList<SheetRow> Preamble { get; }

    public bool Has(string key) => _columns.ContainsKey(key);

    /// <summary>
    /// In a CSV file, the first non-empty cell to the right of the header's last column: the row has more
    /// cells than the header, which is what an unquoted comma in a name does (every later value shifts one
    /// column right). Null for workbooks, where notes beside the table are common and harmless.
    /// </summary>
    public int? ExtraCell(SheetRow row)
    {
        if (!row.File.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return null;
        for (var i = Width; i < row.Cells.Length; i++)
            if (row.Text(i) is not null)
                return i;
        return null;
    }

    /// <summary>The header's columns up to its last non-empty one: a csv row of no more cells has none beyond it.</summary>
    public int Width
    {
        get
        {
            var width = HeaderRow.Cells.Length;
            while (width > 0 && HeaderRow.Text(width - 1) is null)
                width--;
            return width;
        }
    }

    public const string ExtraCellReason = "is beyond the header's last column: the row has more cells than the header (an unquoted comma in a name?)";

    public int this[string key] => _columns.TryGetValue(key, out var index) ? index : -1;

    /// <summary>The header text as typed, for error messages that name the column.</summary>
    public string HeaderText(string key) => _headers.TryGetValue(key, out var text) ? text : key;

    /// <summary>True when the column's header, or the title rows, say values are in thousands (£000, £'000, £k).</summary>
    public bool InThousands(string key) =>
        Has(key) && (HeaderSaysThousands(HeaderText(key)) || Preamble.Any(r => HeaderSaysThousands(r.FirstText() ?? "")) && !HeaderSaysPounds(HeaderText(key)));

    internal static bool HeaderSaysThousands(string text)
    {
        var t = text.Replace("’", "'").ToLowerInvariant();
        return t.Contains("£000") || t.Contains("£'000") || t.Contains("£k") || t.Contains("(000") || t.Contains("000s")
               || t.Contains("£ 000") || t.Contains("in thousands") || t.Contains("£000's") || t.Contains("£'000s");
    }

    private static bool HeaderSaysPounds(string text) => text.Contains('£') && !HeaderSaysThousands(text);
}

/// <summary>Finds the header row below any title rows by matching expected columns against their synonyms.</summary>
public static class HeaderLocator
{
    public const int MaxTitleRows = 30;

    /// <summary>
    /// Reads rows until one matches every required column; returns the map, or throws naming the file,
    /// the sheet and the columns that were not found. The rows after the header stay in the enumerator.
    /// </summary>
    public static HeaderMap Locate(IEnumerator<SheetRow> rows, IReadOnlyList<ColumnSpec> columns, string file)
    {
        var preamble = new List<SheetRow>();
        HeaderCandidate? best = null;
        string? sheet = null;
        while (preamble.Count < MaxTitleRows && rows.MoveNext())
        {
            var row = rows.Current;
            sheet ??= row.Sheet;
            var found = Match(row, columns);
            if (columns.Where(c => c.Required).All(c => found.ContainsKey(c.Key)))
            {
                RejectRepeatedColumns(row, columns, found, file);
                return new HeaderMap(row, found, preamble);
            }
            if (best is null || found.Count > best.Found.Count)
                best = new HeaderCandidate(row, found);
            preamble.Add(row);
        }
        if (sheet is null)
            throw new SourceFormatException(file, "the file has no rows");
        var missing = columns.Where(c => c.Required && (best is null || !best.Found.ContainsKey(c.Key)))
            .Select(c => $"'{c.Synonyms[0]}'").ToList();
        var closest = best is { Found.Count: > 0 } ? best.Row.RowNumber : (int?)null;
        var where = closest is null ? "" : $" (closest is row {closest})";
        throw new SourceFormatException(file,
            $"no header row found in the first {MaxTitleRows} rows{where}; missing column(s) {string.Join(", ", missing)}", sheet, closest);
    }

    private sealed record HeaderCandidate(SheetRow Row, Dictionary<string, int> Found);

    // A second column headed as one already found (two `Actual` columns) would be ignored without a word, and which
    // of the two holds the figures cannot be told: the file is refused naming both.
    private static void RejectRepeatedColumns(SheetRow row, IReadOnlyList<ColumnSpec> columns, Dictionary<string, int> found, string file)
    {
        var used = found.Values.ToHashSet();
        for (var i = 0; i < row.Cells.Length; i++)
        {
            if (used.Contains(i) || row.Text(i) is not { } text)
                continue;
            var normal = Normalise(text);
            foreach (var column in columns)
            {
                if (found.TryGetValue(column.Key, out var first) && Normalise(row.Text(first) ?? "") == normal
                    && column.Synonyms.Any(s => Normalise(s) == normal))
                    throw new SourceFormatException(file,
                        $"the header has '{row.Text(first)}' twice, in columns {WorkbookReader.ColumnName(row.File, first)} and {WorkbookReader.ColumnName(row.File, i)}; " +
                        "which one holds the data cannot be told: remove or rename one", row.Sheet, row.RowNumber, WorkbookReader.ColumnName(row.File, i));
            }
        }
    }

    // Two passes: headers typed exactly as a synonym (ignoring case) claim their column first, then the
    // rest match after normalising. Otherwise `cost_centre` (the name column) normalises to "cost centre",
    // a synonym of the code column, and a file lacking the code column is reported as lacking the name.
    private static Dictionary<string, int> Match(SheetRow row, IReadOnlyList<ColumnSpec> columns)
    {
        var found = new Dictionary<string, int>();
        var used = new HashSet<int>();
        foreach (var exact in new[] { true, false })
        {
            for (var i = 0; i < row.Cells.Length; i++)
            {
                if (used.Contains(i) || row.Text(i) is not { } text)
                    continue;
                var normal = Normalise(text);
                foreach (var column in columns)
                {
                    if (found.ContainsKey(column.Key))
                        continue;
                    if (column.Synonyms.Any(s => exact ? s.Equals(text, StringComparison.OrdinalIgnoreCase) : Normalise(s) == normal))
                    {
                        found[column.Key] = i;
                        used.Add(i);
                        break;
                    }
                }
            }
        }
        return found;
    }

    /// <summary>Lower case, units and punctuation removed, spaces collapsed: "Budget 2018/19 £'000" → "budget 2018 19".</summary>
    public static string Normalise(string header)
    {
        var t = header.Replace("’", "'").ToLowerInvariant();
        foreach (var unit in new[] { "£'000s", "£'000", "£000's", "£000s", "£000", "£ 000", "(£)", "£k", "£s", "£'s", "£" })
            t = t.Replace(unit, " ");
        var chars = t.Select(c => char.IsLetterOrDigit(c) || c == '%' ? c : ' ').ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
