using System.Globalization;

namespace Warehouse.Etl.Sources.Indicators;

/// <summary>
/// A monthly performance indicator return (Appendix 7 of the F&amp;PR): per indicator the previous value, target,
/// actual, data period, published direction of travel and RAG, benchmarks and comment. The derived RAG and
/// direction are computed beside the published ones and a difference is flagged. A later file for the same
/// reporting month restates it.
/// </summary>
public sealed class IndicatorReturnSource : ISource
{
    private const string PublishedRagMeasure = "published rag", ActualValuesMeasure = "actual values";

    public string Name => "indicator-return";
    public string Description => "Performance indicator return per reporting month (figures, published and derived RAG, direction of travel)";

    private static readonly string[] FactColumns =
    [
        "period_key", "indicator_key", "indicator_id", "sort_order", "outcome", "measure_name", "responsible_directorate", "unit",
        "data_period_label", "data_period_kind", "data_period_end", "previous_value", "target_value", "target_upper_value",
        "target_is_pro_rata", "target_applied", "actual_value", "numerator", "denominator", "previous_text", "target_text", "actual_text",
        "direction_published_text", "direction_published", "direction_derived", "rag_published_text", "rag_published", "rag_derived",
        "rag_differs", "stat_neighbours_text", "stat_neighbours_value", "england_text", "england_value", "comment",
    ];

