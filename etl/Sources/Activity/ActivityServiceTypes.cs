namespace Warehouse.Etl.Sources.Activity;

/// <summary>One line of the activity service-type reference as it is held in dw.</summary>
public sealed record ActivityServiceType(int TypeKey, string ServiceArea, string Code, string ServiceType, string LineKind, string? Unit);

/// <summary>
/// The service-type reference (dw.dim_activity_service_type) as the return loaders match against it:
/// adult lines by service area and printed label, SEN lines by Ofsted code.
/// </summary>
public sealed class ActivityServiceTypes
{
    public static readonly string[] AdultAreas = ["LD", "AMH", "OP", "OPMH"];
    public static readonly string[] AdultKinds = ["expenditure", "income", "savings", "total_expenditure", "total_income", "total_net"];
    public static readonly string[] SenKinds = ["need", "growth", "recoupment", "total"];

    private readonly Dictionary<(string Area, string Label), ActivityServiceType> _byLabel = new();
    private readonly Dictionary<(string Area, string Code), ActivityServiceType> _byCode = new();

    private ActivityServiceTypes(IEnumerable<ActivityServiceType> rows)
    {
        foreach (var row in rows)
        {
            _byLabel[(row.ServiceArea, Cells.NameKey(row.ServiceType))] = row;
            _byCode[(row.ServiceArea, row.Code.ToUpperInvariant())] = row;
        }
    }

    public bool IsEmpty => _byCode.Count == 0;

    /// <summary>A reference from rows at hand (a reader tested without a database).</summary>
    public static ActivityServiceTypes From(IEnumerable<ActivityServiceType> rows) => new(rows);

    public static async Task<ActivityServiceTypes> LoadAsync(LoadContext context, CancellationToken cancellationToken) =>
        new(await context.QueryAsync<ActivityServiceType>(
            "SELECT service_type_key AS TypeKey, service_area AS ServiceArea, code AS Code, service_type AS ServiceType, line_kind AS LineKind, unit AS Unit FROM dw.dim_activity_service_type",
            cancellationToken: cancellationToken));

    public ActivityServiceType? ByLabel(string area, string label) => _byLabel.GetValueOrDefault((area, Cells.NameKey(label)));

    public ActivityServiceType? ByCode(string area, string code) => _byCode.GetValueOrDefault((area, code.Trim().ToUpperInvariant()));

    /// <summary>The kinds of line a total adds up.</summary>
    public static IReadOnlyList<string> MembersOf(string totalKind) => totalKind switch
    {
        "total_expenditure" => ["expenditure"],
        "total_income" => ["income"],
        "total_net" => ["expenditure", "income", "savings"],
        "total" => ["need", "growth", "recoupment"],
        _ => [],
    };

    public static bool IsTotal(string kind) => MembersOf(kind).Count > 0;
}
