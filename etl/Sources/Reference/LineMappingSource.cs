namespace Warehouse.Etl.Sources.Reference;

/// <summary>
/// Renamed, moved, merged and split budget lines across restructures (e.g. CFA 2017/18 → P&amp;C 2018/19),
/// so a line's figures can be followed across years. Codes must already be in the organisation reference.
/// </summary>
public sealed class LineMappingSource : ISource
{
    public string Name => "line-mapping";
    public string Description => "Budget line mapping across restructures (renamed, moved, merged, split)";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("effective_from", true, "effective_from", "effective from", "financial year"),
        new("from", true, "from_budget_line_code", "from budget line code", "from code", "old code"),
        new("to", true, "to_budget_line_code", "to budget line code", "to code", "new code"),
        new("change", true, "change", "change type"),
        new("note", false, "note", "notes", "comment"),
    ];

    private static readonly string[] Changes = ["renamed", "moved", "merged", "split"];

    private sealed record MappingRow(int SourceRow, int FiscalYear, string From, string To, string Change, string? Note);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        // A code matches the reference's without letter case and is loaded as the reference spells it.
        var known = new CodeSpellings(await context.QueryAsync<string>(
            "SELECT DISTINCT budget_line_code FROM dw.dim_organisation WHERE organisation_key > 0", cancellationToken: cancellationToken));
        var noteStated = true;
        var rows = SourceRows.Read<MappingRow>(context.File!.Path, context.Errors, Columns, row =>
        {
            noteStated = row.Has("note");
            var year = Cells.FiscalYear(row.Text("effective_from") ?? "");
            if (year is null)
                row.Reject("effective_from", row.Text("effective_from"), "is not a financial year such as 2018/19");
            string? Code(string key)
            {
                var code = row.Text(key);
                if (code is null)
                    row.Reject(key, null, "is empty; a budget line code is required");
                else if (!known.Known(code))
                    row.Reject(key, code, "is not a budget line of the organisation reference (load that first)");
                else
                    return row.Settle(known, key, code);
                return null;
            }
            var from = Code("from");
            var to = Code("to");
            var change = row.Text("change")?.ToLowerInvariant();
            if (change is null || !Changes.Contains(change))
                row.Reject("change", change, "must be renamed, moved, merged or split");
            return row.IsClean ? new MappingRow(row.Number, year!.Value, from!, to!, change!, row.Text("note")) : null;
        }, rejectWiderRows: true).ToList();
        foreach (var duplicate in rows.GroupBy(r => (r.FiscalYear, r.From, r.To)).Where(g => g.Count() > 1))
            context.Reject(null, duplicate.Last().SourceRow, "from_budget_line_code", duplicate.Key.From,
                $"the mapping {duplicate.Key.From} → {duplicate.Key.To} is given twice for {FiscalPeriod.FiscalYearLabel(duplicate.Key.FiscalYear)}");
        context.RowsRead = rows.Count;
        if (context.Errors.Any)
            return;

        await context.StageAsync("stg.line_mapping", rows,
        [
            StagingColumn<MappingRow>.Of("source_row", r => r.SourceRow),
            StagingColumn<MappingRow>.Of("effective_fiscal_year", r => (short)r.FiscalYear),
            StagingColumn<MappingRow>.Of("from_budget_line_code", r => r.From),
            StagingColumn<MappingRow>.Of("to_budget_line_code", r => r.To),
            StagingColumn<MappingRow>.Of("change_type", r => r.Change),
            StagingColumn<MappingRow>.Of("note", r => r.Note),
        ], cancellationToken);
        // A file without the optional note column keeps each mapping's stored note: staged as it will stand.
        if (!noteStated)
            await context.ExecuteAsync("""
                UPDATE stg.line_mapping SET note = (
                    SELECT m.note FROM dw.budget_line_mapping AS m
                    WHERE m.effective_fiscal_year = stg.line_mapping.effective_fiscal_year
                      AND m.from_budget_line_code = stg.line_mapping.from_budget_line_code
                      AND m.to_budget_line_code = stg.line_mapping.to_budget_line_code)
                WHERE batch_id = @batchId
                """, new { batchId = context.BatchId }, cancellationToken);
        // The file states the mappings for the years it covers: replace those years' mappings.
        await context.ExecuteAsync("""
            DELETE FROM dw.budget_line_mapping
            WHERE effective_fiscal_year IN (SELECT DISTINCT effective_fiscal_year FROM stg.line_mapping WHERE batch_id = @batchId)
            """, new { batchId = context.BatchId }, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.budget_line_mapping (effective_fiscal_year, from_budget_line_code, to_budget_line_code, change_type, note, batch_id)
            SELECT effective_fiscal_year, from_budget_line_code, to_budget_line_code, change_type, note, batch_id
            FROM stg.line_mapping WHERE batch_id = @batchId
            """, new { batchId = context.BatchId }, cancellationToken);
        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        context.Control.LandedQuery =
            $"SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.budget_line_mapping WHERE batch_id = @batchId";
    }
}
