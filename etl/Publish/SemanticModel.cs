using System.Text.RegularExpressions;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Etl.Publish;

public sealed record ModelColumn(string Name, string SourceColumn, string DataType, string? FormatString, string SummarizeBy,
    bool Hidden, bool IsKey, string? SortByColumn, string? DataCategory, string? Description);

public sealed record ModelLevel(string Name, string Column);

public sealed record ModelHierarchy(string Name, IReadOnlyList<ModelLevel> Levels);

public sealed record ModelTable(string Name, string Schema, string View, string? Description, bool IsDateTable,
    IReadOnlyList<ModelColumn> Columns, IReadOnlyList<ModelHierarchy> Hierarchies, IReadOnlyList<MeasureDescription> Measures)
{
    public ModelColumn? BySource(string source) =>
        Columns.FirstOrDefault(c => c.SourceColumn.Equals(source, StringComparison.OrdinalIgnoreCase));

    public ModelColumn? ByName(string name) =>
        Columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

public sealed record ModelRelationship(string Name, string FromTable, string FromColumn, string ToTable, string ToColumn, bool Inactive);

/// <summary>A role with its row filters and what they reach: <see cref="FilteredTables"/> are the tables whose rows the
/// role restricts, directly or because a filtered table is the one side of an active relationship to them.</summary>
public sealed record ModelRole(string Name, string? Description, IReadOnlyList<(string Table, string Filter)> Filters,
    IReadOnlyList<string> FilteredTables, IReadOnlyList<string> Sees);

/// <summary>The semantic model resolved against the live catalogue, with every problem found on the way.</summary>
public sealed record SemanticModel(ModelDescription Description, IReadOnlyList<ModelTable> Tables,
    IReadOnlyList<ModelRelationship> Relationships, IReadOnlyList<ModelRole> Roles, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;

    public ModelTable? Table(string name) => Tables.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Resolves the description: every table is a powerbi view, every named column exists with the expected
    /// type, relationship keys match in type, and every DAX reference names a table, column or measure of the model.</summary>
    public static SemanticModel Build(ModelDescription description, WarehouseCatalogue catalogue, IReadOnlyList<ViewDoc>? dictionary = null)
    {
        // The views are the same files on both engines, so either engine's dictionary describes them.
        dictionary ??= ViewDictionary.All(EngineKind.PostgreSql);
        var problems = new List<string>();
        var tables = new List<ModelTable>();
        foreach (var table in description.Tables)
        {
            var parts = table.View.Split('.');
            if (parts.Length != 2 || !parts[0].Equals("powerbi", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"Table '{table.Name}': '{table.View}' is not a powerbi view (the model imports the powerbi schema only).");
                continue;
            }
            if (!catalogue.Has(table.View))
            {
                problems.Add($"Table '{table.Name}': view {table.View} does not exist in the warehouse.");
                continue;
            }
            tables.Add(ResolveTable(description, table, catalogue,
                dictionary.FirstOrDefault(d => d.View.Equals(table.View, StringComparison.OrdinalIgnoreCase)), problems));
        }

        foreach (var duplicate in tables.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"Table name '{duplicate.Key}' is used twice.");

        var relationships = new List<ModelRelationship>();
        foreach (var relationship in description.Relationships)
        {
            var from = ResolveEnd(relationship.From, tables, "from", problems);
            var to = ResolveEnd(relationship.To, tables, "to", problems);
            if (from is null || to is null)
                continue;
            if (from.Value.Column.DataType != to.Value.Column.DataType)
                problems.Add($"Relationship {relationship.From} → {relationship.To}: key types differ ({from.Value.Column.DataType} and {to.Value.Column.DataType}).");
            relationships.Add(new ModelRelationship(
                $"{from.Value.Table.Name}.{from.Value.Column.SourceColumn} to {to.Value.Table.Name}",
                from.Value.Table.Name, from.Value.Column.Name, to.Value.Table.Name, to.Value.Column.Name, relationship.Inactive));
        }

        var roles = new List<ModelRole>();
        foreach (var role in description.Roles)
        {
            var filters = new List<(string, string)>();
            foreach (var (tableName, filter) in role.Filters.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var table = tables.FirstOrDefault(t => t.Name.Equals(tableName, StringComparison.OrdinalIgnoreCase));
                if (table is null)
                {
                    problems.Add($"Role '{role.Name}': filter on unknown table '{tableName}'.");
                    continue;
                }
                DaxReferences.Check($"Role '{role.Name}' filter on '{table.Name}'", filter, table, tables, problems);
                filters.Add((table.Name, filter));
            }
            foreach (var seen in role.Sees.Where(t => tables.All(x => !x.Name.Equals(t, StringComparison.OrdinalIgnoreCase))))
                problems.Add($"Role '{role.Name}': sees unknown table '{seen}'.");
            var filtered = FilteredBy(filters.Select(f => f.Item1), relationships);
            foreach (var open in tables.Where(t => !filtered.Contains(t.Name) && !Listed(description.SharedTables, t.Name) && !Listed(role.Sees, t.Name)))
                problems.Add($"Role '{role.Name}' does not filter table '{open.Name}': filter it (or a table related to it), " +
                             "list it in the role's \"sees\" or in \"sharedTables\".");
            roles.Add(new ModelRole(role.Name, role.Description, filters,
                tables.Where(t => filtered.Contains(t.Name)).Select(t => t.Name).ToList(), role.Sees));
        }
        foreach (var shared in description.SharedTables.Where(t => tables.All(x => !x.Name.Equals(t, StringComparison.OrdinalIgnoreCase))))
            problems.Add($"sharedTables names unknown table '{shared}'.");

        foreach (var table in tables)
            foreach (var measure in table.Measures)
            {
                DaxReferences.Check($"Measure '{measure.Name}'", measure.Expression, table, tables, problems);
                if (measure.Kpi is not null)
                {
                    DaxReferences.Check($"KPI target of '{measure.Name}'", measure.Kpi.TargetExpression, table, tables, problems);
                    DaxReferences.Check($"KPI status of '{measure.Name}'", measure.Kpi.StatusExpression, table, tables, problems);
                }
            }
        // Measure names are model-wide: no two measures, and no measure and column, may share a name.
        foreach (var table in tables)
            foreach (var measure in table.Measures)
            {
                if (tables.SelectMany(t => t.Measures).Count(m => m.Name.Equals(measure.Name, StringComparison.OrdinalIgnoreCase)) > 1)
                    problems.Add($"Measure name '{measure.Name}' is used by more than one measure.");
                foreach (var clash in tables.Where(t => t.ByName(measure.Name) is not null))
                    problems.Add($"Measure name '{measure.Name}' clashes with a column of '{clash.Name}' (measure names are model-wide).");
            }

        return new SemanticModel(description, tables, relationships, roles, problems);
    }

    /// <summary>
    /// The tables a role's row filters restrict: the filtered tables and, as Power BI propagates them, every table on
    /// the many side of an active relationship whose one side is restricted (single direction, so never upwards).
    /// </summary>
    public static IReadOnlySet<string> FilteredBy(IEnumerable<string> filteredTables, IReadOnlyList<ModelRelationship> relationships)
    {
        var reached = new HashSet<string>(filteredTables, StringComparer.OrdinalIgnoreCase);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var r in relationships.Where(r => !r.Inactive && reached.Contains(r.ToTable)))
                grew |= reached.Add(r.FromTable);
        }
        return reached;
    }

    private static bool Listed(IEnumerable<string> names, string table) => names.Any(n => n.Equals(table, StringComparison.OrdinalIgnoreCase));

    private static ModelTable ResolveTable(ModelDescription model, TableDescription table, WarehouseCatalogue catalogue, ViewDoc? doc,
        List<string> problems)
    {
        if (doc is null)
            problems.Add($"Table '{table.Name}': {table.View} has no entry in the data dictionary (the comment block of its view file).");
        var viewColumns = catalogue.Columns(table.View);
        foreach (var (source, spec) in table.Columns)
        {
            var column = catalogue.Column(table.View, source);
            if (column is null)
            {
                problems.Add($"Table '{table.Name}': column {source} does not exist in {table.View}.");
                continue;
            }
            if (spec.Type is not null && spec.Type != column.ModelType)
                problems.Add($"Table '{table.Name}': column {source} of {table.View} is {column.DataType} ({column.ModelType ?? "unmapped"}), the model expects {spec.Type}.");
            if (spec.SortBy is not null && catalogue.Column(table.View, spec.SortBy) is null)
                problems.Add($"Table '{table.Name}': column {source} sorts by {spec.SortBy}, which does not exist in {table.View}.");
        }

        var columns = new List<ModelColumn>();
        foreach (var column in viewColumns)
        {
            var spec = table.Columns.FirstOrDefault(c => c.Key.Equals(column.Column, StringComparison.OrdinalIgnoreCase)).Value
                       ?? new ColumnDescription();
            var type = column.ModelType;
            if (type is null)
            {
                problems.Add($"Table '{table.Name}': column {column.Column} has type {column.DataType}, which the model cannot import.");
                type = "string";
            }
            var sortBy = spec.SortBy is null ? null : catalogue.Column(table.View, spec.SortBy);
            columns.Add(new ModelColumn(
                spec.Name ?? FriendlyName(column.Column, model.Acronyms),
                column.Column,
                type,
                spec.FormatString ?? DefaultFormat(type),
                spec.SummarizeBy ?? (type is "decimal" or "double" ? "sum" : "none"),
                spec.Hidden ?? (table.HideColumns || column.Column.EndsWith("_key", StringComparison.Ordinal)),
                spec.IsKey,
                sortBy is null ? null : (table.Columns.FirstOrDefault(c => c.Key.Equals(sortBy.Column, StringComparison.OrdinalIgnoreCase)).Value?.Name
                                         ?? FriendlyName(sortBy.Column, model.Acronyms)),
                spec.DataCategory,
                spec.Description ?? doc?.Column(column.Column)?.Description));
            if (doc is not null && spec.Description is null && doc.Column(column.Column) is null)
                problems.Add($"Table '{table.Name}': column {column.Column} of {table.View} has no '-- column {column.Column}:' line in its view file.");
        }
        foreach (var duplicate in columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"Table '{table.Name}': column name '{duplicate.Key}' is used twice.");
        if (table.IsDateTable && columns.Count(c => c.IsKey && c.DataType == "dateTime") != 1)
            problems.Add($"Table '{table.Name}' is the date table but has no single date column marked isKey.");

        var hierarchies = new List<ModelHierarchy>();
        foreach (var hierarchy in table.Hierarchies)
        {
            var levels = new List<ModelLevel>();
            foreach (var level in hierarchy.Levels)
            {
                var column = columns.FirstOrDefault(c => c.SourceColumn.Equals(level, StringComparison.OrdinalIgnoreCase));
                if (column is null)
                    problems.Add($"Table '{table.Name}': hierarchy '{hierarchy.Name}' level {level} does not exist in {table.View}.");
                else
                    levels.Add(new ModelLevel(column.Name, column.Name));
            }
            hierarchies.Add(new ModelHierarchy(hierarchy.Name, levels));
        }

        var parts = table.View.Split('.');
        return new ModelTable(table.Name, parts[0], parts[1], table.Description ?? doc?.Description, table.IsDateTable, columns, hierarchies, table.Measures);
    }

    private static (ModelTable Table, ModelColumn Column)? ResolveEnd(string end, List<ModelTable> tables, string side, List<string> problems)
    {
        var dot = end.LastIndexOf('.');
        if (dot <= 0)
        {
            problems.Add($"Relationship end '{end}' is not 'Table.source_column'.");
            return null;
        }
        var table = tables.FirstOrDefault(t => t.Name.Equals(end[..dot], StringComparison.OrdinalIgnoreCase));
        if (table is null)
        {
            problems.Add($"Relationship {side} '{end}': table '{end[..dot]}' is not in the model.");
            return null;
        }
        var column = table.BySource(end[(dot + 1)..]);
        if (column is null)
        {
            problems.Add($"Relationship {side} '{end}': column {end[(dot + 1)..]} does not exist in {table.Schema}.{table.View}.");
            return null;
        }
        return (table, column);
    }

    public static string FriendlyName(string sourceColumn, IReadOnlyCollection<string> acronyms) =>
        string.Join(' ', sourceColumn.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(word =>
            acronyms.FirstOrDefault(a => a.Equals(word, StringComparison.OrdinalIgnoreCase))
            ?? char.ToUpperInvariant(word[0]) + word[1..]));

    private static string? DefaultFormat(string type) => type switch
    {
        "int64" => "0",
        "decimal" => "#,0.00",
        "double" => "#,0.00",
        "dateTime" => "dd/mm/yyyy",
        _ => null,
    };
}

