using Warehouse.Etl.Sources.Activity;
using Warehouse.Etl.Sources.Indicators;

namespace Warehouse.Etl.Sources.Capital;

/// <summary>
/// Loads a return that reproduces one printed table (docs/formats/capital.md): title rows give the reporting
/// month; each row is a line of the table (a scheme, a source of funding, a service, a memorandum item) or one of
/// its printed subtotals and totals. Figures are kept as printed. A printed total must equal the lines above it
/// (of its service, when it names one) within rounding, leaving out the figures a line's "Excluded From Totals"
/// names; a known defect listed in etl.accepted_source_defect loads as printed with the difference in
/// report.reconciliation; any other difference rejects the return at the total's cell. A later return for the
/// same statement, period, publication and services restates them.
/// </summary>
public sealed class StatementReturnSource(StatementFormat format) : ISource
{
    private const string RowTypeKey = "row_type", LineKey = "line", ServiceKey = "service", GroupKey = "scheme_group",
        ExcludedKey = "excluded", StatusKey = "status", DirectionKey = "direction";

    public string Name => format.Source;
    public string Description => format.Description;
    public StatementFormat Format => format;

    private sealed record Line(int SourceRow, int SortOrder, string RowType, string Text, short? ServiceKey, string? SchemeGroup,
        string? Status, string? Direction, SheetRow Row);

    private sealed record Figure(int SourceRow, string Measure, decimal Value, bool InTotal);

    private sealed record Control(string Measure, string Scope, int TotalRow);

    private IReadOnlyList<ColumnSpec> Columns()
    {
        var columns = new List<ColumnSpec>
        {
            new(RowTypeKey, true, "Row Type", "row type", "type"),
            new(LineKey, true, format.LineSynonyms),
            new(GroupKey, false, "Scheme Group", "group", "category"),
            new(ExcludedKey, false, "Excluded From Totals", "excluded from total", "not in totals"),
        };
        if (!format.LineIsService)
            columns.Add(new(ServiceKey, true, "Service"));
        if (format.HasStatus)
        {
            columns.Add(new(StatusKey, false, "Overall Status", "status", "rag"));
            columns.Add(new(DirectionKey, false, "DoT", "direction of travel", "direction"));
        }
        columns.AddRange(format.Measures.Select(m => new ColumnSpec(m.Key, m.Required, m.Synonyms)));
        return columns;
    }

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var services = (await context.QueryAsync<(short Key, string Code, string Name)>(
                "SELECT service_key, service_code, service_name FROM dw.dim_council_service", cancellationToken: cancellationToken))
            .SelectMany(s => new[] { (Spelling: s.Code, s.Key), (Spelling: s.Name, s.Key) })
            .GroupBy(s => Cells.CleanText(s.Spelling), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.OrdinalIgnoreCase);

        var lines = new List<Line>();
        var figures = new List<Figure>();
        HeaderMap header;
        FiscalPeriod period;
        using (var rows = WorkbookReader.ReadRows(context.File!.Path).GetEnumerator())
        {
            header = HeaderLocator.Locate(rows, Columns(), context.FileName);
            period = IndicatorReturnReader.ReportingPeriod(header.Preamble, context.FileName);
            while (rows.MoveNext())
            {
                if (rows.Current.IsBlank)
                    continue;
                var row = new SourceRow(rows.Current, header, context.Errors);
                var line = ReadLine(row, lines.Count + 1, services, figures);
                if (line is not null && row.IsClean)
                    lines.Add(line);
            }
        }
        context.Period = period;
        context.RowsRead = lines.Count;
        // A line once per table: by its service where lines are services (P&C and People & Communities are one).
        foreach (var duplicate in lines.GroupBy(l => (l.RowType, l.ServiceKey, Key: format.LineIsService && l.ServiceKey is not null ? "" : Cells.NameKey(l.Text))).Where(g => g.Count() > 1))
            context.Reject(duplicate.Last().Row, header.HeaderText(LineKey), duplicate.Last().Text,
                $"appears more than once in this return (first at row {duplicate.First().SourceRow})");
        if (context.Errors.Any)
            return;
        if (lines.Count == 0)
            throw new SourceFormatException(context.FileName, $"the return has no lines of the {format.Statement.Replace('_', ' ')}");
        figures.RemoveAll(f => lines.All(l => l.SourceRow != f.SourceRow));

