using System.Data.Common;
using Dapper;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Core;

namespace Warehouse.Etl.Publish;

/// <summary>One batch behind a figure, with the rows it loaded that make the figure up.</summary>
public sealed record FigureBatch(int BatchId, string Source, string? FileName, string? Sha256, string State, DateTime? FinishedUtc,
    long? RowsLoaded, IReadOnlyList<string> Rows);

/// <summary>A published figure and where it came from: the view's rows, the batches behind them and their source rows.</summary>
public sealed record ExplainedFigure(string View, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, IReadOnlyList<FigureBatch> Batches,
    IReadOnlyList<string> Notes);

/// <summary>
/// `warehouse explain`: reads a published view's rows for a period and a line, then follows lineage (every warehouse
/// row carries its batch) to the loads, their files, and the rows of those loads that make the figure up. The view
/// and its columns are checked against the live catalogue before any SQL is written, so only real names reach it.
/// </summary>
public static class FigureExplainer
{
    /// <summary>Columns a --line value is matched against, in order of preference (the first the view has, plus its name twin).</summary>
    private static readonly string[][] LineColumns =
    [
        ["budget_line_code", "line", "budget_line"], ["reported_budget_line_code", "reported_line"], ["indicator_id", "indicator", "measure_name"],
        ["placement_type_code", "service_type", "placement_type"], ["code", "service_type"], ["ofsted_code", "need"], ["programme"],
    ];

