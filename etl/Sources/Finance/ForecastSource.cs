using System.Globalization;

namespace Warehouse.Etl.Sources.Finance;

/// <summary>
/// The monthly forecast return from budget holders: per budget line the forecast outturn variance (or the
/// forecast outturn) in £000 and a commentary reference. Lines are matched by Budget Line Code, or by name
/// against the organisation reference valid in the period; directorate and grand total rows are control
/// totals checked against their lines within a rounding tolerance (docs/finance.md).
/// </summary>
public sealed class ForecastSource : ISource
{
    private const string VarianceMeasure = "forecast variance", OutturnMeasure = "forecast outturn", LinesScope = "lines";

    public string Name => "finance-forecast";
    public string Description => "Monthly forecast return: forecast outturn variance per budget line (xlsx)";

    private const string GrandTotalScope = "Total row (all lines)";

    private sealed record StagedLine(ForecastLine Line, string Code);

    private static readonly IReadOnlyList<StagingColumn<StagedLine>> StagingColumns =
    [
        StagingColumn<StagedLine>.Of("source_row", r => r.Line.SourceRow),
        StagingColumn<StagedLine>.Of("budget_line_code", r => r.Code),
        StagingColumn<StagedLine>.Of("line_name", r => r.Line.Name),
        StagingColumn<StagedLine>.Of("forecast_variance", r => r.Line.Variance),
        StagingColumn<StagedLine>.Of("forecast_outturn", r => r.Line.Outturn),
        StagingColumn<StagedLine>.Of("commentary_ref", r => r.Line.CommentaryRef),
        StagingColumn<StagedLine>.Of("block", r => r.Line.Block),
    ];

    private static readonly IReadOnlyList<StagingColumn<StagedLine>> CommentaryColumns =
    [
        StagingColumn<StagedLine>.Of("budget_line_code", r => r.Code),
        StagingColumn<StagedLine>.Of("commentary", r => r.Line.Commentary),
    ];

    /// <summary>
    /// How far a total of lines typed in whole £000 may be from their exact sum: each line is rounded by up to
    /// £0.5k, so n lines drift by about √n/2 on average; allow max(2, ⌈√n⌉) £000.
    /// </summary>
    public static decimal ToleranceK(int lines) => Math.Max(2m, Math.Ceiling((decimal)Math.Sqrt(lines)));

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var reader = new ForecastReader(context.File!.Path, context.Errors);
        reader.Read();
        context.RowsRead = reader.Lines.Count;
        if (reader.Period is not { } period)
            return;
        context.Period = period;
        var asOf = period.PeriodEnd.ToDateTime(TimeOnly.MinValue);

        var lines = (await context.QueryAsync<(string code, string name)>("""
            SELECT budget_line_code, budget_line FROM dw.dim_organisation
            WHERE organisation_key > 0 AND valid_from <= @asOf AND valid_to >= @asOf
            """, new { asOf }, cancellationToken)).ToList();
        var byCode = lines.ToDictionary(l => l.code, StringComparer.OrdinalIgnoreCase);
        var byName = lines.GroupBy(l => Cells.NameKey(l.name)).ToDictionary(g => g.Key, g => g.ToList());