        var controls = await CheckTotalsAsync(context, header, period, lines, figures, cancellationToken);
        if (context.Errors.Any)
            return;
        await WriteAsync(context, period, lines, figures, controls, cancellationToken);
    }

    private Line? ReadLine(SourceRow row, int sortOrder, IReadOnlyDictionary<string, short> services, List<Figure> figures)
    {
        var typed = row.Required(RowTypeKey);
        var rowType = format.RowTypes.TryGetValue(Cells.CleanText(typed), out var stored) ? stored : null;
        if (rowType is null && typed.Length > 0)
            row.Reject(RowTypeKey, typed, $"is not a row type of this return ({string.Join(", ", format.RowTypes.Keys)})");
        var text = Cells.CleanText(row.Required(LineKey));
        if (text.Length > 200)
            row.Reject(LineKey, text, "is longer than 200 characters");
        var total = rowType is not null && StatementFormat.IsTotal(rowType);

        // The service a line belongs to: its own name when the table's lines are services, else the Service column.
        // A total may name none (the whole table); a detail line must name one the council has.
        var serviceColumn = format.LineIsService ? LineKey : ServiceKey;
        var serviceText = format.LineIsService ? (total ? null : text) : row.Text(ServiceKey) is { } s ? Cells.CleanText(s) : null;
        short? serviceKey = null;
        if (serviceText is { Length: > 0 })
        {
            if (services.TryGetValue(serviceText, out var key))
                serviceKey = key;
            else
                row.Reject(serviceColumn, serviceText, "is not a council service the warehouse knows (dw.dim_council_service: a code such as P&C or a name such as People & Communities)");
        }
        else if (!total && rowType is not null)
            row.Reject(serviceColumn, null, "is empty; a line other than a total must name its service");

        var excluded = Excluded(row);
        var memorandum = rowType == "memorandum";
        foreach (var measure in format.Measures)
        {
            if (!row.Has(measure.Key))
                continue;
            var value = ReadFigure(row, measure);
            if (value is null)
            {
                if (measure.Required && !total && !memorandum && row.IsClean)
                    row.Reject(measure.Key, null, "is empty; a value is required");
                continue;
            }
            figures.Add(new Figure(row.Number, measure.Key, value.Value, !excluded.Contains(measure.Key)));
        }

        string? status = null, direction = null;
        if (format.HasStatus)
        {
            status = Status(row);
            var arrow = row.Text(DirectionKey);
            direction = IndicatorCells.Arrow(arrow, out var arrowError);
            if (arrowError is not null)
                row.Reject(DirectionKey, arrow, arrowError);
        }
        var group = row.Has(GroupKey) && row.Text(GroupKey) is { } g ? Cells.CleanText(g) : null;
        if (group is { Length: > 200 })
            row.Reject(GroupKey, group, "is longer than 200 characters");
        return rowType is null ? null : new Line(row.Number, sortOrder, rowType, text, serviceKey, group, status, direction, row.Row);
    }

    /// <summary>A printed figure, or null when the cell prints none (blank, TBC, n/a; a dash is zero for money).</summary>
    private static decimal? ReadFigure(SourceRow row, StatementMeasure measure)
    {
        var text = row.Text(measure.Key);
        if (text is not null && IsNotYetKnown(text))
            return null;
        if (measure.Kind == FigureKind.Money)
            return row.Money(measure.Key, required: false);
        // A percentage: "0.5%" as typed, or a number as Excel stores a cell formatted as % (0.005); "-" prints none.
        if (row.Cell(measure.Key) is string typed)
        {
            var t = typed.Trim();
            var percentSign = t.EndsWith('%');
            var parsed = Cells.Decimal(percentSign ? t.TrimEnd('%').Trim() : t);
            if (!parsed.Ok)
                row.Reject(measure.Key, typed, "is not a percentage such as 1.4%");
            return parsed.Value is null ? null : percentSign ? parsed.Value : parsed.Value * 100;
        }
        var number = row.Decimal(measure.Key, required: false);
        return number is null ? null : decimal.Round(number.Value * 100, 2);
    }

    private static bool IsNotYetKnown(string text) =>
        text.Trim().ToUpperInvariant() is "TBC" or "TBA" or "N/A" or "NA" or "N.A.";

    /// <summary>The measures a line's "Excluded From Totals" cell names, by measure name or column header.</summary>
    private HashSet<string> Excluded(SourceRow row)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        if (!row.Has(ExcludedKey) || row.Text(ExcludedKey) is not { } text)
            return excluded;
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normal = HeaderLocator.Normalise(part);
            var measure = format.Measures.FirstOrDefault(m => HeaderLocator.Normalise(m.Key.Replace('_', ' ')) == normal
                                                              || m.Synonyms.Any(s => HeaderLocator.Normalise(s) == normal));
            if (measure is null || !measure.Totalled)
                row.Reject(ExcludedKey, part, $"is not an amount column of this return ({string.Join(", ", format.Measures.Where(m => m.Totalled).Select(m => m.Synonyms[0]))})");
            else
                excluded.Add(measure.Key);
        }
        return excluded;
    }

    private static string? Status(SourceRow row)
    {
        var text = row.Text(StatusKey);
        if (text is null)
            return null;
        var word = text.Trim().ToLowerInvariant() switch
        {
            "red" or "r" => Rag.Red,
            "amber" or "a" => Rag.Amber,
            "green" or "g" => Rag.Green,
            _ => null,
        };
        if (word is null)
            row.Reject(StatusKey, text, "is not a status (Red, Amber or Green)");
        return word;
    }

    /// <summary>
    /// Each printed total against the lines it totals. Returns the control totals' members; a difference beyond
    /// rounding that is not an accepted defect is rejected at the total's cell.
    /// </summary>
    private async Task<List<Control>> CheckTotalsAsync(LoadContext context, HeaderMap header, FiscalPeriod period, List<Line> lines,
        List<Figure> figures, CancellationToken cancellationToken)
    {
        var accepted = (await context.QueryAsync<(string Area, string Code, string Measure, decimal Printed, string Note)>("""
            SELECT service_area, code, measure, printed_value, note FROM etl.accepted_source_defect
            WHERE source = @source AND fiscal_year_start = @fy AND period = @period
            """, new { source = context.Source, fy = (short)period.FiscalYearStart, period = (short)period.Period }, cancellationToken)).ToList();
        var byRow = figures.ToLookup(f => f.SourceRow);
        var controls = new List<Control>();
        foreach (var total in lines.Where(l => StatementFormat.IsTotal(l.RowType)))
        {
            var members = lines.Where(l => l.SourceRow < total.SourceRow && !StatementFormat.IsTotal(l.RowType)
                                           && (total.ServiceKey is null || l.ServiceKey == total.ServiceKey)).ToList();
            foreach (var printed in byRow[total.SourceRow])
            {
                var measure = format.Measures.First(m => m.Key == printed.Measure);
                if (!measure.Totalled)
                    continue;
                var counted = members.SelectMany(m => byRow[m.SourceRow]).Where(f => f.Measure == measure.Key && f.InTotal).ToList();
                var sum = counted.Sum(f => f.Value);
                var unit = header.InThousands(measure.Key) ? 1000m : 1m;
                var tolerance = ActivityControls.Rounding(counted.Count, unit);
                var difference = printed.Value - sum;
                var scope = Truncate($"{total.Text} (row {total.SourceRow})");
                if (Math.Abs(difference) > tolerance)
                {
                    var note = accepted.Where(a => a.Code.Equals(total.Text, StringComparison.OrdinalIgnoreCase) && a.Measure == measure.Key
                                                   && a.Printed == printed.Value)
                        .Select(a => a.Note).FirstOrDefault();
                    if (note is null)
                    {
                        context.Reject(total.Row, header.HeaderText(measure.Key), ActivityControls.Thousands(printed.Value),
                            $"the {total.Text} does not add up: the lines above it sum to {ActivityControls.Thousands(sum)}, a difference of {ActivityControls.Thousands(difference)} (rounding allows {ActivityControls.Thousands(tolerance)})");
                        continue;
                    }
                    scope = Truncate($"{total.Text} (row {total.SourceRow}; accepted source defect: {note})");
                    tolerance = Math.Abs(difference);
                }
                context.Control.Expect(measure.Key, scope, printed.Value, tolerance);
                controls.Add(new Control(measure.Key, scope, total.SourceRow));
            }
        }
        context.Control.Expect(ControlMeasures.Rows, "", lines.Count);
        return controls;
    }

    private async Task WriteAsync(LoadContext context, FiscalPeriod period, List<Line> lines, List<Figure> figures, List<Control> controls,
        CancellationToken cancellationToken)
    {
        await context.StageAsync("stg.statement_line", lines,
        [
            StagingColumn<Line>.Of("source_row", l => l.SourceRow),
            StagingColumn<Line>.Of("statement", _ => format.Statement),
            StagingColumn<Line>.Of("period_key", _ => period.Key),
            StagingColumn<Line>.Of("publication_key", _ => format.PublicationKey),
            StagingColumn<Line>.Of("service_key", l => l.ServiceKey),
            StagingColumn<Line>.Of("row_type", l => l.RowType),
            StagingColumn<Line>.Of("line", l => l.Text),
            StagingColumn<Line>.Of("scheme_group", l => l.SchemeGroup),
            StagingColumn<Line>.Of("sort_order", l => l.SortOrder),
            StagingColumn<Line>.Of("status", l => l.Status),
            StagingColumn<Line>.Of("direction", l => l.Direction),
        ], cancellationToken);
        await context.StageAsync("stg.statement_figure", figures,
        [
            StagingColumn<Figure>.Of("source_row", f => f.SourceRow),
            StagingColumn<Figure>.Of("measure", f => f.Measure),
            StagingColumn<Figure>.Of("value", f => f.Value),
            StagingColumn<Figure>.Of("in_total", f => (short)(f.InTotal ? 1 : 0)),
        ], cancellationToken);
        await context.StageAsync("stg.statement_control", controls,
        [
            StagingColumn<Control>.Of("measure", c => c.Measure),
            StagingColumn<Control>.Of("scope", c => c.Scope),
            StagingColumn<Control>.Of("total_row", c => c.TotalRow),
        ], cancellationToken);

        // Restatement: this return replaces the statement's lines of its period and publication for the services it
        // names (and the whole-table totals, when it prints them), so one directorate's return leaves another's alone.
        var slice = new { batchId = context.BatchId, statement = format.Statement, periodKey = period.Key, publicationKey = format.PublicationKey };
        const string Replaced = """
            SELECT l.line_id FROM dw.fact_statement_line AS l
            WHERE l.statement = @statement AND l.period_key = @periodKey AND l.publication_key = @publicationKey
              AND (l.service_key IN (SELECT s.service_key FROM stg.statement_line AS s WHERE s.batch_id = @batchId)
                   OR (l.service_key IS NULL AND EXISTS (SELECT 1 FROM stg.statement_line AS s WHERE s.batch_id = @batchId AND s.service_key IS NULL)))
            """;
        await context.ExecuteAsync($"DELETE FROM dw.fact_statement_figure WHERE line_id IN ({Replaced})", slice, cancellationToken);
        await context.ExecuteAsync($"DELETE FROM dw.fact_statement_line WHERE line_id IN ({Replaced})", slice, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.fact_statement_line (statement, period_key, publication_key, service_key, row_type, line, scheme_group,
                                                sort_order, source_row, status, direction, batch_id)
            SELECT statement, period_key, publication_key, service_key, row_type, line, scheme_group,
                   sort_order, source_row, status, direction, batch_id
            FROM stg.statement_line WHERE batch_id = @batchId
            """, slice, cancellationToken);
        await context.ExecuteAsync("""
            INSERT INTO dw.fact_statement_figure (line_id, measure, value, in_total, batch_id)
            SELECT l.line_id, f.measure, f.value, f.in_total, f.batch_id
            FROM stg.statement_figure AS f
            JOIN dw.fact_statement_line AS l ON l.batch_id = f.batch_id AND l.source_row = f.source_row
            WHERE f.batch_id = @batchId
            """, slice, cancellationToken);

        context.Control.LandedQuery = $"""
            SELECT c.measure AS measure, c.scope AS scope, CAST(COALESCE(SUM(f.value), 0) AS decimal(19,2)) AS value
            FROM stg.statement_control AS c
            JOIN dw.fact_statement_line AS t ON t.batch_id = c.batch_id AND t.source_row = c.total_row
            LEFT JOIN dw.fact_statement_line AS d ON d.batch_id = t.batch_id AND d.source_row < t.source_row
                 AND d.row_type NOT IN ('{StatementFormat.Subtotal}', '{StatementFormat.Total}')
                 AND (t.service_key IS NULL OR d.service_key = t.service_key)
            LEFT JOIN dw.fact_statement_figure AS f ON f.line_id = d.line_id AND f.measure = c.measure AND f.in_total = 1
            WHERE c.batch_id = @batchId
            GROUP BY c.measure, c.scope
            UNION ALL
            SELECT '{ControlMeasures.Rows}', '', CAST(COUNT(*) AS decimal(19,2)) FROM dw.fact_statement_line WHERE batch_id = @batchId
            """;
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
