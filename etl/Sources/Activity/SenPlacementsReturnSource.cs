namespace Warehouse.Etl.Sources.Activity;

/// <summary>
/// The SEN placements return (xlsx, sheet SEN): per Ofsted need the budgeted placements, budget, average
/// annual cost, placements now, yearly average, actual cost and its average, with Growth, Recoupment and the
/// printed TOTAL as control totals. Facts at need × period; a later return for a period replaces it.
/// </summary>
public sealed class SenPlacementsReturnSource : ISource
{
    public string Name => "sen-placements-return";
    public string Description => "SEN placements by Ofsted need (budget, placements, yearly average, cost, recoupment)";

    private const string BudgetAverageCost = "budget average cost";

    private static readonly IReadOnlyDictionary<string, string> LandedMeasures = new Dictionary<string, string>
    {
        [SenReturnReader.BudgetedPlacements] = "budgeted_placements",
        [SenReturnReader.Budget] = "budget",
        [SenReturnReader.PlacementsNow] = "placements_now",
        [SenReturnReader.YearlyAverage] = "yearly_average",
        [SenReturnReader.ActualCost] = "actual_cost",
        [SenReturnReader.ActualAverageCost] = "actual_average_cost",
        [BudgetAverageCost] = "budget_average_cost",
    };

    // Measures the TOTAL row adds up, with their column, rounding unit of each line (0 = whole counts).
    private static readonly IReadOnlyList<(string Measure, string Key, decimal Unit)> TotalMeasures =
    [
        (SenReturnReader.BudgetedPlacements, "budgeted_placements", 0m),
        (SenReturnReader.Budget, "budget", 1000m),
        (SenReturnReader.PlacementsNow, "placements_now", 0m),
        (SenReturnReader.YearlyAverage, "yearly_average", 0.01m),
        (SenReturnReader.ActualCost, "actual_cost", 1000m),
    ];

    private sealed record Staged(SenLine Line, int PeriodKey);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var reference = await ActivityServiceTypes.LoadAsync(context, cancellationToken);
        if (reference.IsEmpty)
            throw new SourceFormatException(context.FileName, "the activity service-type reference is empty; load activity-service-types first");
        var sen = SenReturnReader.Read(context.File!.Path, context.Errors, reference);
        context.RowsRead = sen.Lines.Count;
        if (context.Errors.Any || sen.Period is not { } period)
            return;
        context.Period = period;

        var controls = await ActivityControls.CreateAsync(context, period, cancellationToken);
        foreach (var line in sen.Lines)
        {
            foreach (var (measure, key, value) in new[]
            {
                (SenReturnReader.BudgetedPlacements, "budgeted_placements", line.BudgetedPlacements),
                (SenReturnReader.PlacementsNow, "placements_now", line.PlacementsNow),
                (SenReturnReader.YearlyAverage, "yearly_average", line.YearlyAverage),
                (BudgetAverageCost, "budget_average_cost", line.BudgetAverageCost),
                (SenReturnReader.ActualAverageCost, "actual_average_cost", line.ActualAverageCost),
            })
            {
                if (value < 0 && !controls.AcceptValue(line.Need, measure, value.Value))
                    context.Reject(line.Row, sen.Header.HeaderText(key), value.Value.ToString("0.##"),
                        "is negative; placements and average costs cannot be below zero");
            }
        }
        foreach (var total in sen.Lines.Where(l => ActivityServiceTypes.IsTotal(l.Need.LineKind)))
        {
            var members = ActivityServiceTypes.MembersOf(total.Need.LineKind);
            var lines = sen.Lines.Where(l => members.Contains(l.Need.LineKind)).ToList();
            foreach (var (measure, key, unit) in TotalMeasures)
            {
                if (total.Measure(measure) is not { } printed)
                    continue;
                var values = lines.Select(l => l.Measure(measure)).Where(v => v is not null).Select(v => v!.Value).ToList();
                var tolerance = unit == 0 ? 0m : ActivityControls.Rounding(values.Count, unit);
                controls.CheckTotal(total.Row, sen.Header.HeaderText(key), total.Need, measure, printed, values.Sum(), tolerance,
                    v => unit == 1000m ? ActivityControls.Thousands(v) : v.ToString("0.##"));
            }
        }
        if (context.Errors.Any)
            return;

        var staged = sen.Lines.Select(l => new Staged(l, period.Key)).ToList();
        await context.StageAsync("stg.sen_placement", staged,
        [
            StagingColumn<Staged>.Of("source_row", s => s.Line.Row.RowNumber),
            StagingColumn<Staged>.Of("period_key", s => s.PeriodKey),
            StagingColumn<Staged>.Of("service_type_key", s => s.Line.Need.TypeKey),
            StagingColumn<Staged>.Of("budgeted_placements", s => Round(s.Line.BudgetedPlacements)),
            StagingColumn<Staged>.Of("budget", s => Round(s.Line.Budget)),
            StagingColumn<Staged>.Of("budget_average_cost", s => Round(s.Line.BudgetAverageCost)),
            StagingColumn<Staged>.Of("placements_now", s => Round(s.Line.PlacementsNow)),
            StagingColumn<Staged>.Of("yearly_average", s => Round(s.Line.YearlyAverage)),
            StagingColumn<Staged>.Of("actual_cost", s => Round(s.Line.ActualCost)),
            StagingColumn<Staged>.Of("actual_average_cost", s => Round(s.Line.ActualAverageCost)),
        ], cancellationToken);
        await controls.StageAsync(cancellationToken);

        await context.ExecuteAsync("DELETE FROM dw.fact_sen_placement WHERE period_key = @periodKey", new { periodKey = period.Key }, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.fact_sen_placement (period_key, service_type_key, budgeted_placements, budget, budget_average_cost,
                placements_now, yearly_average, actual_cost, actual_average_cost, source_row, batch_id)
            SELECT period_key, service_type_key, budgeted_placements, budget, budget_average_cost,
                placements_now, yearly_average, actual_cost, actual_average_cost, source_row, batch_id
            FROM stg.sen_placement WHERE batch_id = @batchId
            """, new { batchId = context.BatchId }, cancellationToken);
        context.Control.Expect(ControlMeasures.Rows, "", staged.Count);
        context.Control.LandedQuery = ActivityControls.LandedQuery("dw.fact_sen_placement", LandedMeasures);
    }

    private static decimal? Round(decimal? value) => value is null ? null : decimal.Round(value.Value, 2, MidpointRounding.AwayFromZero);
}
