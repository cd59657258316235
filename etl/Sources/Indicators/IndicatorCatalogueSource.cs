namespace Warehouse.Etl.Sources.Indicators;

/// <summary>
/// The performance indicator catalogue: one row per indicator and definition, merged into dw.dim_indicator as
/// SCD type 2 (a renamed or redefined indicator keeps its earlier version), with the lineage of measures that
/// continue earlier ones (replaces_indicator_id) resolved into dw.indicator_lineage, so trends follow renames.
/// </summary>
public sealed class IndicatorCatalogueSource : ISource
{
    private const string VersionsMeasure = "indicator versions", LineageMeasure = "lineage links";

    public string Name => "indicator-catalogue";
    public string Description => "Performance indicator catalogue (id, name, outcome, unit, polarity, target type, lineage)";

    private static readonly string[] Attributes =
        ["indicator_name", "outcome", "responsible_directorate", "unit", "polarity", "frequency", "target_type", "is_cumulative", "replaces_indicator_id", "sort_order"];

    private static readonly Scd2Writer Indicators = new("dw.dim_indicator", "indicator_key", "indicator_id", Attributes);

    private static readonly IReadOnlyList<StagingColumn<CatalogueRow>> StagingColumns =
    [
        StagingColumn<CatalogueRow>.Of("source_row", r => r.SourceRow),
        StagingColumn<CatalogueRow>.Of("indicator_id", r => r.IndicatorId),
        StagingColumn<CatalogueRow>.Of("indicator_name", r => r.Name),
        StagingColumn<CatalogueRow>.Of("outcome", r => r.Outcome),
        StagingColumn<CatalogueRow>.Of("responsible_directorate", r => r.Directorate),
        StagingColumn<CatalogueRow>.Of("unit", r => r.Unit),
        StagingColumn<CatalogueRow>.Of("polarity", r => r.Polarity.Stored()),
        StagingColumn<CatalogueRow>.Of("frequency", r => r.Frequency),
        StagingColumn<CatalogueRow>.Of("target_type", r => r.TargetType.Stored()),
        StagingColumn<CatalogueRow>.Of("is_cumulative", r => r.Cumulative),
        StagingColumn<CatalogueRow>.Of("valid_from", r => r.ValidFrom),
        StagingColumn<CatalogueRow>.Of("replaces_indicator_id", r => r.Replaces),
        StagingColumn<CatalogueRow>.Of("sort_order", r => r.SortOrder),
    ];

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        // A catalogue is tens of rows: hold it to check rows against each other and against what dw knows.
        var rows = IndicatorCatalogueReader.Read(context.File!.Path, context.Errors).ToList();
        context.RowsRead = rows.Count;
        var known = (await context.QueryAsync<(string id, DateTime validFrom, string? replaces)>(
            "SELECT indicator_id, valid_from, replaces_indicator_id FROM dw.dim_indicator", cancellationToken: cancellationToken)).ToList();
        // Without a replaces column each indicator keeps the lineage dw holds, before the lineage is checked and rebuilt.
        rows = rows.Select(r => r.NotStated.Contains("replaces_indicator_id") ? r with
        {
            Replaces = known.Where(k => k.id == r.IndicatorId && k.validFrom <= r.ValidFrom).OrderByDescending(k => k.validFrom).Select(k => k.replaces).FirstOrDefault(),
            NotStated = r.NotStated.Where(c => c != "replaces_indicator_id").ToHashSet(),
        } : r).ToList();
        var lineage = CheckConsistency(rows, known, context);
        if (context.Errors.Any)
            return;

        // Staged first: a value too long for its column is refused here, at its row.
        await context.StageAsync("stg.indicator_catalogue", rows, StagingColumns, cancellationToken);
        await Indicators.MergeAsync(context, rows.Select(r => new Scd2Version(r.IndicatorId, r.ValidFrom, new Dictionary<string, object?>
        {
            ["indicator_name"] = r.Name, ["outcome"] = r.Outcome, ["responsible_directorate"] = r.Directorate, ["unit"] = r.Unit,
            ["polarity"] = r.Polarity.Stored(), ["frequency"] = r.Frequency, ["target_type"] = r.TargetType.Stored(), ["is_cumulative"] = r.Cumulative,
            ["replaces_indicator_id"] = r.Replaces, ["sort_order"] = r.SortOrder,
        }) { NotStated = r.NotStated }), cancellationToken);
        // A column the file lacks: the staged rows take what each indicator kept (the version in effect, just merged).
        if (rows.Count > 0 && rows[0].NotStated.Count > 0)
            await context.ExecuteAsync("""
                UPDATE stg.indicator_catalogue SET
                    outcome = (SELECT d.outcome FROM dw.dim_indicator AS d WHERE d.indicator_id = stg.indicator_catalogue.indicator_id
                               AND d.valid_from <= stg.indicator_catalogue.valid_from AND d.valid_to >= stg.indicator_catalogue.valid_from),
                    is_cumulative = (SELECT d.is_cumulative FROM dw.dim_indicator AS d WHERE d.indicator_id = stg.indicator_catalogue.indicator_id
                                     AND d.valid_from <= stg.indicator_catalogue.valid_from AND d.valid_to >= stg.indicator_catalogue.valid_from),
                    sort_order = (SELECT d.sort_order FROM dw.dim_indicator AS d WHERE d.indicator_id = stg.indicator_catalogue.indicator_id
                                  AND d.valid_from <= stg.indicator_catalogue.valid_from AND d.valid_to >= stg.indicator_catalogue.valid_from)
                WHERE batch_id = @batchId
                """, new { batchId = context.BatchId }, cancellationToken);

