using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Publish;

/// <summary>
/// Writes the semantic model as a PBIP semantic-model folder in TMDL. Output is deterministic: tables in description
/// order, columns in view order, '\n' line endings, so a view change shows as a few lines of diff. Every object
/// Power BI Desktop would tag gets a lineageTag derived from its names (<see cref="LineageTag"/>), so Desktop's
/// first save does not rewrite every file and a regenerated object keeps its tag.
/// </summary>
public static partial class TmdlWriter
{
    public const string SemanticModelFolder = "Warehouse.SemanticModel";

    /// <summary>Relative path (with '/') → file content, for every file the generator owns.</summary>
    public static SortedDictionary<string, string> Write(SemanticModel model)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var root = SemanticModelFolder + "/";
        files[root + "definition.pbism"] =
            "{\n  \"$schema\": \"https://developer.microsoft.com/json-schemas/fabric/item/semanticModel/definitionProperties/1.0.0/schema.json\",\n" +
            "  \"version\": \"4.0\",\n  \"settings\": {}\n}\n";
        files[root + "definition/database.tmdl"] = $"database {Name(model.Description.Name)}\n\tcompatibilityLevel: 1567\n";
        files[root + "definition/model.tmdl"] = ModelFile(model);
        files[root + "definition/expressions.tmdl"] = Expressions(model.Description);
        files[root + "definition/relationships.tmdl"] = Relationships(model);
        foreach (var table in model.Tables)
            files[root + $"definition/tables/{table.Name}.tmdl"] = Table(table);
        foreach (var role in model.Roles)
            files[root + $"definition/roles/{role.Name}.tmdl"] = Role(role);
        return files;
    }

    private static string ModelFile(SemanticModel model)
    {
        var b = new StringBuilder();
        b.Append("model Model\n");
        b.Append($"\tculture: {model.Description.Culture}\n");
        b.Append("\tdefaultPowerBIDataSourceVersion: powerBI_V3\n");
        b.Append("\tdiscourageImplicitMeasures\n");
        b.Append($"\tsourceQueryCulture: {model.Description.Culture}\n");
        b.Append('\n');
        b.Append("\tannotation PBI_QueryOrder = [\"Engine\",\"Server\",\"Database\",\"Warehouse\"" +
                 string.Concat(model.Tables.Select(t => $",\"{t.Name}\"")) + "]\n");
        b.Append('\n');
        foreach (var table in model.Tables)
            b.Append($"ref table {Name(table.Name)}\n");
        if (model.Roles.Count > 0)
            b.Append('\n');
        foreach (var role in model.Roles)
            b.Append($"ref role {Name(role.Name)}\n");
        return b.ToString();
    }

    private static string Expressions(ModelDescription description)
    {
        const string parameter = "meta [IsParameterQuery=true, Type=\"Text\", IsParameterQueryRequired=true]";
        var engine = description.DefaultEngine.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) ? "PostgreSQL" : "SqlServer";
        return
            "/// The warehouse engine: SqlServer (Sql.Database) or PostgreSQL (PostgreSQL.Database, the Npgsql connector).\n" +
            $"expression Engine = \"{engine}\" meta [IsParameterQuery=true, List={{\"SqlServer\", \"PostgreSQL\"}}, DefaultValue=\"{engine}\", Type=\"Text\", IsParameterQueryRequired=true]\n" +
            $"\tlineageTag: {LineageTag("expression", "Engine")}\n" +
            "\n" +
            "/// The warehouse server: a SQL Server instance name, or host:port of PostgreSQL.\n" +
            $"expression Server = \"{description.DefaultServer}\" {parameter}\n" +
            $"\tlineageTag: {LineageTag("expression", "Server")}\n" +
            "\n" +
            "/// The warehouse database name.\n" +
            $"expression Database = \"{description.DefaultDatabase}\" {parameter}\n" +
            $"\tlineageTag: {LineageTag("expression", "Database")}\n" +
            "\n" +
            "/// The source every table reads its powerbi view from, on the engine the Engine parameter names; both\n" +
            "/// connectors navigate by Schema and Item, so the partitions are the same for either.\n" +
            "expression Warehouse =\n" +
            "\t\tlet\n" +
            "\t\t    Source = if Engine = \"PostgreSQL\" then PostgreSQL.Database(Server, Database) else Sql.Database(Server, Database)\n" +
            "\t\tin\n" +
            "\t\t    Source\n" +
            $"\tlineageTag: {LineageTag("expression", "Warehouse")}\n";
    }

    /// <summary>
    /// A stable lineage tag for an object, a GUID made from the SHA-256 of its kind and names (the table's name and
    /// the column's, say): the same object always gets the same tag, a renamed one a new tag, as Desktop would.
    /// </summary>
    public static string LineageTag(params string[] path)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", path)));
        // Version 8 (custom) and the RFC 4122 variant, so the tag is a well-formed GUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static string Relationships(SemanticModel model)
    {
        var b = new StringBuilder();
        foreach (var r in model.Relationships.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (b.Length > 0)
                b.Append('\n');
            b.Append($"relationship {Name(r.Name)}\n");
            if (r.Inactive)
                b.Append("\tisActive: false\n");
            b.Append($"\tfromColumn: {Name(r.FromTable)}.{Name(r.FromColumn)}\n");
            b.Append($"\ttoColumn: {Name(r.ToTable)}.{Name(r.ToColumn)}\n");
        }
        return b.ToString();
    }

    private static string Table(ModelTable table)
    {
        var b = new StringBuilder();
        Describe(b, table.Description, 0);
        b.Append($"table {Name(table.Name)}\n");
        b.Append($"\tlineageTag: {LineageTag("table", table.Name)}\n");
        if (table.IsDateTable)
            b.Append("\tdataCategory: Time\n");

        foreach (var measure in table.Measures)
        {
            b.Append('\n');
            Describe(b, measure.Description, 1);
            Expression(b, $"\tmeasure {Name(measure.Name)} =", measure.Expression, 3);
            if (measure.FormatString is not null)
                b.Append($"\t\tformatString: {measure.FormatString}\n");
            if (measure.DisplayFolder is not null)
                b.Append($"\t\tdisplayFolder: {measure.DisplayFolder}\n");
            b.Append($"\t\tlineageTag: {LineageTag("measure", table.Name, measure.Name)}\n");
            if (measure.Kpi is not null)
            {
                b.Append("\n\t\tkpi\n");
                if (measure.Kpi.Description is not null)
                    b.Append($"\t\t\tdescription: {measure.Kpi.Description}\n");
                Expression(b, "\t\t\ttargetExpression =", measure.Kpi.TargetExpression, 5);
                b.Append($"\t\t\tstatusGraphic: {measure.Kpi.StatusGraphic}\n");
                Expression(b, "\t\t\tstatusExpression =", measure.Kpi.StatusExpression, 5);
            }
        }

        foreach (var column in table.Columns)
        {
            b.Append('\n');
            Describe(b, column.Description, 1);
            b.Append($"\tcolumn {Name(column.Name)}\n");
            b.Append($"\t\tdataType: {column.DataType}\n");
            b.Append($"\t\tlineageTag: {LineageTag("column", table.Name, column.Name)}\n");
            if (column.IsKey)
                b.Append("\t\tisKey\n");
            if (column.Hidden)
                b.Append("\t\tisHidden\n");
            if (column.FormatString is not null)
                b.Append($"\t\tformatString: {column.FormatString}\n");
            if (column.DataCategory is not null)
                b.Append($"\t\tdataCategory: {column.DataCategory}\n");
            b.Append($"\t\tsummarizeBy: {column.SummarizeBy}\n");
            b.Append($"\t\tsourceColumn: {column.SourceColumn}\n");
            if (column.SortByColumn is not null)
                b.Append($"\t\tsortByColumn: {Name(column.SortByColumn)}\n");
        }

        foreach (var hierarchy in table.Hierarchies)
        {
            b.Append('\n');
            b.Append($"\thierarchy {Name(hierarchy.Name)}\n");
            b.Append($"\t\tlineageTag: {LineageTag("hierarchy", table.Name, hierarchy.Name)}\n");
            foreach (var level in hierarchy.Levels)
            {
                b.Append('\n');
                b.Append($"\t\tlevel {Name(level.Name)}\n");
                b.Append($"\t\t\tlineageTag: {LineageTag("level", table.Name, hierarchy.Name, level.Name)}\n");
                b.Append($"\t\t\tcolumn: {Name(level.Column)}\n");
            }
        }

        b.Append('\n');
        b.Append($"\tpartition {Name(table.Name)} = m\n");
        b.Append("\t\tmode: import\n");
        b.Append("\t\tsource =\n");
        b.Append("\t\t\t\tlet\n");
        b.Append($"\t\t\t\t    View = Warehouse{{[Schema = \"{table.Schema}\", Item = \"{table.View}\"]}}[Data]\n");
        b.Append("\t\t\t\tin\n");
        b.Append("\t\t\t\t    View\n");
        b.Append('\n');
        b.Append("\tannotation PBI_ResultType = Table\n");
        return b.ToString();
    }

    private static string Role(ModelRole role)
    {
        var b = new StringBuilder();
        Describe(b, role.Description, 0);
        b.Append($"role {Name(role.Name)}\n");
        b.Append("\tmodelPermission: read\n");
        foreach (var (table, filter) in role.Filters)
        {
            b.Append('\n');
            Expression(b, $"\ttablePermission {Name(table)} =", filter, 3);
        }
        return b.ToString();
    }

    /// <summary>A single-line expression follows '=' on the same line; a multi-line one goes below, indented.</summary>
    private static void Expression(StringBuilder b, string head, string expression, int indent)
    {
        var lines = expression.Replace("\r\n", "\n").Trim().Split('\n');
        if (lines.Length == 1)
        {
            b.Append($"{head} {lines[0]}\n");
            return;
        }
        b.Append(head).Append('\n');
        foreach (var line in lines)
            b.Append(new string('\t', indent)).Append(line.TrimEnd()).Append('\n');
    }

    private static void Describe(StringBuilder b, string? description, int indent)
    {
        if (string.IsNullOrWhiteSpace(description))
            return;
        foreach (var line in description.Trim().Split('\n'))
            b.Append(new string('\t', indent)).Append("/// ").Append(line.Trim()).Append('\n');
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Bare();

    /// <summary>TMDL object names: bare when they are identifiers, else single-quoted with '' for a quote.</summary>
    public static string Name(string name) => Bare().IsMatch(name) ? name : "'" + name.Replace("'", "''") + "'";
}
