namespace Warehouse.Etl.Sources.Savings;

/// <summary>
/// The savings tracker (quarterly, e.g. Appendix C of the closedown F&amp;PR): per Business Plan saving proposal its
/// investment, original saving, forecast phasing by quarter, forecast, variance, RAG, direction of travel and
/// commentary. The direction is also derived against the previous tracker of the same year in the warehouse.
/// A later file for the same period restates it.
/// </summary>
public sealed class SavingsTrackerSource : ISource
{
    private const string OriginalMeasure = "original saving", ForecastMeasure = "forecast saving", VarianceMeasure = "variance", RagMeasure = "rag";

    public string Name => "savings-tracker";
    public string Description => "Business Plan savings tracker per quarter (phasing, forecast, variance, RAG, direction of travel)";

    private static readonly IReadOnlyList<StagingColumn<SavingsRow>> StagingColumns =
    [
        StagingColumn<SavingsRow>.Of("source_row", r => r.SourceRow),
        StagingColumn<SavingsRow>.Of("sort_order", r => r.SortOrder),
        StagingColumn<SavingsRow>.Of("reference", r => r.Reference),
        StagingColumn<SavingsRow>.Of("title", r => r.Title),
        StagingColumn<SavingsRow>.Of("service", r => r.Service),
        StagingColumn<SavingsRow>.Of("committee_key", r => r.Committee.Key),
        StagingColumn<SavingsRow>.Of("committee_text", r => r.CommitteeText),
        StagingColumn<SavingsRow>.Of("investment", r => r.Investment),
        StagingColumn<SavingsRow>.Of("original_saving", r => r.OriginalSaving),
        StagingColumn<SavingsRow>.Of("q1", r => r.Q1),
        StagingColumn<SavingsRow>.Of("q2", r => r.Q2),
        StagingColumn<SavingsRow>.Of("q3", r => r.Q3),
        StagingColumn<SavingsRow>.Of("q4", r => r.Q4),
        StagingColumn<SavingsRow>.Of("forecast_saving", r => r.ForecastSaving),
        StagingColumn<SavingsRow>.Of("variance", r => r.Variance),
        StagingColumn<SavingsRow>.Of("variance_pct", r => r.VariancePct),
        StagingColumn<SavingsRow>.Of("rag", r => r.Rag),
        StagingColumn<SavingsRow>.Of("direction_published", r => r.DirectionPublished),
        StagingColumn<SavingsRow>.Of("direction_derived", r => r.DirectionDerived),
        StagingColumn<SavingsRow>.Of("commentary", r => r.Commentary),
        StagingColumn<SavingsRow>.Of("flag", r => r.Flag),
    ];

    private const string FactColumns = "period_key, sort_order, reference, title, service, committee_key, committee_text, investment, original_saving, " +
                                       "q1, q2, q3, q4, forecast_saving, variance, variance_pct, rag, direction_published, direction_derived, commentary, flag";

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var committees = (await context.QueryAsync<(short Key, string Code, string Name)>(
                "SELECT committee_key, committee_code, committee_name FROM dw.dim_committee", cancellationToken: cancellationToken))
            .Select(c => new SavingsCommittee(c.Key, c.Code, c.Name)).ToList();
        var tracker = SavingsTrackerReader.Read(context.File!.Path, context.Errors, committees);
        var period = tracker.Period;
        context.Period = period;
        context.RowsRead = tracker.Rows.Count;
        if (context.Errors.Any)
            return;
        if (tracker.Rows.Count == 0)
            throw new SourceFormatException(context.FileName, "the savings tracker has no proposal rows");

        // Direction of travel against the latest earlier tracker of the same plan year, by reference.
        var previous = (await context.QueryAsync<(string Reference, decimal Variance)>("""
                SELECT reference, variance FROM dw.fact_savings_tracker
                WHERE period_key = (SELECT MAX(period_key) FROM dw.fact_savings_tracker WHERE period_key >= @yearStart AND period_key < @periodKey)
                """, new { yearStart = period.FiscalYearStart * 100 + 1, periodKey = period.Key }, cancellationToken))
            .ToDictionary(p => p.Reference, p => p.Variance, StringComparer.Ordinal);
        var rows = tracker.Rows.Select(r => r with
        {
            DirectionDerived = previous.TryGetValue(r.Reference, out var before) ? SavingsDirection.Between(before, r.Variance) : null,
        }).ToList();

        await context.StageAsync("stg.savings_tracker", rows,
            [StagingColumn<SavingsRow>.Of("period_key", _ => period.Key), .. StagingColumns], cancellationToken);
        // The tracker states the whole period: replace what an earlier tracker for it loaded.
        await context.ExecuteAsync("DELETE FROM dw.fact_savings_tracker WHERE period_key = @periodKey", new { periodKey = period.Key }, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync($"""
            INSERT INTO dw.fact_savings_tracker ({FactColumns}, batch_id)
            SELECT {FactColumns}, batch_id FROM stg.savings_tracker WHERE batch_id = @batchId
            """, new { batchId = context.BatchId }, cancellationToken);

        // Source totals: the totals row as printed when there is one (it was checked against the rows), else the rows' sums.
        decimal Stated(string key) => tracker.StatedTotals is { } t && t.TryGetValue(key, out var v) ? v : rows.Sum(r => SavingsTrackerReader.Amount(r, key));
        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        // A printed total may differ from the rows' sum by their rounding (the reader allows that much); report.reconciliation
        // then says "within rounding".
        var tolerance = SavingsTrackerReader.TotalsTolerance(rows.Count, tracker.Unit);
        context.Control.Expect(OriginalMeasure, "", Stated(SavingsTrackerReader.Original), tolerance);
        context.Control.Expect(ForecastMeasure, "", Stated(SavingsTrackerReader.Forecast), tolerance);
        context.Control.Expect(VarianceMeasure, "", Stated(SavingsTrackerReader.Variance), tolerance);
        foreach (var rag in SavingsRag.All)
            context.Control.Expect(RagMeasure, rag, rows.Count(r => r.Rag == rag));
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.fact_savings_tracker WHERE batch_id = @batchId
            UNION ALL
            SELECT '{OriginalMeasure}', '', CAST(COALESCE(SUM(original_saving), 0) AS decimal(19,2)) FROM dw.fact_savings_tracker WHERE batch_id = @batchId
            UNION ALL
            SELECT '{ForecastMeasure}', '', CAST(COALESCE(SUM(forecast_saving), 0) AS decimal(19,2)) FROM dw.fact_savings_tracker WHERE batch_id = @batchId
            UNION ALL
            SELECT '{VarianceMeasure}', '', CAST(COALESCE(SUM(variance), 0) AS decimal(19,2)) FROM dw.fact_savings_tracker WHERE batch_id = @batchId
            UNION ALL
            SELECT '{RagMeasure}', r.rag, CAST(COUNT(f.reference) AS decimal(19,2))
            FROM (SELECT '{SavingsRag.Green}' AS rag UNION ALL SELECT '{SavingsRag.Amber}' UNION ALL SELECT '{SavingsRag.Red}'
                  UNION ALL SELECT '{SavingsRag.Black}' UNION ALL SELECT '{SavingsRag.Blue}') AS r
            LEFT JOIN dw.fact_savings_tracker AS f ON f.rag = r.rag AND f.batch_id = @batchId
            GROUP BY r.rag
            """;
    }
}
