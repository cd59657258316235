namespace Warehouse.Etl.Sources.Budget;

/// <summary>
/// The grants register (xlsx; docs/formats/budget.md §2): per grant and period the awarding body, the expected
/// amount, whether it is in the base budget (Business Plan) or additional, the directorate that receives it (and,
/// where a directorate reports to more than one committee, the budget line), and the ledger's grant line that
/// carries it (Non Baselined Grants, Financing DSG). A later register for a period replaces that period's.
/// The receiving directorates are what shares a whole-service grant line among committees (report.committee_allocation).
/// </summary>
public sealed class GrantsRegisterSource : ISource
{
    public const string ExpectedAmountMeasure = "expected_amount";

    public string Name => "grants-register";
    public string Description => "Grants register (grant, awarding body, receiving directorate, expected amount) per period";

    private static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("period", true, "Period"),
        new("grant", true, "Grant", "Grant Name"),
        new("awarding_body", true, "Awarding Body", "Funder"),
        new("directorate", true, "Directorate", "Receiving Directorate"),
        new("budget_line", false, "Budget Line Code", "Receiving Budget Line Code", "Receiving Line Code"),
        new("grant_line", true, "Grant Line Code", "Funding Line Code"),
        new("in_base_budget", true, "In Base Budget", "Business Plan", "In Business Plan"),
        new("amount", true, "Expected Amount", "Amount"),
    ];

    internal sealed record GrantRow(int SourceRow, FiscalPeriod Period, string Grant, string AwardingBody, string Directorate,
        string? BudgetLine, string GrantLine, bool InBaseBudget, decimal Amount);

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var rows = SourceRows.Read<GrantRow>(context.File!.Path, context.Errors, Columns, row =>
        {
            var period = BudgetFiles.Period(row);
            var grant = new GrantRow(row.Number, period ?? default, Cells.CleanText(row.Required("grant")), Cells.CleanText(row.Required("awarding_body")),
                Cells.CleanText(row.Required("directorate")), row.Text("budget_line"), row.Required("grant_line"),
                BudgetFiles.YesNo(row, "in_base_budget") ?? false, row.Money("amount") ?? 0);
            return row.IsClean ? grant : null;
        }, rejectWiderRows: true).ToList();
        context.RowsRead = rows.Count;
        if (context.Errors.Any || BudgetFiles.SinglePeriod(context, rows, r => r.Period, r => r.SourceRow) is not { } period)
            return;
        context.Period = period;

        var structure = await BudgetFiles.StructureAsync(context, period, cancellationToken);
        var byCode = structure.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);
        var directorates = structure.Select(l => l.Directorate).Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(d => Cells.NameKey(d), d => d);
        var settled = new List<GrantRow>();
        var seen = new Dictionary<(string, string, string, string), int>();
        foreach (var grant in rows)
        {
            var before = context.Errors.Count;
            if (!directorates.TryGetValue(Cells.NameKey(grant.Directorate), out var directorate))
                context.Reject(null, grant.SourceRow, "Directorate", grant.Directorate,
                    $"is not a directorate of the {period.FiscalYear} organisation reference ({string.Join(", ", directorates.Values.Order())})");
            string? recipient = null;
            if (grant.BudgetLine is { } code)
            {
                if (!byCode.TryGetValue(code, out var line))
                    context.Reject(null, grant.SourceRow, "Budget Line Code", code, $"is not a budget line of the {period.FiscalYear} organisation reference");
                else if (directorate is not null && !line.Directorate.Equals(directorate, StringComparison.OrdinalIgnoreCase))
                    context.Reject(null, grant.SourceRow, "Budget Line Code", code, $"is a line of {line.Directorate}, not of {directorate}");
                else
                    recipient = line.Code;
            }
            string? grantLine = null;
            if (!byCode.TryGetValue(grant.GrantLine, out var carrying))
                context.Reject(null, grant.SourceRow, "Grant Line Code", grant.GrantLine, $"is not a budget line of the {period.FiscalYear} organisation reference");
            else if (carrying.LineType != "grant")
                context.Reject(null, grant.SourceRow, "Grant Line Code", grant.GrantLine, $"is {carrying.Name}, an {carrying.LineType} line; a grant is carried by a grant line");
            else
                grantLine = carrying.Code;
            if (context.Errors.Count != before)
                continue;
            var key = (Cells.NameKey(grant.Grant), directorate!, recipient ?? "", grantLine!);
            if (seen.TryGetValue(key, out var first))
            {
                context.Reject(null, grant.SourceRow, "Grant", grant.Grant, $"is given twice for {directorate} (first at row {first}); give each directorate's part once");
                continue;
            }
            seen[key] = grant.SourceRow;
            settled.Add(grant with { Directorate = directorate!, BudgetLine = recipient, GrantLine = grantLine! });
        }
        if (context.Errors.Any)
            return;

        foreach (var grant in settled)
            context.Control.Add(ExpectedAmountMeasure, grant.GrantLine, BudgetFiles.Pounds(grant.Amount));
        context.Control.Expect(ControlMeasures.Rows, "", settled.Count);

        await context.ExecuteAsync("DELETE FROM dw.fact_grant WHERE period_key = @periodKey", new { periodKey = period.Key }, cancellationToken);
        context.RowsLoaded = await context.StageAsync("dw.fact_grant", settled,
        [
            StagingColumn<GrantRow>.Of("period_key", g => g.Period.Key),
            StagingColumn<GrantRow>.Of("source_row", g => g.SourceRow),
            StagingColumn<GrantRow>.Of("grant_name", g => g.Grant),
            StagingColumn<GrantRow>.Of("awarding_body", g => g.AwardingBody),
            StagingColumn<GrantRow>.Of("directorate", g => g.Directorate),
            StagingColumn<GrantRow>.Of("recipient_line_code", g => g.BudgetLine),
            StagingColumn<GrantRow>.Of("grant_line_code", g => g.GrantLine),
            StagingColumn<GrantRow>.Of("in_base_budget", g => g.InBaseBudget),
            StagingColumn<GrantRow>.Of("expected_amount", g => BudgetFiles.Pounds(g.Amount)),
        ], cancellationToken);
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.fact_grant WHERE batch_id = @batchId
            UNION ALL
            SELECT '{ExpectedAmountMeasure}' AS measure, grant_line_code AS scope, SUM(expected_amount) AS value FROM dw.fact_grant WHERE batch_id = @batchId GROUP BY grant_line_code
            """;
    }
}
