namespace Warehouse.Etl.Sources.Placements;

/// <summary>
/// The LAC placements budget per financial year and placement type: budgeted placements, annual budget
/// and budget weekly cost. A line with a later `effective_period` revises the budget from that period on
/// (the closedown budget differs from May's for two lines); without the column every line is effective
/// from period 1.
/// </summary>
public sealed class BudgetSource : ISource
{
    private const string AnnualBudgetMeasure = "annual_budget";

    public string Name => "lac-budget";
    public string Description => "Looked-after children placements budget per financial year (with revisions by effective period)";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("year", true, "fiscal_year", "fiscal year", "financial year"),
        new("effective", false, "effective_period", "effective period", "effective from period"),
        new("code", true, "placement_type_code", "placement type code", "code"),
        new("placements", true, "budgeted_placements", "budgeted placements", "no of placements budgeted"),
        new("budget", true, "annual_budget", "annual budget"),
        new("weekly", true, "budget_weekly_cost", "budget weekly cost", "average weekly cost per head"),
    ];

    internal sealed record BudgetRow(int SourceRow, int FiscalYear, short EffectivePeriod, string Code, int? Placements, decimal Budget, decimal? Weekly);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        // A type matches the reference's without letter case and is loaded as the reference spells it.
        var known = new CodeSpellings(await context.QueryAsync<string>("SELECT placement_type_code FROM dw.dim_placement_type", cancellationToken: cancellationToken));
        var rows = SourceRows.Read<BudgetRow>(context.File!.Path, context.Errors, Columns, row =>
        {
            var year = Cells.FiscalYear(row.Text("year") ?? "");
            if (year is null)
                row.Reject("year", row.Text("year"), "is not a financial year such as 2018/19");
            var effective = row.Has("effective") ? Cells.WholeNumber(row.Cell("effective")) : Parsed<int>.Of(1);
            if (effective.Value is not (>= 1 and <= 13))
                row.Reject("effective", row.Text("effective"), "must be a period from 1 to 13");
            var code = row.Text("code");
            if (code is null || !known.Known(code))
                row.Reject("code", code, "is not a placement type of the reference (load lac-placement-types first)");
            else
                code = row.Settle(known, "code", code);
            var placements = Cells.WholeNumber(row.Cell("placements"));
            if (!placements.Ok || placements.Value < 0)
                row.Reject("placements", row.Text("placements"), placements.Error ?? "must not be negative");
            var budget = Cells.Money(row.Cell("budget"), row.InThousands("budget"));
            if (!budget.Ok || budget.Value is null)
                row.Reject("budget", row.Text("budget"), budget.Error ?? "is empty; an annual budget is required");
            var weekly = Cells.Decimal(row.Cell("weekly"));
            if (!weekly.Ok || weekly.Value < 0)
                row.Reject("weekly", row.Text("weekly"), weekly.Error ?? "must not be negative");
            if (!row.IsClean)
                return null;
            context.Control.Add(AnnualBudgetMeasure, FiscalPeriod.FiscalYearLabel(year!.Value), budget.Value!.Value);
            return new BudgetRow(row.Number, year.Value, (short)effective.Value!.Value, code!, placements.Value, budget.Value.Value, weekly.Value);
        }).ToList();
        foreach (var duplicate in rows.GroupBy(r => (r.FiscalYear, r.EffectivePeriod, r.Code)).Where(g => g.Count() > 1))
            context.Reject(null, duplicate.Last().SourceRow, "placement_type_code", duplicate.Key.Code,
                $"is given twice for {FiscalPeriod.FiscalYearLabel(duplicate.Key.FiscalYear)} period {duplicate.Key.EffectivePeriod}");
        context.RowsRead = rows.Count;
        if (context.Errors.Any)
            return;

        await context.StageAsync("stg.lac_budget", rows,
        [
            StagingColumn<BudgetRow>.Of("source_row", r => r.SourceRow),
            StagingColumn<BudgetRow>.Of("fiscal_year_start", r => (short)r.FiscalYear),
            StagingColumn<BudgetRow>.Of("effective_period", r => r.EffectivePeriod),
            StagingColumn<BudgetRow>.Of("placement_type_code", r => r.Code),
            StagingColumn<BudgetRow>.Of("budgeted_placements", r => r.Placements),
            StagingColumn<BudgetRow>.Of("annual_budget", r => r.Budget),
            StagingColumn<BudgetRow>.Of("budget_weekly_cost", r => r.Weekly),
        ], cancellationToken);
        // The file states the whole budget of the years it covers: replace those years.
        var batch = new { batchId = context.BatchId };
        await context.ExecuteAsync("""
            DELETE FROM dw.lac_budget
            WHERE fiscal_year_start IN (SELECT DISTINCT fiscal_year_start FROM stg.lac_budget WHERE batch_id = @batchId)
            """, batch, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.lac_budget (fiscal_year_start, effective_period, placement_type_code, budgeted_placements, annual_budget, budget_weekly_cost, batch_id)
            SELECT fiscal_year_start, effective_period, placement_type_code, budgeted_placements, annual_budget, budget_weekly_cost, batch_id
            FROM stg.lac_budget WHERE batch_id = @batchId
            """, batch, cancellationToken);
        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        context.Control.LandedQuery = $"""
            SELECT '{AnnualBudgetMeasure}' AS measure, y.fiscal_year AS scope, SUM(l.annual_budget) AS value
            FROM dw.lac_budget AS l
            JOIN (SELECT DISTINCT fiscal_year_start, fiscal_year FROM dw.dim_period) AS y ON y.fiscal_year_start = l.fiscal_year_start
            WHERE l.batch_id = @batchId
            GROUP BY y.fiscal_year
            UNION ALL
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.lac_budget WHERE batch_id = @batchId
            """;
    }
}
