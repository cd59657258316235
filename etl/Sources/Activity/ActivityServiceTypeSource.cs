namespace Warehouse.Etl.Sources.Activity;

/// <summary>
/// The key activity service-type reference (samples/activity/activity-service-types.csv): for each service
/// area (LD, AMH, OP, OPMH) its client group and the service types, income, savings and total lines the
/// return prints, with the unit of the unit cost and the print order; for SEN the needs by Ofsted code.
/// Returns are matched against it, so a line it does not list rejects the return. Type 1: a changed label
/// or order overwrites; lines are never removed, because facts refer to them.
/// </summary>
public sealed class ActivityServiceTypeSource : ISource
{
    public string Name => "activity-service-types";
    public string Description => "Key activity service types (LD, AMH, OP, OPMH) and SEN needs by Ofsted code";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("service_area", true, "service_area", "service area", "area"),
        new("code", true, "code", "ofsted code"),
        new("client_group", true, "client_group", "client group"),
        new("service_type", true, "service_type", "service type", "need", "setting"),
        new("line_kind", true, "line_kind", "line kind", "kind"),
        new("unit", false, "unit"),
        new("sort_order", true, "sort_order", "sort order", "order"),
    ];

    private static readonly string[] Units = ["week", "hour", "year"];

    private sealed record Row(int SourceRow, string Area, string Code, string ClientGroup, string ServiceType, string LineKind, string? Unit, int SortOrder);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        // A code the reference holds keeps its spelling, so the update below finds its row on either engine.
        var codes = new CodeSpellings(await context.QueryAsync<(string, string)>(
            "SELECT service_area, code FROM dw.dim_activity_service_type", cancellationToken: cancellationToken));
        var unitStated = true;
        var rows = SourceRows.Read<Row>(context.File!.Path, context.Errors, Columns, row =>
        {
            unitStated = row.Has("unit");
            var area = Cells.CleanText(row.Required("service_area")).ToUpperInvariant();
            var code = Cells.CleanText(row.Required("code"));
            var clientGroup = Cells.CleanText(row.Required("client_group"));
            var serviceType = Cells.CleanText(row.Required("service_type"));
            var kind = Cells.CleanText(row.Required("line_kind")).ToLowerInvariant();
            var isSen = area == "SEN";
            if (area.Length > 0 && !isSen && !ActivityServiceTypes.AdultAreas.Contains(area))
                row.Reject("service_area", area, "must be LD, AMH, OP, OPMH or SEN");
            else if (code.Length > 0)
                code = row.Settle(codes, "code", code, scope: area) ?? code;
            var kinds = isSen ? ActivityServiceTypes.SenKinds : ActivityServiceTypes.AdultKinds;
            if (kind.Length > 0 && !kinds.Contains(kind))
                row.Reject("line_kind", kind, $"must be one of {string.Join(", ", kinds)} for {area}");
            var unit = row.Text("unit")?.ToLowerInvariant();
            if (unit is not null && !Units.Contains(unit))
                row.Reject("unit", unit, "must be week, hour, year or empty");
            var sort = row.WholeNumber("sort_order");
            return row.IsClean ? new Row(row.Number, area, code, clientGroup, serviceType, kind, unit, sort!.Value) : null;
        }).ToList();
        foreach (var duplicate in rows.GroupBy(r => (r.Area, r.Code.ToUpperInvariant())).Where(g => g.Count() > 1))
            context.Reject(null, duplicate.Last().SourceRow, "code", duplicate.Last().Code,
                $"code {duplicate.Last().Code} is given twice for {duplicate.Key.Area} (first at row {duplicate.First().SourceRow})");
        foreach (var duplicate in rows.GroupBy(r => (r.Area, Cells.NameKey(r.ServiceType))).Where(g => g.Count() > 1))
            context.Reject(null, duplicate.Last().SourceRow, "service_type", duplicate.Last().ServiceType,
                $"the service type is given twice for {duplicate.Key.Area} (first at row {duplicate.First().SourceRow}); returns are matched by it");
        context.RowsRead = rows.Count;
        if (context.Errors.Any)
            return;

        await context.StageAsync("stg.activity_service_type", rows,
        [
            StagingColumn<Row>.Of("source_row", r => r.SourceRow),
            StagingColumn<Row>.Of("service_area", r => r.Area),
            StagingColumn<Row>.Of("code", r => r.Code),
            StagingColumn<Row>.Of("client_group", r => r.ClientGroup),
            StagingColumn<Row>.Of("service_type", r => r.ServiceType),
            StagingColumn<Row>.Of("line_kind", r => r.LineKind),
            StagingColumn<Row>.Of("unit", r => r.Unit),
            StagingColumn<Row>.Of("sort_order", r => r.SortOrder),
        ], cancellationToken);
        // Set-based from the staged rows (codes are settled to the warehouse's spelling, so equality finds them on
        // either engine): update the types the reference holds, add the new ones; never delete (facts refer to them).
        // A file without the optional unit column says nothing about units: the stored ones stay, new types have none.
        var batch = new { batchId = context.BatchId, unitStated = unitStated ? 1 : 0 };
        await context.ExecuteAsync("""
            UPDATE dw.dim_activity_service_type SET
                client_group = (SELECT s.client_group FROM stg.activity_service_type AS s WHERE s.batch_id = @batchId AND s.service_area = dw.dim_activity_service_type.service_area AND s.code = dw.dim_activity_service_type.code),
                service_type = (SELECT s.service_type FROM stg.activity_service_type AS s WHERE s.batch_id = @batchId AND s.service_area = dw.dim_activity_service_type.service_area AND s.code = dw.dim_activity_service_type.code),
                line_kind = (SELECT s.line_kind FROM stg.activity_service_type AS s WHERE s.batch_id = @batchId AND s.service_area = dw.dim_activity_service_type.service_area AND s.code = dw.dim_activity_service_type.code),
                unit = CASE WHEN @unitStated = 1
                    THEN (SELECT s.unit FROM stg.activity_service_type AS s WHERE s.batch_id = @batchId AND s.service_area = dw.dim_activity_service_type.service_area AND s.code = dw.dim_activity_service_type.code)
                    ELSE unit END,
                sort_order = (SELECT s.sort_order FROM stg.activity_service_type AS s WHERE s.batch_id = @batchId AND s.service_area = dw.dim_activity_service_type.service_area AND s.code = dw.dim_activity_service_type.code),
                batch_id = @batchId
            WHERE EXISTS (SELECT 1 FROM stg.activity_service_type AS s
                          WHERE s.batch_id = @batchId AND s.service_area = dw.dim_activity_service_type.service_area AND s.code = dw.dim_activity_service_type.code)
            """, batch, cancellationToken);
        await context.ExecuteAsync("""
            INSERT INTO dw.dim_activity_service_type (service_area, code, client_group, service_type, line_kind, unit, sort_order, batch_id)
            SELECT service_area, code, client_group, service_type, line_kind, unit, sort_order, batch_id
            FROM stg.activity_service_type AS s
            WHERE s.batch_id = @batchId
              AND NOT EXISTS (SELECT 1 FROM dw.dim_activity_service_type AS d WHERE d.service_area = s.service_area AND d.code = s.code)
            """, batch, cancellationToken);
        context.RowsLoaded = rows.Count;
        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value
            FROM dw.dim_activity_service_type AS d
            JOIN stg.activity_service_type AS s ON s.service_area = d.service_area AND s.code = d.code
             AND s.service_type = d.service_type AND s.line_kind = d.line_kind AND s.sort_order = d.sort_order
            WHERE s.batch_id = @batchId AND d.batch_id = @batchId
            """;
    }
}