    public static async Task<ExplainedFigure> ExplainAsync(DbConnection connection, string view, FiscalPeriod period, string? line,
        CancellationToken cancellationToken = default)
    {
        var catalogue = await WarehouseCatalogue.ReadAsync(connection, schemas: SharedViews.Schemas, cancellationToken: cancellationToken);
        var qualified = view.Contains('.') ? view : catalogue.Views.FirstOrDefault(v => v.EndsWith("." + view, StringComparison.OrdinalIgnoreCase)) ?? view;
        if (!catalogue.Has(qualified))
            throw new ArgumentException($"{view} is not a view of the warehouse (see docs/data-dictionary.md for the list).");
        var columns = catalogue.Columns(qualified).Select(c => c.Column).ToList();
        bool Has(string c) => columns.Contains(c, StringComparer.OrdinalIgnoreCase);

        var where = new List<string>();
        var parameters = new DynamicParameters();
        var notes = new List<string>();
        if (Has("fiscal_year") && Has("period"))
        {
            where.Add("fiscal_year = @fiscalYear AND period = @period");
            parameters.Add("fiscalYear", period.FiscalYear);
            parameters.Add("period", period.Period);
        }
        else if (Has("period_key"))
        {
            where.Add("period_key = @periodKey");
            parameters.Add("periodKey", period.FiscalYearStart * 100 + period.Period);
        }
        else
            notes.Add($"{qualified} has no period columns: every row is shown.");
        if (line is not null)
        {
            var match = LineColumns.Select(set => set.Where(Has).ToList()).FirstOrDefault(set => set.Count > 0);
            if (match is null)
                throw new ArgumentException($"{qualified} has no line column (budget_line_code, line, indicator_id, …) to match --line against.");
            where.Add("(" + string.Join(" OR ", match.Select(c => $"UPPER({c}) = UPPER(@line)")) + ")");
            parameters.Add("line", line);
        }
        var sql = $"SELECT * FROM {qualified}" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "");
        var rows = (await connection.QueryAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)))
            .Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>((IDictionary<string, object?>)r, StringComparer.OrdinalIgnoreCase))
            .ToList();

        // Lineage: the view's own batch columns, or, for the committee tables at £000, the monitoring row of the line.
        var batchIds = new SortedSet<int>();
        foreach (var row in rows)
            foreach (var (name, value) in row)
                if (name.EndsWith("batch_id", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("superseded", StringComparison.OrdinalIgnoreCase) && value is not null)
                    batchIds.Add(Convert.ToInt32(value));
        var lineCodes = rows.Select(r => r.GetValueOrDefault("budget_line_code") ?? r.GetValueOrDefault("reported_budget_line_code"))
            .OfType<string>().Distinct().ToList();
        if (batchIds.Count == 0 && lineCodes.Count > 0)
        {
            var lookup = Codes(lineCodes, out var inCodes);
            lookup.Add("fiscalYear", period.FiscalYear);
            lookup.Add("period", period.Period);
            foreach (var ids in await connection.QueryAsync<(int? Ledger, int? Forecast)>(new CommandDefinition(
                         $"SELECT ledger_batch_id, forecast_batch_id FROM dw.v_revenue_monitoring WHERE fiscal_year = @fiscalYear AND period = @period AND budget_line_code IN {inCodes}",
                         lookup, cancellationToken: cancellationToken)))
            {
                if (ids.Ledger is { } l) batchIds.Add(l);
                if (ids.Forecast is { } f) batchIds.Add(f);
            }
            notes.Add($"{qualified} carries no batch column: the batches are those of the lines' monitoring rows (dw.v_revenue_monitoring).");
        }
        else if (batchIds.Count == 0 && rows.Count > 0)
            notes.Add($"{qualified} carries no lineage; its powerbi counterpart at full precision does (see docs/data-dictionary.md).");

        var batches = new List<FigureBatch>();
        foreach (var id in batchIds)
        {
            var load = await connection.QuerySingleOrDefaultAsync<(int BatchId, string Source, string? FileName, string? Sha256, string State, DateTime? FinishedUtc, long? RowsLoaded)>(
                new CommandDefinition("SELECT batch_id, source, file_name, sha256, state, finished_utc, rows_loaded FROM report.load_status WHERE batch_id = @id",
                    new { id }, cancellationToken: cancellationToken));
            if (load.Source is null)
                continue;
            batches.Add(new FigureBatch(load.BatchId, load.Source, load.FileName, load.Sha256, load.State, load.FinishedUtc, load.RowsLoaded,
                await SourceRowsAsync(connection, load.BatchId, load.Source, period, lineCodes, cancellationToken)));
        }
        return new ExplainedFigure(qualified, rows, batches, notes);
    }

    private static string Money(decimal amount) =>
        (amount < 0 ? "-£" : "£") + Math.Abs(amount).ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One parameter per code (list expansion differs between the providers), and the IN list naming them.</summary>
    private static DynamicParameters Codes(IReadOnlyList<string> codes, out string inList)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < codes.Count; i++)
            parameters.Add("c" + i, codes[i]);
        inList = "(" + string.Join(", ", codes.Select((_, i) => "@c" + i)) + ")";
        return parameters;
    }

    /// <summary>The rows of one batch behind the figure: ledger lines by cost centre and account, the forecast return's
    /// line, or the sheet and row the activity returns keep.</summary>
    private static async Task<IReadOnlyList<string>> SourceRowsAsync(DbConnection connection, int batchId, string source, FiscalPeriod period,
        IReadOnlyList<string> lineCodes, CancellationToken cancellationToken)
    {
        var periodKey = period.FiscalYearStart * 100 + period.Period;
        var arguments = Codes(lineCodes.Count > 0 ? lineCodes : [""], out var inCodes);
        arguments.Add("batchId", batchId);
        arguments.Add("periodKey", periodKey);
        IEnumerable<string> rows = source switch
        {
            "finance-gl" when lineCodes.Count > 0 => (await connection.QueryAsync<(string Line, string CostCentre, string Account, string AccountName, decimal Budget, decimal Actual)>(
                    new CommandDefinition($"""
                        SELECT c.budget_line_code, c.cost_centre_code, f.account_code, f.account_name, f.budget, f.actual
                        FROM dw.fact_ledger AS f JOIN dw.dim_cost_centre AS c ON c.cost_centre_key = f.cost_centre_key
                        WHERE f.batch_id = @batchId AND f.period_key = @periodKey AND c.budget_line_code IN {inCodes}
                        ORDER BY c.budget_line_code, c.cost_centre_code, f.account_code
                        """, arguments, cancellationToken: cancellationToken)))
                .Select(r => $"{r.Line} cost centre {r.CostCentre}, account {r.Account} {r.AccountName}: budget {Money(r.Budget)}, actual {Money(r.Actual)}"),
            "finance-forecast" when lineCodes.Count > 0 => (await connection.QueryAsync<(string Line, decimal? Variance, string? Commentary)>(
                    new CommandDefinition($"""
                        SELECT budget_line_code, forecast_variance, commentary_ref FROM dw.fact_revenue_monitoring
                        WHERE forecast_batch_id = @batchId AND period_key = @periodKey AND budget_line_code IN {inCodes} ORDER BY budget_line_code
                        """, arguments, cancellationToken: cancellationToken)))
                .Select(r => $"{r.Line}: forecast variance {(r.Variance is { } v ? Money(v) : "none")}" + (r.Commentary is null ? "" : $", commentary {r.Commentary}")),
            "adult-services-return" => (await connection.QueryAsync<(string Sheet, int Row, string Area, string Code)>(new CommandDefinition("""
                    SELECT f.source_sheet, f.source_row, d.service_area, d.code FROM dw.fact_adult_activity AS f
                    JOIN dw.dim_activity_service_type AS d ON d.service_type_key = f.service_type_key
                    WHERE f.batch_id = @batchId AND f.period_key = @periodKey ORDER BY f.source_sheet, f.source_row
                    """, arguments, cancellationToken: cancellationToken)))
                .Select(r => $"sheet {r.Sheet}, row {r.Row}: {r.Area} {r.Code}"),
            "sen-placements-return" => (await connection.QueryAsync<(int Row, string Code)>(new CommandDefinition("""
                    SELECT f.source_row, d.code FROM dw.fact_sen_placement AS f
                    JOIN dw.dim_activity_service_type AS d ON d.service_type_key = f.service_type_key
                    WHERE f.batch_id = @batchId AND f.period_key = @periodKey ORDER BY f.source_row
                    """, arguments, cancellationToken: cancellationToken)))
                .Select(r => $"row {r.Row}: {r.Code}"),
            _ => [],
        };
        return rows.ToList();
    }
}
