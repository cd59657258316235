using System.Globalization;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>
/// Tiny GL extracts for tests. The format requires the `Total` control row last (docs/formats/finance.md §4), so a
/// fixture that is not about the Total row gets one: the sum of the Budget and Actual cells that are numbers. (A
/// file with other errors has its Total row read but not checked, so a bad cell's share does not matter.)
/// </summary>
public static class LedgerFiles
{
    public static string Csv(string name, IEnumerable<string> lines) => BadFiles.Csv(name, WithTotal(lines));

    public static string Xlsx(string name, string sheet, IEnumerable<object?[]> rows) => BadFiles.Xlsx(name, sheet, WithTotal(rows));

    public static IReadOnlyList<string> WithTotal(IEnumerable<string> lines)
    {
        var all = lines.ToList();
        var header = all.FindIndex(l => l.Contains("Budget", StringComparison.OrdinalIgnoreCase));
        var columns = all[header].Split(',');
        var (budget, actual) = (Find(columns, "Budget"), Find(columns, "Actual"));
        decimal budgetSum = 0, actualSum = 0;
        foreach (var cells in all.Skip(header + 1).Select(l => l.Split(',')))
        {
            budgetSum += Number(cells.ElementAtOrDefault(budget));
            actualSum += Number(cells.ElementAtOrDefault(actual));
        }
        var total = new string[columns.Length];
        total[0] = "Total";
        total[budget] = budgetSum.ToString("0.00", CultureInfo.InvariantCulture);
        total[actual] = actualSum.ToString("0.00", CultureInfo.InvariantCulture);
        return [.. all, string.Join(",", total)];
    }

    public static IReadOnlyList<object?[]> WithTotal(IEnumerable<object?[]> rows)
    {
        var all = rows.ToList();
        var header = all.FindIndex(r => r.Any(c => c is string s && s.Equals("Budget", StringComparison.OrdinalIgnoreCase)));
        var columns = all[header].Select(c => c as string ?? "").ToArray();
        var (budget, actual) = (Find(columns, "Budget"), Find(columns, "Actual"));
        double budgetSum = 0, actualSum = 0;
        foreach (var cells in all.Skip(header + 1))
        {
            budgetSum += cells.ElementAtOrDefault(budget) is double b ? b : 0;
            actualSum += cells.ElementAtOrDefault(actual) is double a ? a : 0;
        }
        var total = new object?[columns.Length];
        total[0] = "Total";
        total[budget] = budgetSum;
        total[actual] = actualSum;
        return [.. all, total];
    }

    private static int Find(string[] columns, string name) =>
        Array.FindIndex(columns, c => c.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i
            : Array.FindIndex(columns, c => c.Contains(name, StringComparison.OrdinalIgnoreCase));

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
