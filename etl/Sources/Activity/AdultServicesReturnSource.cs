using System.Globalization;



namespace Warehouse.Etl.Sources.Activity;

/// <summary>
/// The monthly adult services key activity return (xlsx, sheets LD, AMH, OP, OPMH): per service type the
/// budgeted users and unit cost, annual budget, current users and unit cost, forecast spend and variance,
/// the income and "further savings" lines and the printed totals. Facts are held at service type × period;
/// a later return for the same period replaces the period. Printed totals are the control totals.
/// </summary>
public sealed class AdultServicesReturnSource : ISource
{
    public string Name => "adult-services-return";
    public string Description => "Adult services key activity return (LD, AMH, OP, OPMH) by service type";

    private static readonly IReadOnlyDictionary<string, string> LandedMeasures = new Dictionary<string, string>
    {
        [AdultReturnReader.BudgetedUsers] = "budgeted_users",
        [AdultReturnReader.AnnualBudget] = "annual_budget",
        [AdultReturnReader.CurrentUsers] = "current_users",
        [AdultReturnReader.ForecastSpend] = "forecast_spend",
        [AdultReturnReader.Variance] = "variance",
    };

    private sealed record Staged(AdultLine Line, int PeriodKey);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var reference = await ActivityServiceTypes.LoadAsync(context, cancellationToken);
        if (reference.IsEmpty)
            throw new SourceFormatException(context.FileName, "the activity service-type reference is empty; load activity-service-types first");
        var sheets = AdultReturnReader.Read(context.File!.Path, context.Errors, reference);
        var periods = sheets.Where(s => s.Period is not null).Select(s => s.Period!.Value).Distinct().ToList();
        if (periods.Count > 1)
            context.Reject(null, null, null, string.Join(", ", periods.Select(p => p.Label)),
                "the sheets are for different periods; one return covers one period");
        context.RowsRead = sheets.Sum(s => s.Lines.Count);
        if (context.Errors.Any || periods.Count == 0)
        {
            if (periods.Count == 0 && !context.Errors.Any)
                context.Reject(null, null, null, null, "no period found");
            return;
        }
        var period = periods[0];
        context.Period = period;

        var controls = await ActivityControls.CreateAsync(context, period, cancellationToken);
        foreach (var sheet in sheets)
            CheckTotals(sheet, controls);
        if (context.Errors.Any)
            return;

        var lines = sheets.SelectMany(s => s.Lines).Select(l => new Staged(l, period.Key)).ToList();
        await context.StageAsync("stg.adult_activity", lines,
        [
            StagingColumn<Staged>.Of("source_sheet", s => s.Line.Row.Sheet),
            StagingColumn<Staged>.Of("source_row", s => s.Line.Row.RowNumber),
            StagingColumn<Staged>.Of("period_key", s => s.PeriodKey),
            StagingColumn<Staged>.Of("service_type_key", s => s.Line.Line.TypeKey),
            StagingColumn<Staged>.Of("budgeted_users", s => Round(s.Line.BudgetedUsers, 2)),
            StagingColumn<Staged>.Of("budgeted_unit_cost", s => Round(s.Line.BudgetedUnitCost, 4)),
            StagingColumn<Staged>.Of("unit", s => s.Line.Unit),
            StagingColumn<Staged>.Of("annual_budget", s => Round(s.Line.AnnualBudget, 2)),
            StagingColumn<Staged>.Of("current_users", s => Round(s.Line.CurrentUsers, 2)),
            StagingColumn<Staged>.Of("current_unit_cost", s => Round(s.Line.CurrentUnitCost, 4)),
            StagingColumn<Staged>.Of("forecast_spend", s => Round(s.Line.ForecastSpend, 2)),
            StagingColumn<Staged>.Of("variance", s => Round(s.Line.Variance, 2)),
        ], cancellationToken);
        await controls.StageAsync(cancellationToken);

        // A return states the whole period: a restatement replaces the period's slice.
        await context.ExecuteAsync("DELETE FROM dw.fact_adult_activity WHERE period_key = @periodKey", new { periodKey = period.Key }, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.fact_adult_activity (period_key, service_type_key, budgeted_users, budgeted_unit_cost, unit, annual_budget,
                current_users, current_unit_cost, forecast_spend, variance, source_sheet, source_row, batch_id)
            SELECT period_key, service_type_key, budgeted_users, budgeted_unit_cost, unit, annual_budget,
                current_users, current_unit_cost, forecast_spend, variance, source_sheet, source_row, batch_id
            FROM stg.adult_activity WHERE batch_id = @batchId
            """, new { batchId = context.BatchId }, cancellationToken);

        context.Control.Expect(ControlMeasures.Rows, "", lines.Count);
        context.Control.LandedQuery = ActivityControls.LandedQuery("dw.fact_adult_activity", LandedMeasures);
    }

    // Each printed total against the lines it adds up, measure by measure, as printed (before loading).
    private static void CheckTotals(AdultSheet sheet, ActivityControls controls)
    {
        foreach (var total in sheet.Lines.Where(l => ActivityServiceTypes.IsTotal(l.Line.LineKind)))
        {
            var members = ActivityServiceTypes.MembersOf(total.Line.LineKind);
            var lines = sheet.Lines.Where(l => members.Contains(l.Line.LineKind)).ToList();
            foreach (var (measure, key) in AdultReturnReader.TotalMeasures)
            {
                if (total.Measure(measure) is not { } printed)
                    continue;
                var values = lines.Select(l => l.Measure(measure)).Where(v => v is not null).Select(v => v!.Value).ToList();
                var isCount = measure is AdultReturnReader.BudgetedUsers or AdultReturnReader.CurrentUsers;
                // Users are whole counts; money is printed in £000, each line rounded to the nearest £1,000.
                var tolerance = isCount ? 0m : ActivityControls.Rounding(values.Count, 1000m);
                controls.CheckTotal(total.Row, sheet.Header.HeaderText(key), total.Line, measure, printed, values.Sum(), tolerance,
                    v => isCount ? v.ToString("N0", CultureInfo.InvariantCulture) : ActivityControls.Thousands(v));
            }
        }
    }

    private static decimal? Round(decimal? value, int decimals) => value is null ? null : decimal.Round(value.Value, decimals, MidpointRounding.AwayFromZero);
}