/// <summary>Finds the table, column and measure references in a DAX expression and checks them against the model.</summary>
public static partial class DaxReferences
{
    [GeneratedRegex("\"(?:[^\"]|\"\")*\"|//[^\n]*|--[^\n]*|/\\*.*?\\*/", RegexOptions.Singleline)]
    private static partial Regex StringsAndComments();

    [GeneratedRegex(@"(?:'(?<table>(?:[^']|'')+)'|(?<table>\b[A-Za-z_][A-Za-z0-9_]*))?\[(?<name>[^\]]+)\]")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\b(?<fn>SUM|AVERAGE)\s*\(\s*(?:'(?<table>(?:[^']|'')+)'|(?<table>[A-Za-z_][A-Za-z0-9_]*))\[(?<name>[^\]]+)\]\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Aggregation();

    public static IEnumerable<(string? Table, string Name)> Find(string expression)
    {
        var code = StringsAndComments().Replace(expression, " ");
        foreach (Match match in Reference().Matches(code))
        {
            var table = match.Groups["table"].Success ? match.Groups["table"].Value.Replace("''", "'") : null;
            yield return (table, match.Groups["name"].Value.Replace("]]", "]"));
        }
    }

    public static void Check(string owner, string expression, ModelTable home, IReadOnlyList<ModelTable> tables, List<string> problems)
    {
        var named = new List<ModelTable> { home };
        foreach (var (tableName, name) in Find(expression))
        {
            if (tableName is not null)
            {
                var table = tables.FirstOrDefault(t => t.Name.Equals(tableName, StringComparison.OrdinalIgnoreCase));
                if (table is null)
                {
                    problems.Add($"{owner}: table '{tableName}' is not in the model.");
                    continue;
                }
                named.Add(table);
                if (table.ByName(name) is null && !table.Measures.Any(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    problems.Add($"{owner}: '{tableName}'[{name}] is neither a column nor a measure of '{table.Name}'.");
            }
        }
        foreach (var (tableName, name) in Find(expression))
        {
            if (tableName is not null)
                continue;
            var isMeasure = tables.Any(t => t.Measures.Any(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase)));
            var isColumnInScope = named.Any(t => t.ByName(name) is not null);
            if (!isMeasure && !isColumnInScope)
                problems.Add($"{owner}: [{name}] is not a measure of the model nor a column of the tables it names.");
        }
        var code = StringsAndComments().Replace(expression, " ");
        foreach (Match match in Aggregation().Matches(code))
        {
            var table = tables.FirstOrDefault(t => t.Name.Equals(match.Groups["table"].Value.Replace("''", "'"), StringComparison.OrdinalIgnoreCase));
            var column = table?.ByName(match.Groups["name"].Value);
            if (column is not null && !ModelTypes.IsNumeric(column.DataType))
                problems.Add($"{owner}: {match.Groups["fn"].Value.ToUpperInvariant()} over '{table!.Name}'[{column.Name}], which is {column.DataType}, not a number.");
        }
    }
}
