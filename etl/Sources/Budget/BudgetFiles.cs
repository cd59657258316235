namespace Warehouse.Etl.Sources.Budget;

/// <summary>A budget line of the organisation structure in effect at a period's end.</summary>
public sealed record StructureLine(string Code, string Name, string Directorate, string LineType);

/// <summary>
/// What the grants register, virement log and reserve schedule share: each file is for one period (a period
/// column on every row, so a file cut from a bigger register is still read right), and the grants register
/// and virement log name lines of the organisation structure in effect then.
/// </summary>
public static class BudgetFiles
{
    /// <summary>The period of a row; an empty or unreadable cell is rejected.</summary>
    public static FiscalPeriod? Period(SourceRow row, string key = "period")
    {
        var period = Cells.Period(row.Cell(key));
        if (period is null)
            row.Reject(key, row.Text(key), "is not a period such as May-18, 2018-05 or Closedown 2017/18");
        return period;
    }

    /// <summary>
    /// The one period of a file: a row for another period than the first row's is rejected, because a later
    /// file for a period replaces that period and a file for two periods would half-replace one of them.
    /// </summary>
    public static FiscalPeriod? SinglePeriod<T>(LoadContext context, IReadOnlyList<T> rows, Func<T, FiscalPeriod> period, Func<T, int> sourceRow)
    {
        if (rows.Count == 0)
        {
            context.Reject(null, null, null, null, "has no rows under its header; an empty file states nothing for any period");
            return null;
        }
        var first = period(rows[0]);
        foreach (var row in rows.Where(r => period(r) != first))
            context.Reject(null, sourceRow(row), "Period", period(row).Label,
                $"differs from the file's first row ({first.Label}); give one period per file");
        return context.Errors.Any ? null : first;
    }

    /// <summary>The budget lines of the structure in effect at the period's end (SCD2 version by date).</summary>
    public static async Task<IReadOnlyList<StructureLine>> StructureAsync(LoadContext context, FiscalPeriod period, CancellationToken cancellationToken)
    {
        var asOf = period.PeriodEnd.ToDateTime(TimeOnly.MinValue);
        var lines = (await context.QueryAsync<(string code, string name, string directorate, string line_type)>("""
            SELECT budget_line_code, budget_line, directorate, line_type FROM dw.dim_organisation
            WHERE organisation_key > 0 AND valid_from <= @asOf AND valid_to >= @asOf
            """, new { asOf }, cancellationToken)).Select(l => new StructureLine(l.code, l.name, l.directorate, l.line_type)).ToList();
        if (lines.Count == 0)
            throw new SourceFormatException(context.FileName, $"the organisation reference has no structure for {period.FiscalYear}; load organisation first");
        return lines;
    }

    /// <summary>A yes/no cell (Y, Yes, N, No, true, false, 1, 0); anything else is rejected.</summary>
    public static bool? YesNo(SourceRow row, string key)
    {
        switch (row.Text(key)?.ToLowerInvariant())
        {
            case "y" or "yes" or "true" or "1":
                return true;
            case "n" or "no" or "false" or "0":
                return false;
            case null:
                row.Reject(key, null, "is empty; give Y or N");
                return null;
            default:
                row.Reject(key, row.Text(key), "is not Y or N");
                return null;
        }
    }

    /// <summary>Pounds to two decimals, as the facts hold them.</summary>
    public static decimal Pounds(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