        var staged = new List<StagedLine>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in reader.Lines)
        {
            string? code = null;
            if (line.Code is not null)
            {
                if (byCode.TryGetValue(line.Code, out var known))
                    code = known.code;
                else
                    context.Reject(reader.Sheet, line.SourceRow, reader.CodeHeader, line.Code, $"is not a budget line of the organisation reference for {period.FiscalYear}");
            }
            else if (byName.TryGetValue(Cells.NameKey(line.Name), out var named) && named.Count == 1)
                code = named[0].code;
            else
                context.Reject(reader.Sheet, line.SourceRow, reader.NameHeader, line.Name,
                    $"has no Budget Line Code and its name matches {(byName.ContainsKey(Cells.NameKey(line.Name)) ? "more than one" : "no")} budget line of {period.FiscalYear}");
            if (code is null)
                continue;
            if (seen.TryGetValue(code, out var first))
            {
                context.Reject(reader.Sheet, line.SourceRow, reader.CodeHeader, code, $"budget line {code} is given twice (first at row {first})");
                continue;
            }
            seen[code] = line.SourceRow;
            staged.Add(new StagedLine(line, code));
        }

        // Total rows are control totals: beyond rounding they are an error naming the row; within it, recorded.
        var measure = reader.GivesOutturn ? OutturnMeasure : VarianceMeasure;
        foreach (var total in reader.Totals)
        {
            var sum = total.Lines.Sum(l => (reader.GivesOutturn ? l.Outturn : l.Variance) ?? 0m);
            var tolerance = ToleranceK(total.Lines.Count) * 1000m;
            if (Math.Abs(total.Value - sum) > tolerance)
                context.Reject(total.Row, total.Label, total.Value / 1000m,
                    string.Create(CultureInfo.InvariantCulture, $"the total does not add up: its {total.Lines.Count} lines sum to {sum / 1000m:0} (£000), beyond the rounding tolerance of {tolerance / 1000m:0}"));
            else
                context.Control.Expect(measure, total.IsGrand ? GrandTotalScope : total.Label, total.Value, tolerance);
        }
        if (context.Errors.Any)
            return;

        await context.StageAsync("stg.forecast_line", staged, StagingColumns, cancellationToken);
        var parameters = new { batchId = context.BatchId, periodKey = period.Key, asOf };
        await context.ExecuteAsync("DELETE FROM dw.fact_forecast WHERE period_key = @periodKey", parameters, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.fact_forecast (period_key, organisation_key, budget_line_code, forecast_variance, forecast_outturn, commentary_ref, batch_id)
            SELECT @periodKey, o.organisation_key, s.budget_line_code, s.forecast_variance, s.forecast_outturn, s.commentary_ref, s.batch_id
            FROM stg.forecast_line AS s
            JOIN dw.dim_organisation AS o ON o.budget_line_code = s.budget_line_code AND o.valid_from <= @asOf AND o.valid_to >= @asOf AND o.organisation_key > 0
            WHERE s.batch_id = @batchId
            """, parameters, cancellationToken);

        // The Appendix 2 text of the lines that have one; a restatement replaces the period's texts with its own.
        await context.StageAsync("stg.forecast_commentary", staged.Where(s => s.Line.Commentary is not null).ToList(), CommentaryColumns, cancellationToken);
        await context.ExecuteAsync("DELETE FROM dw.fact_forecast_commentary WHERE period_key = @periodKey", parameters, cancellationToken);
        await context.ExecuteAsync("""
            INSERT INTO dw.fact_forecast_commentary (period_key, budget_line_code, commentary, batch_id)
            SELECT @periodKey, s.budget_line_code, s.commentary, s.batch_id FROM stg.forecast_commentary AS s WHERE s.batch_id = @batchId
            """, parameters, cancellationToken);

        await RevenueMonitoring.RebuildAsync(context, period, cancellationToken);
        await RevenueMonitoring.ComparePublishedAsync(context, period, cancellationToken);

        context.Control.Expect(ControlMeasures.Rows, "", staged.Count);
        context.Control.Expect(measure, LinesScope, staged.Sum(s => (reader.GivesOutturn ? s.Line.Outturn : s.Line.Variance) ?? 0m));
        // The staged rows stay (a return is a few dozen lines): they tie each landed line to its total row.
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.fact_forecast WHERE batch_id = @batchId
            UNION ALL SELECT '{VarianceMeasure}', '{LinesScope}', COALESCE(SUM(forecast_variance), 0) FROM dw.fact_forecast WHERE batch_id = @batchId
            UNION ALL SELECT '{OutturnMeasure}', '{LinesScope}', COALESCE(SUM(forecast_outturn), 0) FROM dw.fact_forecast WHERE batch_id = @batchId
            UNION ALL SELECT '{VarianceMeasure}', '{GrandTotalScope}', COALESCE(SUM(forecast_variance), 0) FROM dw.fact_forecast WHERE batch_id = @batchId
            UNION ALL SELECT '{OutturnMeasure}', '{GrandTotalScope}', COALESCE(SUM(forecast_outturn), 0) FROM dw.fact_forecast WHERE batch_id = @batchId
            UNION ALL SELECT '{VarianceMeasure}', s.block, SUM(f.forecast_variance)
                FROM stg.forecast_line AS s JOIN dw.fact_forecast AS f ON f.batch_id = s.batch_id AND f.budget_line_code = s.budget_line_code
                WHERE s.batch_id = @batchId AND s.block IS NOT NULL GROUP BY s.block
            UNION ALL SELECT '{OutturnMeasure}', s.block, SUM(f.forecast_outturn)
                FROM stg.forecast_line AS s JOIN dw.fact_forecast AS f ON f.batch_id = s.batch_id AND f.budget_line_code = s.budget_line_code
                WHERE s.batch_id = @batchId AND s.block IS NOT NULL GROUP BY s.block
            """;
    }
}