    private static readonly IReadOnlyList<StagingColumn<ReturnRow>> StagingColumns =
    [
        StagingColumn<ReturnRow>.Of("source_row", r => r.SourceRow),
        StagingColumn<ReturnRow>.Of("period_key", r => r.PeriodKey),
        StagingColumn<ReturnRow>.Of("indicator_key", r => r.Indicator.IndicatorKey),
        StagingColumn<ReturnRow>.Of("indicator_id", r => r.Indicator.IndicatorId),
        StagingColumn<ReturnRow>.Of("sort_order", r => r.SortOrder),
        StagingColumn<ReturnRow>.Of("outcome", r => r.Outcome),
        StagingColumn<ReturnRow>.Of("measure_name", r => r.MeasureName),
        StagingColumn<ReturnRow>.Of("responsible_directorate", r => r.Directorate),
        StagingColumn<ReturnRow>.Of("unit", r => r.Indicator.Unit),
        StagingColumn<ReturnRow>.Of("data_period_label", r => r.DataPeriod?.Label),
        StagingColumn<ReturnRow>.Of("data_period_kind", r => r.DataPeriod?.Kind),
        StagingColumn<ReturnRow>.Of("data_period_end", r => r.DataPeriod?.End?.ToDateTime(TimeOnly.MinValue)),
        StagingColumn<ReturnRow>.Of("previous_value", r => r.Previous),
        StagingColumn<ReturnRow>.Of("target_value", r => r.Target),
        StagingColumn<ReturnRow>.Of("target_upper_value", r => r.TargetUpper),
        StagingColumn<ReturnRow>.Of("target_is_pro_rata", r => r.TargetProRata),
        StagingColumn<ReturnRow>.Of("target_applied", r => r.TargetApplied),
        StagingColumn<ReturnRow>.Of("actual_value", r => r.Actual),
        StagingColumn<ReturnRow>.Of("numerator", r => r.Numerator),
        StagingColumn<ReturnRow>.Of("denominator", r => r.Denominator),
        StagingColumn<ReturnRow>.Of("previous_text", r => r.PreviousText),
        StagingColumn<ReturnRow>.Of("target_text", r => r.TargetText),
        StagingColumn<ReturnRow>.Of("actual_text", r => r.ActualText),
        StagingColumn<ReturnRow>.Of("direction_published_text", r => r.DirectionText),
        StagingColumn<ReturnRow>.Of("direction_published", r => r.DirectionPublished),
        StagingColumn<ReturnRow>.Of("direction_derived", r => r.DirectionDerived),
        StagingColumn<ReturnRow>.Of("rag_published_text", r => r.RagText),
        StagingColumn<ReturnRow>.Of("rag_published", r => r.RagPublished),
        StagingColumn<ReturnRow>.Of("rag_derived", r => r.RagDerived),
        StagingColumn<ReturnRow>.Of("rag_differs", r => r.RagDiffers),
        StagingColumn<ReturnRow>.Of("stat_neighbours_text", r => r.StatNeighboursText),
        StagingColumn<ReturnRow>.Of("stat_neighbours_value", r => r.StatNeighbours),
        StagingColumn<ReturnRow>.Of("england_text", r => r.EnglandText),
        StagingColumn<ReturnRow>.Of("england_value", r => r.England),
        StagingColumn<ReturnRow>.Of("comment", r => r.Comment),
    ];

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        // Engines hand dates back as DateOnly or DateTime: read untyped and convert.
        var catalogue = (await context.QueryAsync<dynamic>("""
                SELECT indicator_key, indicator_id, indicator_name, outcome, responsible_directorate, unit, polarity, frequency,
                       target_type, valid_from, valid_to
                FROM dw.dim_indicator
                """, cancellationToken: cancellationToken))
            .Select(row => (IDictionary<string, object?>)row)
            .Select(r => new IndicatorVersion(Convert.ToInt32(r["indicator_key"], CultureInfo.InvariantCulture), (string)r["indicator_id"]!,
                (string)r["indicator_name"]!, r["outcome"] as string, (string)r["responsible_directorate"]!, (string)r["unit"]!,
                IndicatorKinds.StoredPolarity((string)r["polarity"]!), (string)r["frequency"]!, IndicatorKinds.StoredTargetType((string)r["target_type"]!), ToDate(r["valid_from"]!), ToDate(r["valid_to"]!)))
            .GroupBy(v => v.IndicatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.ValidFrom).ToList(), StringComparer.Ordinal);
        if (catalogue.Count == 0)
            throw new SourceFormatException(context.FileName, "no indicator catalogue is loaded; load indicator-catalogue first");

        var rows = IndicatorReturnReader.Read(context.File!.Path, context.Errors, catalogue, out var period, context.RowProgress);
        context.Period = period;
        context.RowsRead = rows.Count + context.Errors.Count;
        if (context.Errors.Any)
            return;
        if (rows.Count == 0)
            throw new SourceFormatException(context.FileName, "the return has no indicator rows");

        await context.StageAsync("stg.indicator_return", rows, StagingColumns, cancellationToken);
        // The return states the whole month: replace what an earlier return for it loaded.
        await context.ExecuteAsync("DELETE FROM dw.fact_indicator_return WHERE period_key = @periodKey", new { periodKey = period.Key }, cancellationToken);
        var columns = string.Join(", ", FactColumns);
        context.RowsLoaded = await context.ExecuteAsync($"""
            INSERT INTO dw.fact_indicator_return ({columns}, batch_id)
            SELECT {columns}, batch_id FROM stg.indicator_return WHERE batch_id = @batchId
            """, new { batchId = context.BatchId }, cancellationToken);

        // Source totals: the rows and how many the return rates each way, and how many actuals it gives.
        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        foreach (var rag in new[] { Rag.Red, Rag.Amber, Rag.Green, Rag.NoTarget })
            context.Control.Expect(PublishedRagMeasure, rag, rows.Count(r => r.RagPublished == rag));
        context.Control.Expect(ActualValuesMeasure, "", rows.Count(r => r.Actual is not null));
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.fact_indicator_return WHERE batch_id = @batchId
            UNION ALL
            SELECT '{PublishedRagMeasure}', r.rag, CAST(COUNT(f.indicator_id) AS decimal(19,2))
            FROM (SELECT '{Rag.Red}' AS rag UNION ALL SELECT '{Rag.Amber}' UNION ALL SELECT '{Rag.Green}' UNION ALL SELECT '{Rag.NoTarget}') AS r
            LEFT JOIN dw.fact_indicator_return AS f ON f.rag_published = r.rag AND f.batch_id = @batchId
            GROUP BY r.rag
            UNION ALL
            SELECT '{ActualValuesMeasure}', '', CAST(COUNT(actual_value) AS decimal(19,2)) FROM dw.fact_indicator_return WHERE batch_id = @batchId
            """;
    }

    private static DateTime ToDate(object value) => value switch
    {
        DateTime dt => dt.Date,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => Convert.ToDateTime(value, CultureInfo.InvariantCulture).Date,
    };
}
