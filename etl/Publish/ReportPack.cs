using System.Data.Common;
using System.Globalization;
using Warehouse.Etl.Publish.Pack;

namespace Warehouse.Etl.Publish;

/// <summary>How a pack column prints. Percent holds a fraction (0.006 → 0.6%); PercentPoints holds the printed number
/// (0.6 → 0.6%, stored as the fraction in the workbook); Rag is a RAG status text printed on its colour; Decimal1 is
/// a rate to one decimal as the indicator tables print it.</summary>
public enum CellStyle { Text, Money, Percent, PercentPoints, Decimal2, Whole, Date, Rag, Decimal1 }

public sealed record PackColumn(string Source, string Header, CellStyle Style);

public sealed record PackTable(string Key, string Title, string View, IReadOnlyList<PackColumn> Columns,
    IReadOnlyList<object?[]> Rows, string? Note)
{
    /// <summary>The section the table was read for (its paper headers and hidden columns); null for a table made in code.</summary>
    public PackSection? Section { get; init; }

    public int Index(string source) => Columns.ToList().FindIndex(c => c.Source.Equals(source, StringComparison.OrdinalIgnoreCase));
}

public enum ChartKind { Line, Bar }

/// <summary>A chart for the html pack: categories on the x axis, one value per category per series.</summary>
public sealed record PackChart(string Title, ChartKind Kind, string ValueLabel, IReadOnlyList<string> Categories,
    IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> Series, string? Note);

