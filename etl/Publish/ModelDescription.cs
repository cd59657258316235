using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warehouse.Etl.Publish;

/// <summary>
/// The hand-written part of the semantic model (powerbi/model.json): which views become tables, their friendly
/// names, hierarchies, measures, relationships and roles. Columns and their types come from the live catalogue,
/// so adding a table is one entry here and adding a measure is one object.
/// </summary>
public sealed record ModelDescription
{
    public string Name { get; init; } = "Warehouse";
    public string Culture { get; init; } = "en-GB";
    public string DefaultServer { get; init; } = "localhost";
    public string DefaultDatabase { get; init; } = "warehouse";
    /// <summary>The engine the M source connects to unless the Engine parameter says otherwise: SqlServer or PostgreSQL.</summary>
    public string DefaultEngine { get; init; } = "SqlServer";
    /// <summary>
    /// Tables every role may see whole (calendars, reference lists, the council-wide portfolio): a table that is
    /// neither here nor filtered by a role (directly or through relationships) nor in the role's own
    /// <see cref="RoleDescription.Sees"/> fails the build, so a new table is secured by default.
    /// </summary>
    public List<string> SharedTables { get; init; } = [];
    /// <summary>Words that stay upper case in friendly column names (DSG, RAG, …).</summary>
    public List<string> Acronyms { get; init; } = [];
    public List<TableDescription> Tables { get; init; } = [];
    public List<RelationshipDescription> Relationships { get; init; } = [];
    public List<RoleDescription> Roles { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static ModelDescription Load(string path) =>
        JsonSerializer.Deserialize<ModelDescription>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path} is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static ModelDescription FromJson(string json) =>
        JsonSerializer.Deserialize<ModelDescription>(json, Options) ?? throw new InvalidDataException("Empty model description.");
}

public sealed record TableDescription
{
    /// <summary>The table's name in the model ('Organisation').</summary>
    public string Name { get; init; } = "";
    /// <summary>The imported view, schema-qualified (powerbi.dim_organisation).</summary>
    public string View { get; init; } = "";
    public string? Description { get; init; }
    /// <summary>Marks the date table (dataCategory: Time); the key column is the column with isKey.</summary>
    public bool IsDateTable { get; init; }
    /// <summary>A fact or helper table whose columns are all hidden (only its measures show).</summary>
    public bool HideColumns { get; init; }
    /// <summary>Per source column: name, format, hiding, sorting. Every key must exist in the view.</summary>
    public Dictionary<string, ColumnDescription> Columns { get; init; } = [];
    public List<HierarchyDescription> Hierarchies { get; init; } = [];
    public List<MeasureDescription> Measures { get; init; } = [];
}

public sealed record ColumnDescription
{
    public string? Name { get; init; }
    /// <summary>The model type this column must have (a view change that alters it breaks the check).</summary>
    public string? Type { get; init; }
    public string? FormatString { get; init; }
    public string? SummarizeBy { get; init; }
    public bool? Hidden { get; init; }
    public bool IsKey { get; init; }
    /// <summary>Source column of the column this one sorts by (month label by month number).</summary>
    public string? SortBy { get; init; }
    public string? DataCategory { get; init; }
    public string? Description { get; init; }
}

public sealed record HierarchyDescription
{
    public string Name { get; init; } = "";
    /// <summary>Source columns, top level first.</summary>
    public List<string> Levels { get; init; } = [];
}

public sealed record MeasureDescription
{
    public string Name { get; init; } = "";
    public string Expression { get; init; } = "";
    public string? FormatString { get; init; }
    public string? DisplayFolder { get; init; }
    public string? Description { get; init; }
    /// <summary>A KPI on this measure: target measure expression and status expression (-1, 0, 1).</summary>
    public KpiDescription? Kpi { get; init; }
}

public sealed record KpiDescription
{
    public string TargetExpression { get; init; } = "";
    public string StatusExpression { get; init; } = "";
    public string StatusGraphic { get; init; } = "Traffic Light";
    public string? Description { get; init; }
}

public sealed record RelationshipDescription
{
    /// <summary>Many side: 'Table.source_column' (model table name, view column).</summary>
    public string From { get; init; } = "";
    /// <summary>One side (the dimension): 'Table.source_column'.</summary>
    public string To { get; init; } = "";
    public bool Inactive { get; init; }
}

public sealed record RoleDescription
{
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    /// <summary>Model table name → DAX row filter.</summary>
    public Dictionary<string, string> Filters { get; init; } = [];
    /// <summary>Tables this role deliberately sees whole although other roles filter them (names, not figures).</summary>
    public List<string> Sees { get; init; } = [];
}
