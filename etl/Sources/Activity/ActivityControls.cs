using System.Globalization;

namespace Warehouse.Etl.Sources.Activity;

/// <summary>A line (by kind, or one service type) whose landed value adds into a control total.</summary>
internal sealed record ControlMember(string Measure, string Scope, string ServiceArea, string? MemberKind, int? ServiceTypeKey);

/// <summary>
/// Printed totals of a key activity return as control totals. A printed total must equal the sum of its
/// lines within rounding (each £000 figure is rounded, so n lines and the total may drift by half a unit
/// each); a known defect listed in etl.accepted_source_defect loads as printed with the difference recorded
/// (its scope says so in report.reconciliation); any other difference rejects the return at the total's cell.
/// </summary>
internal sealed class ActivityControls
{
    private readonly LoadContext _context;
    private readonly List<(string Area, string Code, string Measure, decimal Printed, string Note)> _accepted;

    private ActivityControls(LoadContext context, List<(string, string, string, decimal, string)> accepted)
    {
        _context = context;
        _accepted = accepted;
    }

    public List<ControlMember> Members { get; } = [];

    public static async Task<ActivityControls> CreateAsync(LoadContext context, FiscalPeriod period, CancellationToken cancellationToken) =>
        new(context, (await context.QueryAsync<(string, string, string, decimal, string)>("""
            SELECT service_area, code, measure, printed_value, note FROM etl.accepted_source_defect
            WHERE source = @source AND fiscal_year_start = @fy AND period = @period
            """, new { source = context.Source, fy = (short)period.FiscalYearStart, period = (short)period.Period }, cancellationToken)).ToList());

    /// <summary>Rounding allowance for a printed total of <paramref name="lines"/> figures each rounded to <paramref name="unit"/>.</summary>
    public static decimal Rounding(int lines, decimal unit) => unit / 2 * (lines + 1);

    public void CheckTotal(SheetRow row, string column, ActivityServiceType total, string measure, decimal printed, decimal sum,
        decimal tolerance, Func<decimal, string> format)
    {
        var difference = printed - sum;
        var scope = $"{total.ServiceArea} {total.ServiceType}";
        if (Math.Abs(difference) > tolerance)
        {
            var note = Accepted(total.ServiceArea, total.Code, measure, printed);
            if (note is null)
            {
                _context.Reject(row, column, format(printed),
                    $"the {total.ServiceType} {measure} does not add up: its lines sum to {format(sum)}, a difference of {format(difference)} (rounding allows {format(tolerance)})");
                return;
            }
            scope = Scope($"{scope} (accepted source defect: {note})");
            tolerance = Math.Abs(difference);
        }
        _context.Control.Expect(measure, scope, printed, tolerance);
        foreach (var kind in ActivityServiceTypes.MembersOf(total.LineKind))
            Members.Add(new ControlMember(measure, scope, total.ServiceArea, kind, null));
    }

    /// <summary>
    /// A value the return must not hold (a negative count or cost) is allowed only as an accepted defect:
    /// then it loads and shows in reconciliation. Returns false when the value must be rejected.
    /// </summary>
    public bool AcceptValue(ActivityServiceType line, string measure, decimal value)
    {
        var note = Accepted(line.ServiceArea, line.Code, measure, value);
        if (note is null)
            return false;
        var scope = Scope($"{line.ServiceArea} {line.ServiceType} (accepted source defect: {note})");
        _context.Control.Expect(measure, scope, value);
        Members.Add(new ControlMember(measure, scope, line.ServiceArea, null, line.TypeKey));
        return true;
    }

    public Task StageAsync(CancellationToken cancellationToken) =>
        _context.StageAsync("stg.activity_control_member", Members,
        [
            StagingColumn<ControlMember>.Of("measure", m => m.Measure),
            StagingColumn<ControlMember>.Of("scope", m => m.Scope),
            StagingColumn<ControlMember>.Of("service_area", m => m.ServiceArea),
            StagingColumn<ControlMember>.Of("member_kind", m => m.MemberKind),
            StagingColumn<ControlMember>.Of("service_type_key", m => m.ServiceTypeKey),
        ], cancellationToken);

    /// <summary>
    /// The landed side: for each control total, the sum over the batch's fact rows of its member lines,
    /// plus the number of fact rows. <paramref name="measures"/> maps a measure name to its fact column.
    /// </summary>
    public static string LandedQuery(string factTable, IReadOnlyDictionary<string, string> measures)
    {
        var cases = string.Join(" ", measures.Select(m => $"WHEN '{m.Key}' THEN f.{m.Value}"));
        return $"""
            SELECT m.measure AS measure, m.scope AS scope, CAST(COALESCE(SUM(CASE m.measure {cases} END), 0) AS decimal(19,2)) AS value
            FROM stg.activity_control_member AS m
            JOIN dw.dim_activity_service_type AS d ON d.service_area = m.service_area
             AND (d.line_kind = m.member_kind OR d.service_type_key = m.service_type_key)
            JOIN {factTable} AS f ON f.service_type_key = d.service_type_key AND f.batch_id = m.batch_id
            WHERE m.batch_id = @batchId
            GROUP BY m.measure, m.scope
            UNION ALL
            SELECT '{ControlMeasures.Rows}', '', CAST(COUNT(*) AS decimal(19,2)) FROM {factTable} WHERE batch_id = @batchId
            """;
    }

    /// <summary>An amount in £ as the return prints it: -£1,146k.</summary>
    public static string Thousands(decimal pounds) => (pounds < 0 ? "-" : "") + "£" + (Math.Abs(pounds) / 1000).ToString("N0", CultureInfo.InvariantCulture) + "k";

    private string? Accepted(string area, string code, string measure, decimal printed) =>
        _accepted.Where(a => a.Area == area && a.Code.Equals(code, StringComparison.OrdinalIgnoreCase) && a.Measure == measure && a.Printed == printed)
            .Select(a => a.Note).FirstOrDefault();

    private static string Scope(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
