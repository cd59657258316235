using System.Data.Common;
using Dapper;

namespace Warehouse.Jobs.Bench;

/// <summary>
/// The dw tables the history generator copies, from the catalogue (information_schema, the same on both engines):
/// facts by period (a period_key column), facts and references by year (fiscal_year_start, no period_key;
/// by quarter when they have fiscal_quarter), and the statement figures that hang off statement lines.
/// Dimensions are not copied.
/// </summary>
public sealed record HistoryCatalogue(IReadOnlyList<CopiedTable> Periodic, IReadOnlyList<CopiedTable> Yearly, CopiedTable StatementFigures)
{
    public const string Ledger = "fact_ledger", StatementLines = "fact_statement_line", StatementFiguresTable = "fact_statement_figure";

    public static async Task<HistoryCatalogue> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var columns = (await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition("""
            SELECT c.table_name, c.column_name
            FROM information_schema.columns AS c
            JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'dw' AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """, cancellationToken: cancellationToken))).ToList();
        // A fact's single-column primary key named *_id is a generated one (an identity): the copies get their own.
        var singleKeys = (await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition("""
            SELECT k.table_name, MIN(k.column_name)
            FROM information_schema.table_constraints AS tc
            JOIN information_schema.key_column_usage AS k
              ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
            WHERE tc.table_schema = 'dw' AND tc.constraint_type = 'PRIMARY KEY'
            GROUP BY k.table_name
            HAVING COUNT(*) = 1
            """, cancellationToken: cancellationToken))).ToDictionary(k => k.Table, k => k.Column, StringComparer.Ordinal);
        var tables = columns.GroupBy(c => c.Table, StringComparer.Ordinal)
            .Where(g => !g.Key.StartsWith("dim_", StringComparison.Ordinal))
            .Select(g => new CopiedTable(g.Key, g.Select(c => c.Column).ToList(),
                singleKeys.TryGetValue(g.Key, out var key) && key.EndsWith("_id", StringComparison.Ordinal) && !key.EndsWith("batch_id", StringComparison.Ordinal) ? key : null))
            .ToList();
        var figures = tables.SingleOrDefault(t => t.Name == StatementFiguresTable)
                      ?? throw new InvalidOperationException($"dw.{StatementFiguresTable} is not in the catalogue: the history generator needs updating.");
        return new HistoryCatalogue(
            tables.Where(t => t.Columns.Contains("period_key")).ToList(),
            tables.Where(t => !t.Columns.Contains("period_key") && t.Columns.Contains("fiscal_year_start")).ToList(),
            figures);
    }
}