/// <summary>What the page header and footer and the front page say about the pack: who it is for, the meeting, the
/// report month, how fresh the data is (the latest batch used), whom to ask, and whether the loads reconciled.</summary>
public sealed record PackContext(string CommitteeName, string? Meeting, string ReportMonth, DateTimeOffset? DataAsAt,
    IReadOnlyList<string> Contact, string Reconciliation, string PreviousMonth = "previous", bool HasPreviousForecast = false)
{
    public static PackContext For(FiscalPeriod period, string committee) =>
        new(Committees.DisplayName(committee), null, ReportMonthLabel(period), null, [], "No load of this period has control totals.",
            period.Previous is { } p ? p.Label[..3] : "previous");

    /// <summary>"May 2018", or "Closedown 2018/19".</summary>
    public static string ReportMonthLabel(FiscalPeriod period) => period.IsClosedown
        ? period.Label
        : new DateOnly(period.FiscalYearStart, 4, 1).AddMonths(period.Period - 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}

public sealed record ReportPack(FiscalPeriod Period, string Committee, IReadOnlyList<PackTable> Tables,
    IReadOnlyList<PackChart> Charts, IReadOnlyList<string> Notes)
{
    public PackContext Context { get; init; } = PackContext.For(Period, Committee);

    public string Title => Committee.Equals("all", StringComparison.OrdinalIgnoreCase)
        ? $"Finance & Performance Report — {Context.ReportMonth}"
        : $"Finance & Performance Report — {Context.ReportMonth} — {Context.CommitteeName}";
}

/// <summary>The committees a pack is written for: the code the warehouse holds and the name the paper prints.</summary>
public static class Committees
{
    public static readonly IReadOnlyList<(string Code, string Name)> Known =
    [
        ("all", "People & Communities (all committees)"),
        ("Adults", "Adults Committee"),
        ("CYP", "Children and Young People Committee"),
        ("Communities", "Communities & Partnership Committee"),
    ];

    /// <summary>The committee's code as the warehouse holds it, matched without regard to case; null when unknown.</summary>
    public static string? Resolve(string text) =>
        Known.Select(k => k.Code).FirstOrDefault(c => c.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string DisplayName(string code) =>
        Known.Where(k => k.Code.Equals(code, StringComparison.OrdinalIgnoreCase)).Select(k => k.Name).FirstOrDefault() ?? code + " Committee";
}

/// <summary>One table of the pack: a report view, how to order it and how to show its numbers.</summary>
/// <param name="LatestAtOrBefore">Show the latest reporting month at or before the pack's period (indicators and the
/// portfolio are returned quarterly or at year end, and the committee paper prints the latest it has).</param>
/// <param name="Operations">For the operations annex only (`--include-operations`): load checks, not committee business.</param>
/// <param name="Headers">The paper's column headers for the view's columns; {budget_year}, {month} and {previous}
/// stand for "2018/19", "May 2018" and the previous forecast's month. Columns not named keep a readable header.</param>
/// <param name="Hidden">View columns the paper does not print (codes, internal flags).</param>
public sealed record PackSection(string Key, string Title, string View, string[] OrderBy,
    IReadOnlyDictionary<string, CellStyle>? Styles = null, bool LatestAtOrBefore = false, bool Operations = false,
    IReadOnlyDictionary<string, string>? Headers = null, string[]? Hidden = null, bool WholeService = false);

/// <summary>
/// Builds the committee pack from the report views. Views that this warehouse does not have yet are skipped
/// with a note, so the pack works before and after the finance, activity and indicator views land.
/// </summary>
public static class ReportPackBuilder
{
    private static readonly Dictionary<string, string> SummaryHeaders = new()
    {
        ["previous_forecast_variance_k"] = "Forecast Outturn Variance ({previous}) £000", ["line"] = "Directorate",
        ["budget_k"] = "Budget {budget_year} £000", ["actual_k"] = "Actual {month} £000",
        ["forecast_variance_k"] = "{variance} £000", ["forecast_variance_pct"] = "{variance} %",
    };

    private static readonly Dictionary<string, string> ServiceLineHeaders = new(SummaryHeaders) { ["line"] = "Service", ["footnote"] = "Ref" };

    /// <summary>The pack's tables in committee-paper order. Adding a table is one line: a section with no template of
    /// its own (Pack/Templates/&lt;key&gt;.liquid) is printed by the generic table template.</summary>
    public static readonly IReadOnlyList<PackSection> Sections =
    [
        new("summary", "Overall position by directorate", "report.fpr_directorate_summary", ["sort_order", "line"],
            Headers: SummaryHeaders, Hidden: ["movement_k"]),
        new("committee", "Committee summary", "report.fpr_committee_summary", ["committee", "sort_order", "line"],
            Headers: SummaryHeaders, Hidden: ["movement_k"]),
        new("appendix1", "Appendix 1 — Service level budgetary control report", "report.fpr_service_lines", ["sort_order", "budget_line_code"],
            Headers: ServiceLineHeaders, Hidden: ["movement_k", "row_type", "budget_line_code", "dsg_role", "pooled_budget", "directorate", "service_group"],
            WholeService: true),
        new("appendix2", "Appendix 2 — Commentary on forecast outturn position", "report.fpr_commentary", ["commentary_order"],
            Headers: ServiceLineHeaders, Hidden: ["commentary_order", "commentary", "commentary_ref", "line"], WholeService: true),
        new("dsg", "DSG offset", "report.fpr_dsg_offset", ["period"]),
        new("pooled", "Pooled budget", "report.fpr_pooled_budget", ["pool"]),
        new("grants", "Appendix 3 — grant income", "report.grants", ["sort_order"]),
        new("grants-directorate", "Appendix 3 — grants by directorate", "report.grants_by_directorate", ["grant_line", "line_type", "directorate"]),
        new("virements", "Appendix 4 — virements", "report.virements", ["sort_order"]),
        new("budget-reconciliation", "Appendix 4 — budget reconciliation", "report.budget_reconciliation", ["sort_order"]),
        new("reserves", "Appendix 5 — reserve schedule", "report.reserves", ["publication", "sort_order"], LatestAtOrBefore: true),
        new("allocation", "Whole-service lines by committee", "report.committee_allocation", ["budget_line_code", "committee"]),
        new("kad", "Key activity data", "report.kad_*", ["sort_order", "block_order", "row_order"]),
        new("indicators", "Performance indicators", "report.performance_indicators", ["sort_order", "indicator_id"],
            new Dictionary<string, CellStyle> { ["rag_published"] = CellStyle.Rag, ["rag_derived"] = CellStyle.Rag },
            LatestAtOrBefore: true, Hidden: ["indicator_id", "unit", "direction_published"]),
        new("rag", "Indicator RAG counts", "report.performance_rag_counts", ["responsible_directorate"], LatestAtOrBefore: true),
        new("portfolio", "Portfolio", "report.portfolio", ["sort_order", "programme"], LatestAtOrBefore: true),
        new("portfolio-rag", "Portfolio RAG counts", "report.portfolio_rag_counts", ["period_end"], LatestAtOrBefore: true),
        new("savings", "Savings tracker", "report.savings_tracker", ["reference"], LatestAtOrBefore: true),
        new("savings-summary", "Savings tracker summary", "report.savings_summary", ["committee"], LatestAtOrBefore: true),
        new("capital", "Appendix 6.1 — capital expenditure", "report.capital_programme", ["publication", "service", "sort_order"]),
        new("capital-funding", "Appendix 6.2 — capital funding", "report.capital_funding", ["publication", "service", "line_type", "source_of_funding"]),
        new("capital-variation", "Capital programme variations budget", "report.capital_variation", ["publication", "service"]),
        new("publication-differences", "Figures the F&PR and the IRPR print differently", "report.publication_differences", ["service", "statement", "measure"]),
        new("commentary", "Lines needing commentary", "report.fpr_commentary_required", ["directorate", "budget_line_code"], Operations: true),
        new("reconciliation", "Reconciliation of the loads", "report.reconciliation", ["batch_id", "measure", "scope"], Operations: true),
        new("rejections", "Rejected rows", "report.rejections", ["batch_id", "row_number"], Operations: true),
    ];

    /// <summary>Columns used to select the period and committee, not repeated in every row of the pack.</summary>
    private static readonly HashSet<string> FilterColumns =
        new(["period_end", "fiscal_year", "period", "fiscal_year_start", "period_key", "sort_order", "line_type"], StringComparer.OrdinalIgnoreCase);

    public static FiscalPeriod ParsePeriod(string text)
    {
        var parts = text.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], out var year) && int.TryParse(parts[1], out var month) && year is > 2000 and < 2100)
        {
            if (month is >= 1 and <= 12)
                return FiscalPeriod.FromDate(new DateTime(year, month, 1));
            if (month == 13)
                return new FiscalPeriod(year - 1, 13);
        }
        throw new FormatException($"'{text}' is not a period: use YYYY-MM (2018-05 = May 2018) or YYYY-13 (2019-13 = closedown 2018/19).");
    }

    public static async Task<ReportPack> BuildAsync(DbConnection connection, FiscalPeriod period, string committee,
        IReadOnlyList<PackSection>? sections = null, CancellationToken cancellationToken = default, bool includeOperations = false)
    {
        var catalogue = await WarehouseCatalogue.ReadAsync(connection, null, ["report"], cancellationToken);
        var tables = new List<PackTable>();
        var notes = new List<string>();
        foreach (var section in (sections ?? Sections).Where(s => includeOperations || !s.Operations))
        {
            var views = section.View.EndsWith('*')
                ? catalogue.Views.Where(v => v.StartsWith(section.View[..^1], StringComparison.OrdinalIgnoreCase)).ToList()
                : catalogue.Has(section.View) ? [section.View] : [];
            if (views.Count == 0)
            {
                notes.Add($"{section.Title}: {section.View} is not in this warehouse yet, so the table is left out.");
                continue;
            }
            foreach (var view in views)
            {
                var title = views.Count == 1 && !section.View.EndsWith('*')
                    ? section.Title
                    : $"{section.Title} — {Humanise(view[(view.IndexOf('.') + 1)..].Replace(section.View[7..^1], ""))}";
                tables.Add(await ReadTableAsync(connection, catalogue, section, view, title, period, committee, cancellationToken));
            }
        }
        var charts = new List<PackChart>
        {
            await VarianceTrendAsync(connection, catalogue, period, committee, cancellationToken),
            RagChart(tables),
        };
        var context = await PackFacts.ContextAsync(connection, period, committee, cancellationToken);
        return new ReportPack(period, committee, tables, charts, notes) { Context = context };
    }

    private static async Task<PackTable> ReadTableAsync(DbConnection connection, WarehouseCatalogue catalogue, PackSection section,
        string view, string title, FiscalPeriod period, string committee, CancellationToken cancellationToken)
    {
        var all = catalogue.Columns(view);
        bool Has(string c) => all.Any(x => x.Column.Equals(c, StringComparison.OrdinalIgnoreCase));
        var where = new List<string>();
        string? note = null;
        if (section.LatestAtOrBefore && Has("period_end"))
        {
            where.Add($"period_end = (SELECT MAX(period_end) FROM {view} WHERE period_end <= @periodEnd)");
            note = "The latest return at or before the pack's period.";
        }
        else if (Has("fiscal_year") && Has("period"))
            where.Add("fiscal_year = @fiscalYear AND period = @period");
        else if (Has("period_key"))
            where.Add("period_key = @periodKey");
        else if (Has("period_end"))
            where.Add("period_end = @periodEnd");
        else
            note = "Not period-specific: shows every row.";
        var committeeColumn = new[] { "committee_code", "committee" }.FirstOrDefault(Has);
        // Appendices 1 and 2 are the whole service's, in a committee's paper too (the committee summary is its slice).
        var filterCommittee = !committee.Equals("all", StringComparison.OrdinalIgnoreCase) && !section.WholeService;
        if (filterCommittee && committeeColumn is not null)
            where.Add($"{committeeColumn} = @committee");
        else if (filterCommittee && Has("budget_line_code"))
        {
            // The committee responsible for the line in the pack's year (the latest assignment at or before it).
            where.Add("budget_line_code IN (SELECT r.budget_line_code FROM dw.committee_responsibility AS r " +
                      "JOIN dw.dim_committee AS c ON c.committee_key = r.committee_key WHERE c.committee_code = @committee " +
                      "AND r.fiscal_year_start = (SELECT MAX(r2.fiscal_year_start) FROM dw.committee_responsibility AS r2 " +
                      "WHERE r2.budget_line_code = r.budget_line_code AND r2.fiscal_year_start <= @fiscalYearStart))");
            note = (note is null ? "" : note + " ") + "The committee's budget lines only; totals are in the committee summary.";
        }
        else if (filterCommittee)
            note = (note is null ? "" : note + " ") + "Not split by committee: shows the whole service.";

        // Columns the layout needs to group and total rows (directorate, row type) are read even when not printed.
        var shown = all.Where(c => (!FilterColumns.Contains(c.Column) || (section.LatestAtOrBefore && c.Column == "period_end") || c.Column == "line_type")
                                   && !c.Column.EndsWith("_key", StringComparison.Ordinal)
                                   && !(filterCommittee && c.Column.Equals(committeeColumn, StringComparison.OrdinalIgnoreCase))).ToList();
        var order = section.OrderBy.Where(Has).ToList();
        if (order.Count == 0)
            order.Add(all[0].Column);
        // Column names come from the catalogue and may be reserved words (report.grants has "grant"): quoted, as
        // both engines read a double-quoted identifier (SQL Server with QUOTED_IDENTIFIER, the client default).
        static string Quoted(string column) => $"\"{column}\"";
        var sql = $"SELECT {string.Join(", ", shown.Select(c => Quoted(c.Column)))} FROM {view}" +
                  (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                  " ORDER BY " + string.Join(", ", order.Concat(shown.Select(c => c.Column).Take(3)).Distinct().Select(Quoted));

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameter(command, "fiscalYear", period.FiscalYear);
        AddParameter(command, "period", (short)period.Period);
        AddParameter(command, "periodKey", period.Key);
        AddParameter(command, "periodEnd", period.PeriodEnd.ToDateTime(TimeOnly.MinValue));
        AddParameter(command, "committee", committee);
        AddParameter(command, "fiscalYearStart", (short)period.FiscalYearStart);
        var rows = new List<object?[]>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
        }
        var columns = shown.Select(c => new PackColumn(c.Column, Humanise(c.Column),
            section.Styles?.GetValueOrDefault(c.Column) ?? StyleFor(c))).ToList();
        return new PackTable(section.Key, title, view, columns, rows, note) { Section = section };
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        if (!command.CommandText.Contains("@" + name, StringComparison.Ordinal))
            return;
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Council number style by column: £000 amounts, percentages, unit costs, counts.</summary>
    public static CellStyle StyleFor(CatalogueColumn column)
    {
        var name = column.Column.ToLowerInvariant();
        return column.ModelType switch
        {
            "dateTime" => CellStyle.Date,
            "int64" => name.EndsWith("_id") || name.Contains("year") || name == "period" ? CellStyle.Text : CellStyle.Whole,
            // The report views print percentages as numbers (0.6 for 0.6%), as the committee tables do.
            "decimal" or "double" when name.Contains("pct") || name.Contains("percent") => CellStyle.PercentPoints,
            "decimal" or "double" when name.EndsWith("_k") => CellStyle.Money,
            "decimal" or "double" when name.Contains("unit_cost") || name.Contains("weekly") || name.Contains("average")
                                       || name.Contains("value") || name.Contains("target") || name.Contains("tolerance") => CellStyle.Decimal2,
            "decimal" or "double" => CellStyle.Money,
            _ when name == "rag" || name.StartsWith("rag_", StringComparison.Ordinal) => CellStyle.Rag,
            _ => CellStyle.Text,
        };
    }

    public static string Humanise(string column)
    {
        // "_k" marks £000 columns; the pack says "£000 unless stated" once instead of on every header.
        var words = column.Replace('-', '_').Split('_', StringSplitOptions.RemoveEmptyEntries).Where(w => w != "k")
            .Select(w => w switch { "pct" => "%", "fte" or "dsg" or "rag" or "kad" or "lac" or "sen" or "id" or "sha256" => w.ToUpperInvariant(), _ => w })
            .ToList();
        if (words.Count == 0)
            return column;
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    /// <summary>Forecast variance by directorate for each month of the year up to the pack's period (the committee's
    /// directorates in a committee pack).</summary>
    private static async Task<PackChart> VarianceTrendAsync(DbConnection connection, WarehouseCatalogue catalogue, FiscalPeriod period, string committee,
        CancellationToken cancellationToken)
    {
        const string title = "Forecast variance by directorate, £000";
        var forCommittee = !committee.Equals("all", StringComparison.OrdinalIgnoreCase);
        var view = forCommittee && catalogue.Column("report.fpr_committee_summary", "committee") is not null
            ? "report.fpr_committee_summary"
            : catalogue.Has("report.fpr_directorate_summary") ? "report.fpr_directorate_summary" : null;
        string? Pick(params string[] names) => view is null ? null : names.FirstOrDefault(c => catalogue.Column(view, c) is not null);
        var valueColumn = Pick("forecast_variance_k", "forecast_variance", "variance");
        var seriesColumn = Pick("line", "directorate");
        if (view is null || valueColumn is null || seriesColumn is null || Pick("period") is null)
            return new PackChart(title, ChartKind.Line, "£000", [], [], "No directorate summary view in this warehouse yet.");
        var filters = " WHERE fiscal_year = @fiscalYear AND period <= @period";
        if (Pick("line_type") is not null)
            filters += " AND line_type = 'directorate'";
        if (view == "report.fpr_committee_summary")
            filters += " AND committee = @committee";
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {seriesColumn}, period, SUM({valueColumn}) AS amount FROM {view}{filters} " +
                              $"GROUP BY {seriesColumn}, period ORDER BY {seriesColumn}, period";
        AddParameter(command, "fiscalYear", period.FiscalYear);
        AddParameter(command, "period", (short)period.Period);
        AddParameter(command, "committee", committee);
        var points = new List<(string Series, int Period, double Amount)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                if (!reader.IsDBNull(0) && !reader.IsDBNull(2))
                    points.Add((reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                        Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture)));
        // Only the months that have figures: a closedown chart over May, Feb and Close draws no line through empty months.
        var periods = points.Select(p => p.Period).Distinct().Order().ToList();
        var categories = periods.Select(p => p == 13 ? "Close" : new FiscalPeriod(period.FiscalYearStart, p).Label[..3]).ToList();
        var series = points.GroupBy(p => p.Series).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<double?>)periods.Select(p => g.Where(x => x.Period == p).Select(x => (double?)x.Amount).FirstOrDefault()).ToList()))
            .ToList();
        return new PackChart(title + $" ({period.FiscalYear})", ChartKind.Line, "£000", categories, series,
            series.Count == 0 ? $"No directorate figures loaded for {period.FiscalYear} yet." : null);
    }

    /// <summary>RAG counts from the pack's RAG table (or counted from the indicator table).</summary>
    private static PackChart RagChart(IReadOnlyList<PackTable> tables)
    {
        const string title = "Performance indicators by RAG status";
        string[] order = ["Red", "Amber", "Green", "No target"];
        var indicators = tables.FirstOrDefault(t => t.Key == "indicators");
        var counts = tables.FirstOrDefault(t => t.Key == "rag");
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (counts is not null && counts.Index("red") >= 0 && counts.Index("green") >= 0)
        {
            // One row per directorate plus 'All directorates' as printed; the chart shows the whole service.
            var directorateIndex = counts.Index("responsible_directorate");
            var rows = counts.Rows.Where(r => directorateIndex < 0 || Equals(r[directorateIndex], "All directorates")).ToList();
            foreach (var (column, label) in new[] { ("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("no_target", "No target") })
                if (counts.Index(column) >= 0)
                    values[label] = rows.Sum(r => Convert.ToDouble(r[counts.Index(column)] ?? 0, CultureInfo.InvariantCulture));
        }
        else if (counts is not null && counts.Index("rag") >= 0 && counts.Columns.Any(c => c.Style == CellStyle.Whole))
        {
            var countIndex = counts.Columns.ToList().FindIndex(c => c.Style == CellStyle.Whole);
            foreach (var row in counts.Rows)
                if (row[counts.Index("rag")] is string rag)
                    values[rag] = values.GetValueOrDefault(rag) + Convert.ToDouble(row[countIndex] ?? 0, CultureInfo.InvariantCulture);
        }
        else if (indicators is not null && (indicators.Index("rag_published") >= 0 || indicators.Index("rag") >= 0))
        {
            var ragIndex = indicators.Index("rag_published") >= 0 ? indicators.Index("rag_published") : indicators.Index("rag");
            foreach (var row in indicators.Rows)
            {
                var rag = row[ragIndex] as string ?? "No target";
                values[rag] = values.GetValueOrDefault(rag) + 1;
            }
        }
        if (values.Count == 0)
            return new PackChart(title, ChartKind.Bar, "indicators", [], [], "No indicator RAG figures in this warehouse for the period.");
        var categories = order.Where(values.ContainsKey).Concat(values.Keys.Where(k => !order.Contains(k, StringComparer.OrdinalIgnoreCase)).Order()).ToList();
        var month = tables.FirstOrDefault(t => t.Key == "rag")?.Rows.FirstOrDefault() is { } first && counts!.Index("period_end") >= 0
            ? first[counts.Index("period_end")] : null;
        var monthLabel = month switch
        {
            DateTime d => $" ({d.ToString("MMM yyyy", CultureInfo.InvariantCulture)})",
            DateOnly d => $" ({d.ToString("MMM yyyy", CultureInfo.InvariantCulture)})",
            _ => "",
        };
        return new PackChart(title + monthLabel, ChartKind.Bar, "indicators", categories,
            [("Indicators", categories.Select(c => (double?)values[c]).ToList())], null);
    }
}