        // The lineage of every indicator dw knows, from each one's latest definition: recomputed whole, it is small.
        await context.ExecuteAsync("DELETE FROM dw.indicator_lineage", cancellationToken: cancellationToken);
        foreach (var link in lineage)
            await context.ExecuteAsync("""
                INSERT INTO dw.indicator_lineage (indicator_id, replaces_indicator_id, lineage_id, generation, batch_id)
                VALUES (@id, @replaces, @head, @generation, @batchId)
                """, new { id = link.Id, replaces = link.Replaces, head = link.Head, generation = link.Generation, batchId = context.BatchId },
                cancellationToken);
        context.RowsLoaded = rows.Count;

        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        context.Control.Expect(VersionsMeasure, "", rows.Count);
        context.Control.Expect(LineageMeasure, "", rows.Count(r => r.Replaces is not null));
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM stg.indicator_catalogue WHERE batch_id = @batchId
            UNION ALL
            SELECT '{VersionsMeasure}', '', CAST(COUNT(*) AS decimal(19,2)) FROM stg.indicator_catalogue AS s
            JOIN dw.dim_indicator AS d ON d.indicator_id = s.indicator_id AND d.valid_from <= s.valid_from AND d.valid_to >= s.valid_from
             AND d.indicator_name = s.indicator_name AND d.unit = s.unit AND d.polarity = s.polarity AND d.target_type = s.target_type
            WHERE s.batch_id = @batchId
            UNION ALL
            SELECT '{LineageMeasure}', '', CAST(COUNT(*) AS decimal(19,2)) FROM stg.indicator_catalogue AS s
            JOIN dw.indicator_lineage AS l ON l.indicator_id = s.indicator_id AND l.replaces_indicator_id = s.replaces_indicator_id
            WHERE s.batch_id = @batchId
            """;
    }

    private sealed record Link(string Id, string? Replaces, string Head, int Generation);

    // One definition per indicator and year; each replaced indicator is known and continued by one measure only,
    // and no chain loops. Returns the lineage of every indicator, the file's rows taking precedence over dw.
    private static IReadOnlyList<Link> CheckConsistency(IReadOnlyList<CatalogueRow> rows,
        IReadOnlyList<(string id, DateTime validFrom, string? replaces)> known, LoadContext context)
    {
        foreach (var duplicate in rows.GroupBy(r => (r.IndicatorId, r.EffectiveFrom)).Where(g => g.Count() > 1))
            foreach (var row in duplicate.Skip(1))
                context.Reject(null, row.SourceRow, "indicator_id", row.IndicatorId,
                    $"indicator {row.IndicatorId} is defined more than once from {FiscalPeriod.FiscalYearLabel(row.EffectiveFrom)} (first at row {duplicate.First().SourceRow})");

        // The latest definition of each indicator: from dw, overridden by the file's latest for the same or a later year.
        var latest = known.GroupBy(k => k.id).ToDictionary(g => g.Key, g => (g.MaxBy(k => k.validFrom).validFrom, g.MaxBy(k => k.validFrom).replaces, row: (int?)null));
        foreach (var row in rows.OrderBy(r => r.ValidFrom))
            if (!latest.TryGetValue(row.IndicatorId, out var current) || current.validFrom <= row.ValidFrom)
                latest[row.IndicatorId] = (row.ValidFrom, row.Replaces, row.SourceRow);

        foreach (var (id, (_, replaces, sourceRow)) in latest)
            if (replaces is not null && !latest.ContainsKey(replaces))
                context.Reject(null, sourceRow, "replaces_indicator_id", replaces, $"{id} replaces {replaces}, which is not in the catalogue");
        foreach (var group in latest.Where(l => l.Value.replaces is not null).GroupBy(l => l.Value.replaces!).Where(g => g.Count() > 1))
            context.Reject(null, group.Select(g => g.Value.row).LastOrDefault(r => r is not null), "replaces_indicator_id", group.Key,
                $"{group.Key} is replaced by more than one indicator ({string.Join(", ", group.Select(g => g.Key).Order())}); a measure continues in one successor only");
        if (context.Errors.Any)
            return [];

        var successor = latest.Where(l => l.Value.replaces is not null).ToDictionary(l => l.Value.replaces!, l => l.Key);
        var links = new List<Link>();
        foreach (var (id, (_, replaces, sourceRow)) in latest.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var head = id;
            var seen = new HashSet<string> { id };
            while (successor.TryGetValue(head, out var next))
            {
                if (!seen.Add(next))
                {
                    context.Reject(null, sourceRow, "replaces_indicator_id", replaces, $"the lineage of {id} loops back on itself ({string.Join(" → ", seen)})");
                    return [];
                }
                head = next;
            }
            var generation = 0;
            for (var back = replaces; back is not null && generation <= latest.Count; back = latest[back].replaces)
                generation++;
            links.Add(new Link(id, replaces, head, generation));
        }
        return links;
    }
}
