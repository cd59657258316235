namespace Warehouse.Etl.Sources.Reference;

/// <summary>One cost centre of the organisation and committee reference, for the financial year it takes effect.</summary>
public sealed record OrganisationRow(
    int SourceRow, int FiscalYearStart, string Directorate, string? ServiceGroup, string BudgetLineCode, string BudgetLine,
    string LineType, string CommitteeCode, bool DsgFunded, string? PooledBudget, string CostCentreCode, string CostCentre, int SortOrder)
{
    public DateTime ValidFrom => new(FiscalYearStart, 4, 1);

    /// <summary>
    /// The optional line columns the file does not have (<see cref="OrganisationReader.OptionalLineColumns"/>): their
    /// values here are the defaults for a new line; a line the warehouse holds keeps its stored values.
    /// </summary>
    public IReadOnlySet<string> NotStated { get; init; } = new HashSet<string>();
}

/// <summary>
/// Reads the organisation and committee reference (csv or xlsx; format in docs/formats/finance.md),
/// reporting every invalid cell to the error sink with its place. Budget line and cost centre codes are
/// settled as they are read (<see cref="CodeSpellings"/>): one spelling per code in the file, the warehouse's
/// for a code it already holds.
/// </summary>
public static class OrganisationReader
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("effective_from", true, "effective_from", "effective from", "financial year", "year"),
        new("directorate", true, "directorate"),
        new("service_group", false, "service_group", "service group", "sub group"),
        new("budget_line_code", true, "budget_line_code", "budget line code", "line code", "policy line code"),
        new("budget_line", true, "budget_line", "budget line", "service", "policy line"),
        new("line_type", true, "line_type", "line type", "type"),
        new("committee", true, "committee", "reporting committee"),
        new("dsg_funded", false, "dsg_funded", "dsg funded", "dsg"),
        new("pooled_budget", false, "pooled_budget", "pooled budget", "pool"),
        new("cost_centre_code", true, "cost_centre_code", "cost centre code", "cost centre", "cc"),
        new("cost_centre", true, "cost_centre", "cost centre name", "cost centre description"),
        new("sort_order", false, "sort_order", "sort order", "order"),
    ];

    private static readonly string[] LineTypes = ["expenditure", "grant"];

    /// <summary>
    /// The optional columns that describe a budget line, named as dw.dim_organisation's columns. When the file has
    /// no such column the lines it lists keep what the warehouse holds (docs/formats/finance.md §2); new lines get
    /// the default: no service group, dsg_funded N, no pooled budget, the file's order.
    /// </summary>
    public static readonly IReadOnlyList<string> OptionalLineColumns = ["service_group", "dsg_funded", "pooled_budget", "sort_order"];

    public static IEnumerable<OrganisationRow> Read(string path, RowErrors errors, IReadOnlySet<string> committees,
        CodeSpellings budgetLineCodes, CodeSpellings costCentreCodes)
    {
        var clean = true;
        IReadOnlySet<string>? notStated = null;
        // Once any row is bad nothing more is emitted (the file is rejected), but every row is still read for its errors.
        return SourceRows.Read<OrganisationRow>(path, errors, Columns, row =>
        {
            notStated ??= OptionalLineColumns.Where(c => !row.Has(c)).ToHashSet();
            var parsed = ReadRow(row, committees, budgetLineCodes, costCentreCodes);
            clean &= row.IsClean;
            return clean ? parsed is null ? null : parsed with { NotStated = notStated } : null;
        }, rejectWiderRows: true);
    }

    private static OrganisationRow? ReadRow(SourceRow row, IReadOnlySet<string> committees, CodeSpellings budgetLineCodes, CodeSpellings costCentreCodes)
    {
        var yearText = row.Required("effective_from");
        var fiscalYear = Cells.FiscalYear(yearText);
        if (fiscalYear is null && yearText.Length > 0)
            row.Reject("effective_from", yearText, "is not a financial year such as 2018/19");
        var lineType = row.Required("line_type").ToLowerInvariant();
        if (lineType.Length > 0 && !LineTypes.Contains(lineType))
            row.Reject("line_type", lineType, "must be expenditure or grant");
        var committee = row.Required("committee");
        var committeeCode = committees.FirstOrDefault(c => c.Equals(committee, StringComparison.OrdinalIgnoreCase));
        if (committeeCode is null && committee.Length > 0)
            row.Reject("committee", committee, $"is not a known committee ({string.Join(", ", committees.Order())})");
        var dsg = YesNo(row.Text("dsg_funded"));
        if (dsg is null)
            row.Reject("dsg_funded", row.Text("dsg_funded"), "must be Y or N");
        var sortOrder = row.Has("sort_order") ? row.WholeNumber("sort_order", required: false) : row.Number;
        var code = row.Required("budget_line_code");
        if (code.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase))
            row.Reject("budget_line_code", code, "UNKNOWN is reserved for the Unknown member");
        else if (code.Length > 0)
            code = row.Settle(budgetLineCodes, "budget_line_code", code) ?? code;

        var directorate = Cells.CleanText(row.Required("directorate"));
        var budgetLine = Cells.SplitFootnote(row.Required("budget_line")).Name;
        var costCentreCode = row.Required("cost_centre_code");
        // The Unknown cost centre (key -1) has this code: a member spelled so would be merged into it.
        if (costCentreCode.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase))
            row.Reject("cost_centre_code", costCentreCode, "UNKNOWN is reserved for the Unknown member");
        else if (costCentreCode.Length > 0)
            costCentreCode = row.Settle(costCentreCodes, "cost_centre_code", costCentreCode) ?? costCentreCode;
        var costCentre = Cells.CleanText(row.Required("cost_centre"));
        if (!row.IsClean)
            return null;
        return new OrganisationRow(row.Number, fiscalYear!.Value, directorate,
            row.Text("service_group") is { } group ? Cells.CleanText(group) : null, code, budgetLine, lineType, committeeCode!,
            dsg!.Value, row.Text("pooled_budget"), costCentreCode, costCentre, sortOrder ?? row.Number);
    }

    private static bool? YesNo(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "N" or "NO" or "FALSE" or "0" => false,
        "Y" or "YES" or "TRUE" or "1" => true,
        _ => null,
    };
}
