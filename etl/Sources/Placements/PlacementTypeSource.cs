namespace Warehouse.Etl.Sources.Placements;

/// <summary>
/// The LAC placement types: their block (external, in-house, permanence), weeks funded (52, or 56 for the
/// in-house fostering and kinship basic payments) and whether their counts add into the block total.
/// </summary>
public sealed class PlacementTypeSource : ISource
{
    private const string TypesMeasure = "types";

    public string Name => "lac-placement-types";
    public string Description => "Looked-after children placement types (block, weeks funded, counts in block total)";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("code", true, "placement_type_code", "placement type code", "code"),
        new("name", true, "placement_type", "placement type", "service type"),
        new("block", true, "block"),
        new("weeks", true, "weeks_funded", "weeks funded", "no of weeks funded"),
        new("counts", true, "counts_in_block_total", "counts in block total"),
        new("sort", true, "sort_order", "sort order"),
        new("group", false, "external_client_group", "external client group", "client group"),
    ];

    private static readonly string[] Blocks = ["external", "in_house", "permanence"];

    internal sealed record TypeRow(int SourceRow, string Code, string Name, string Block, short Weeks, bool Counts, int Sort, string? Group);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        // A type the reference holds keeps its spelling, so the update below finds its row on either engine.
        var codes = new CodeSpellings(await context.QueryAsync<string>(
            "SELECT placement_type_code FROM dw.dim_placement_type", cancellationToken: cancellationToken));
        var groupStated = true;
        var rows = SourceRows.Read<TypeRow>(context.File!.Path, context.Errors, Columns, row =>
        {
            groupStated = row.Has("group");
            var code = row.Text("code");
            if (code is null)
                row.Reject("code", null, "is empty; a placement type code is required");
            else
                code = row.Settle(codes, "code", code);
            var name = row.Required("name", "is empty; the printed name is required");
            var block = row.Text("block")?.ToLowerInvariant();
            if (block is null || !Blocks.Contains(block))
                row.Reject("block", block, "must be external, in_house or permanence");
            var weeks = Cells.WholeNumber(row.Cell("weeks"));
            if (weeks.Value is not (52 or 56))
                row.Reject("weeks", row.Text("weeks"), "must be 52 or 56 weeks funded");
            var counts = row.Text("counts")?.ToUpperInvariant();
            if (counts is not ("Y" or "N"))
                row.Reject("counts", counts, "must be Y or N");
            var sort = Cells.WholeNumber(row.Cell("sort"));
            if (sort.Value is null)
                row.Reject("sort", row.Text("sort"), "must be a whole number");
            return row.IsClean
                ? new TypeRow(row.Number, code!, Cells.CleanText(name), block!, (short)weeks.Value!.Value, counts == "Y", sort.Value!.Value, row.Text("group"))
                : null;
        }).ToList();
        foreach (var duplicate in rows.GroupBy(r => r.Code).Where(g => g.Count() > 1))
            context.Reject(null, duplicate.Last().SourceRow, "placement_type_code", duplicate.Key, "is given twice");
        context.RowsRead = rows.Count;
        if (context.Errors.Any)
            return;

        await context.StageAsync("stg.lac_placement_type", rows,
        [
            StagingColumn<TypeRow>.Of("source_row", r => r.SourceRow),
            StagingColumn<TypeRow>.Of("placement_type_code", r => r.Code),
            StagingColumn<TypeRow>.Of("placement_type", r => r.Name),
            StagingColumn<TypeRow>.Of("block", r => r.Block),
            StagingColumn<TypeRow>.Of("weeks_funded", r => r.Weeks),
            StagingColumn<TypeRow>.Of("counts_in_block_total", r => r.Counts),
            StagingColumn<TypeRow>.Of("sort_order", r => r.Sort),
            StagingColumn<TypeRow>.Of("external_client_group", r => r.Group),
        ], cancellationToken);
        // Episodes, budgets and facts refer to the types: update in place, add new ones, never delete. A file without
        // the optional client-group column keeps the stored groups (new types have none).
        var batch = new { batchId = context.BatchId, groupStated = groupStated ? 1 : 0 };
        await context.ExecuteAsync("""
            UPDATE dw.dim_placement_type SET
                placement_type = (SELECT s.placement_type FROM stg.lac_placement_type AS s WHERE s.batch_id = @batchId AND s.placement_type_code = dw.dim_placement_type.placement_type_code),
                block = (SELECT s.block FROM stg.lac_placement_type AS s WHERE s.batch_id = @batchId AND s.placement_type_code = dw.dim_placement_type.placement_type_code),
                weeks_funded = (SELECT s.weeks_funded FROM stg.lac_placement_type AS s WHERE s.batch_id = @batchId AND s.placement_type_code = dw.dim_placement_type.placement_type_code),
                counts_in_block_total = (SELECT s.counts_in_block_total FROM stg.lac_placement_type AS s WHERE s.batch_id = @batchId AND s.placement_type_code = dw.dim_placement_type.placement_type_code),
                sort_order = (SELECT s.sort_order FROM stg.lac_placement_type AS s WHERE s.batch_id = @batchId AND s.placement_type_code = dw.dim_placement_type.placement_type_code),
                external_client_group = CASE WHEN @groupStated = 1
                    THEN (SELECT s.external_client_group FROM stg.lac_placement_type AS s WHERE s.batch_id = @batchId AND s.placement_type_code = dw.dim_placement_type.placement_type_code)
                    ELSE external_client_group END,
                batch_id = @batchId
            WHERE placement_type_code IN (SELECT placement_type_code FROM stg.lac_placement_type WHERE batch_id = @batchId)
            """, batch, cancellationToken);
        await context.ExecuteAsync("""
            INSERT INTO dw.dim_placement_type (placement_type_code, placement_type, block, weeks_funded, counts_in_block_total, sort_order, external_client_group, batch_id)
            SELECT placement_type_code, placement_type, block, weeks_funded, counts_in_block_total, sort_order, external_client_group, batch_id
            FROM stg.lac_placement_type AS s
            WHERE s.batch_id = @batchId
              AND NOT EXISTS (SELECT 1 FROM dw.dim_placement_type AS d WHERE d.placement_type_code = s.placement_type_code)
            """, batch, cancellationToken);
        context.RowsLoaded = rows.Count;
        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        foreach (var block in rows.GroupBy(r => r.Block))
            context.Control.Expect(TypesMeasure, block.Key, block.Count());
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.dim_placement_type WHERE batch_id = @batchId
            UNION ALL
            SELECT '{TypesMeasure}' AS measure, block AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.dim_placement_type WHERE batch_id = @batchId GROUP BY block
            """;
    }
}
