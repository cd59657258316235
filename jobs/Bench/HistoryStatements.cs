using System.Globalization;

namespace Warehouse.Jobs.Bench;

/// <summary>A dw table the history generator copies, as the catalogue lists it.</summary>
public sealed record CopiedTable(string Name, IReadOnlyList<string> Columns, string? GeneratedKey)
{
    /// <summary>Lineage columns (batch_id, ledger_batch_id, …): each copy points at its own batches.</summary>
    public IReadOnlyList<string> BatchColumns => Columns.Where(c => c.EndsWith("batch_id", StringComparison.Ordinal)).ToList();
    public bool ByQuarter => Columns.Contains("fiscal_quarter");

    /// <summary>The columns an insert names: all but a key the database generates.</summary>
    public IEnumerable<string> Inserted => Columns.Where(c => c != GeneratedKey);
}

/// <summary>
/// The history generator's and the view timer's statements, built from catalogue names at run time (the embedded-SQL
/// model test exempts this file; the bench test runs them on PostgreSQL). Values are the generator's own integers,
/// written as literals; names come from the catalogue.
/// </summary>
public static class HistoryStatements
{
    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string DistinctValues(string table, string column) => $"SELECT DISTINCT {column} FROM dw.{table}";

    public static string DistinctYears(CopiedTable table) => table.ByQuarter
        ? $"SELECT DISTINCT fiscal_year_start, fiscal_quarter FROM dw.{table.Name}"
        : $"SELECT DISTINCT fiscal_year_start, 0 FROM dw.{table.Name}";

    public static string PeriodFilter(int period) => $"period_key = {Number(period)}";

    public static string YearFilter(CopiedTable table, int year, int quarter) =>
        $"fiscal_year_start = {Number(year)}" + (table.ByQuarter ? $" AND fiscal_quarter = {Number(quarter)}" : "");

    public static string DistinctBatches(string table, string column, string filter) =>
        $"SELECT DISTINCT {column} FROM dw.{table} WHERE {filter} AND {column} IS NOT NULL";

    // Each lineage column through the map to the copy's batches.
    private static string Mapped(string column, IReadOnlyDictionary<int, int> batches, string alias = "") =>
        batches.Count == 0 ? $"{alias}{column}"
            : $"CASE {alias}{column} {string.Join(" ", batches.Select(b => $"WHEN {Number(b.Key)} THEN {Number(b.Value)}"))} END";

    public static string CopyPeriod(CopiedTable table, int template, int target, IReadOnlyDictionary<int, int> batches) =>
        $"INSERT INTO dw.{table.Name} ({string.Join(", ", table.Inserted)}) SELECT " +
        string.Join(", ", table.Inserted.Select(c => c == "period_key" ? Number(target)
            : table.BatchColumns.Contains(c) ? Mapped(c, batches) : c)) +
        $" FROM dw.{table.Name} WHERE period_key = {Number(template)}";

    public static string CopyYear(CopiedTable table, (int Year, int Quarter) template, (int Year, int Quarter) target, IReadOnlyDictionary<int, int> batches) =>
        $"INSERT INTO dw.{table.Name} ({string.Join(", ", table.Inserted)}) SELECT " +
        string.Join(", ", table.Inserted.Select(c => c switch
        {
            "fiscal_year_start" => Number(target.Year),
            "fiscal_quarter" => Number(target.Quarter),
            _ when table.BatchColumns.Contains(c) => Mapped(c, batches),
            _ => c,
        })) +
        $" FROM dw.{table.Name} WHERE {YearFilter(table, template.Year, template.Quarter)}";

    /// <summary>
    /// The figures of the copied statement lines: each sampled line's figures under its copy, found by the copy's
    /// batch and the sampled line's source row (unique per batch).
    /// </summary>
    public static string CopyStatementFigures(CopiedTable figures, int template, int target, IReadOnlyDictionary<int, int> batches) =>
        $"INSERT INTO dw.{figures.Name} ({string.Join(", ", figures.Inserted)}) SELECT " +
        string.Join(", ", figures.Inserted.Select(c => c == "line_id" ? "n.line_id" : figures.BatchColumns.Contains(c) ? Mapped(c, batches, "f.") : "f." + c)) +
        $" FROM dw.{figures.Name} AS f JOIN dw.{HistoryCatalogue.StatementLines} AS o ON o.line_id = f.line_id" +
        $" JOIN dw.{HistoryCatalogue.StatementLines} AS n ON n.period_key = {Number(target)} AND n.source_row = o.source_row AND n.batch_id = {Mapped("batch_id", batches, "o.")}" +
        $" WHERE o.period_key = {Number(template)}";

    /// <summary>A report view for one period (and committee), by the columns it has; a view with neither is read whole.</summary>
    public static (string Sql, string Filter) ViewQuery(string schema, string view, IReadOnlyCollection<string> columns, bool byCommittee)
    {
        var where = new List<string>();
        if (columns.Contains("fiscal_year") && columns.Contains("period"))
            where.AddRange(["fiscal_year = @fiscalYear", "period = @period"]);
        else if (columns.Contains("fiscal_year_start") && columns.Contains("period"))
            where.AddRange(["fiscal_year_start = @fiscalYearStart", "period = @period"]);
        else if (columns.Contains("fiscal_year_start") && columns.Contains("fiscal_quarter"))
            where.AddRange(["fiscal_year_start = @fiscalYearStart", "fiscal_quarter = @quarter"]);
        if (byCommittee && columns.Contains("committee"))
            where.Add("committee = @committee");
        var filter = where.Count == 0 ? "whole view" : string.Join(" and ", where.Select(w => w.Split(' ')[0]).Distinct());
        return ($"SELECT * FROM {schema}.{view}" + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)), filter);
    }
}
