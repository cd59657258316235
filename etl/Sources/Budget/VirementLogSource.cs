namespace Warehouse.Etl.Sources.Budget;

/// <summary>
/// The virement log (xlsx; docs/formats/budget.md §3): the budget a period's monitoring starts from (Budget as
/// per Business Plan, entry `opening`) and each virement since, with the line(s) it moves (a budget line as
/// printed, or "Multiple Policy Lines"), its effective month, amount and note. The current budget is not typed:
/// report.budget_reconciliation adds the virements to the opening budget and sets that against the ledger.
/// </summary>
public sealed class VirementLogSource : ISource
{
    public const string AmountMeasure = "amount";

    public string Name => "virement-log";
    public string Description => "Virement log: the Business Plan budget and each virement (line, effective period, amount, note)";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("period", true, "Period"),
        new("entry", true, "Entry", "Entry Type", "Type"),
        new("line", true, "Line", "Budget Line", "Policy Line"),
        new("effective_period", false, "Eff. Period", "Effective Period", "Eff Period"),
        new("amount", true, "Amount", "Value"),
        new("note", false, "Notes", "Note"),
    ];

    internal sealed record VirementRow(int SourceRow, FiscalPeriod Period, string Entry, string Line, int? EffectivePeriod, decimal Amount, string? Note);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var rows = SourceRows.Read<VirementRow>(context.File!.Path, context.Errors, Columns, row =>
        {
            var period = BudgetFiles.Period(row);
            var entry = row.Required("entry").ToLowerInvariant();
            if (entry is not ("opening" or "virement"))
                row.Reject("entry", row.Text("entry"), entry is "current" or "total" or "closing"
                    ? "is a typed current budget; give only the opening budget and the virements (report.budget_reconciliation adds them up and checks them against the ledger)"
                    : "must be opening (the Business Plan budget) or virement");
            var effective = EffectivePeriod(row);
            if (entry == "virement" && effective is null && row.Text("effective_period") is null)
                row.Reject("effective_period", null, "is empty; a virement needs the month it takes effect (Apr, May … or a period number)");
            var built = new VirementRow(row.Number, period ?? default, entry, Cells.CleanText(row.Required("line")), effective,
                row.Money("amount") ?? 0, row.Text("note") is { } note ? Cells.CleanText(note) : null);
            return row.IsClean ? built : null;
        }, rejectWiderRows: true).ToList();
        context.RowsRead = rows.Count;
        if (context.Errors.Any || BudgetFiles.SinglePeriod(context, rows, r => r.Period, r => r.SourceRow) is not { } period)
            return;
        context.Period = period;
        var openings = rows.Where(r => r.Entry == "opening").ToList();
        if (openings.Count != 1)
            context.Reject(null, openings.Skip(1).FirstOrDefault()?.SourceRow, "Entry", openings.Count == 0 ? null : "opening",
                openings.Count == 0 ? "no row is the opening budget; give the Budget as per Business Plan as entry opening"
                                    : $"opening is given {openings.Count} times; a log starts from one budget");
        foreach (var late in rows.Where(r => r.EffectivePeriod > period.Period))
            context.Reject(null, late.SourceRow, "Eff. Period", late.EffectivePeriod!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"is after the log's period ({period.Label}); a virement cannot take effect after the month it is reported in");
        if (context.Errors.Any)
            return;

        foreach (var row in rows)
            context.Control.Add(AmountMeasure, row.Entry, BudgetFiles.Pounds(row.Amount));
        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        await context.ExecuteAsync("DELETE FROM dw.fact_virement WHERE period_key = @periodKey", new { periodKey = period.Key }, cancellationToken);
        context.RowsLoaded = await context.StageAsync("dw.fact_virement", rows,
        [
            StagingColumn<VirementRow>.Of("period_key", v => v.Period.Key),
            StagingColumn<VirementRow>.Of("source_row", v => v.SourceRow),
            StagingColumn<VirementRow>.Of("entry_type", v => v.Entry),
            StagingColumn<VirementRow>.Of("line", v => v.Line),
            StagingColumn<VirementRow>.Of("effective_period", v => (short?)v.EffectivePeriod),
            StagingColumn<VirementRow>.Of("amount", v => BudgetFiles.Pounds(v.Amount)),
            StagingColumn<VirementRow>.Of("note", v => v.Note),
        ], cancellationToken);
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.fact_virement WHERE batch_id = @batchId
            UNION ALL
            SELECT '{AmountMeasure}' AS measure, entry_type AS scope, SUM(amount) AS value FROM dw.fact_virement WHERE batch_id = @batchId GROUP BY entry_type
            """;
    }

    private static readonly string[] Months = ["apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar"];

    /// <summary>The month a virement takes effect as a period (Apr = 1 … Mar = 12), from a month name or a period number 1–13.</summary>
    private static int? EffectivePeriod(SourceRow row)
    {
        if (row.Text("effective_period") is not { } text)
            return null;
        var lower = text.Trim().ToLowerInvariant();
        var month = Array.FindIndex(Months, m => lower.StartsWith(m, StringComparison.Ordinal));
        if (month >= 0)
            return month + 1;
        if (Cells.WholeNumber(row.Cell("effective_period")) is { Ok: true, Value: >= 1 and <= 13 } number)
            return number.Value;
        row.Reject("effective_period", text, "is not a month (Apr, May …) or a period number 1–13");
        return null;
    }
}
