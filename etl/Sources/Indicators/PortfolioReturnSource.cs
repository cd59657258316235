namespace Warehouse.Etl.Sources.Indicators;

/// <summary>
/// The portfolio return (Appendix 8 of the F&amp;PR): per programme its lead director(s), description or issues
/// and RAG (GREEN / AMBER / RED). The reporting month comes from a "Reporting month:" title row or the file name.
/// </summary>
public sealed class PortfolioReturnSource : ISource
{
    private const string RagMeasure = "rag";

    public string Name => "portfolio-return";
    public string Description => "Portfolio (programme) RAG return per reporting month";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("programme", true, "Programme", "programme/project", "project", "programme / project"),
        new("lead", false, "Lead Director(s)", "lead director", "lead directors", "lead"),
        new("description", false, "Description / Issues", "description", "issues", "description/issues"),
        new("rag", true, "RAG", "rag status", "status"),
    ];

    private sealed record PortfolioRow(int SourceRow, int PeriodKey, int SortOrder, string Programme, string? Lead, string? Description,
        string RagText, string Rag);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var rows = new List<PortfolioRow>();
        FiscalPeriod period;
        using (var reader = WorkbookReader.ReadRows(context.File!.Path).GetEnumerator())
        {
            var header = HeaderLocator.Locate(reader, Columns, context.FileName);
            period = IndicatorReturnReader.ReportingPeriod(header.Preamble, context.FileName);
            var firstRowOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            while (reader.MoveNext())
            {
                var row = reader.Current;
                if (row.IsBlank)
                    continue;
                var before = context.Errors.Count;
                string? Text(string key) => header.Has(key) ? row.Text(header[key]) : null;
                var programme = Text("programme") is { } p ? Cells.CleanText(p) : null;
                if (programme is null)
                    context.Reject(row, header.HeaderText("programme"), null, "is empty; a programme name is required");
                else if (programme.Length > 200)
                    context.Reject(row, header.HeaderText("programme"), programme, "is longer than 200 characters");
                else if (firstRowOf.TryGetValue(programme, out var first))
                    context.Reject(row, header.HeaderText("programme"), programme, $"appears more than once in this return (first at row {first})");
                else
                    firstRowOf[programme] = row.RowNumber;
                var ragText = Text("rag");
                var rag = IndicatorCells.PortfolioRag(ragText, out var ragError);
                if (ragError is not null)
                    context.Reject(row, header.HeaderText("rag"), ragText, ragError);
                var lead = Text("lead") is { } l ? l.Trim() : null;
                if (lead is { Length: > 200 })
                    context.Reject(row, header.HeaderText("lead"), lead, "is longer than 200 characters");
                if (context.Errors.Count != before)
                    continue;
                rows.Add(new PortfolioRow(row.RowNumber, period.Key, rows.Count + 1, programme!, lead,
                    IndicatorCells.StripHtml(Text("description")), IndicatorCells.StripHtml(ragText)!, rag!));
            }
        }
        context.Period = period;
        context.RowsRead = rows.Count;
        if (context.Errors.Any)
            return;
        if (rows.Count == 0)
            throw new SourceFormatException(context.FileName, "the portfolio return has no programme rows");

        await context.StageAsync("stg.portfolio_return", rows,
        [
            StagingColumn<PortfolioRow>.Of("source_row", r => r.SourceRow),
            StagingColumn<PortfolioRow>.Of("period_key", r => r.PeriodKey),
            StagingColumn<PortfolioRow>.Of("sort_order", r => r.SortOrder),
            StagingColumn<PortfolioRow>.Of("programme", r => r.Programme),
            StagingColumn<PortfolioRow>.Of("lead_directors", r => r.Lead),
            StagingColumn<PortfolioRow>.Of("description", r => r.Description),
            StagingColumn<PortfolioRow>.Of("rag_text", r => r.RagText),
            StagingColumn<PortfolioRow>.Of("rag", r => r.Rag),
        ], cancellationToken);
        await context.ExecuteAsync("DELETE FROM dw.fact_portfolio_rag WHERE period_key = @periodKey", new { periodKey = period.Key }, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.fact_portfolio_rag (period_key, sort_order, programme, lead_directors, description, rag, batch_id)
            SELECT period_key, sort_order, programme, lead_directors, description, rag, batch_id
            FROM stg.portfolio_return WHERE batch_id = @batchId
            """, new { batchId = context.BatchId }, cancellationToken);

        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        foreach (var rag in new[] { Rag.Red, Rag.Amber, Rag.Green })
            context.Control.Expect(RagMeasure, rag, rows.Count(r => r.Rag == rag));
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.fact_portfolio_rag WHERE batch_id = @batchId
            UNION ALL
            SELECT '{RagMeasure}', r.rag, CAST(COUNT(f.programme) AS decimal(19,2))
            FROM (SELECT '{Rag.Red}' AS rag UNION ALL SELECT '{Rag.Amber}' UNION ALL SELECT '{Rag.Green}') AS r
            LEFT JOIN dw.fact_portfolio_rag AS f ON f.rag = r.rag AND f.batch_id = @batchId
            GROUP BY r.rag
            """;
    }
}
