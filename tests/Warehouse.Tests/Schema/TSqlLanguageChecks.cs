using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Warehouse.Tests.Schema;

/// <summary>
/// Finds T-SQL whose result depends on the session's language or DATEFIRST setting (so on the login that
/// runs the script).
/// </summary>
public static class TSqlLanguageChecks
{
    public sealed record Finding(int Line, string What);

    public static IReadOnlyList<Finding> Find(string sql)
    {
        var errors = TSqlSchemaReader.Parse(sql, out var fragment);
        if (errors.Count > 0)
            throw new InvalidOperationException($"({errors[0].Line},{errors[0].Column}): {errors[0].Message}");
        var finder = new Finder();
        fragment.Accept(finder);
        return finder.Findings;
    }

    private sealed class Finder : TSqlFragmentVisitor
    {
        // Date parts whose numbering follows SET DATEFIRST (which SET LANGUAGE changes).
        private static readonly string[] WeekParts = ["weekday", "dw", "w", "week", "wk", "ww"];

        public List<Finding> Findings { get; } = [];

        public override void Visit(FunctionCall node)
        {
            var name = node.FunctionName.Value.ToUpperInvariant();
            if (name is "DATENAME" or "FORMAT")
                Add(node, $"{name}() follows the session language");
            else if (name is "DATEPART" or "DATETRUNC" && DatePart(node) is { } part && WeekParts.Contains(part, StringComparer.OrdinalIgnoreCase))
                Add(node, $"{name}({part}, …) follows SET DATEFIRST");
        }

        // The parser gives the date part as an identifier literal (or a column reference in older grammars).
        private static string? DatePart(FunctionCall node) => node.Parameters.FirstOrDefault() switch
        {
            IdentifierLiteral literal => literal.Value,
            ColumnReferenceExpression { MultiPartIdentifier.Identifiers: [var only] } => only.Value,
            _ => null,
        };

        public override void Visit(ConvertCall node)
        {
            if (node.Style is not null)
                Add(node, "CONVERT with a style can follow the session language");
        }

        public override void Visit(TryConvertCall node)
        {
            if (node.Style is not null)
                Add(node, "TRY_CONVERT with a style can follow the session language");
        }

        public override void Visit(ParseCall node) => Add(node, "PARSE() follows the session language unless given a culture");

        public override void Visit(TryParseCall node) => Add(node, "TRY_PARSE() follows the session language unless given a culture");

        // A string read as datetime follows SET DATEFORMAT ('2018-05-01' is 5 January under dmy); date and datetime2 do not.
        public override void Visit(CastCall node)
        {
            if (node.Parameter is StringLiteral && node.DataType is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.DateTime or SqlDataTypeOption.SmallDateTime })
                Add(node, "a string cast to datetime follows SET DATEFORMAT");
        }

        public override void Visit(GlobalVariableExpression node)
        {
            if (node.Name.Equals("@@DATEFIRST", StringComparison.OrdinalIgnoreCase) || node.Name.Equals("@@LANGUAGE", StringComparison.OrdinalIgnoreCase))
                Add(node, $"{node.Name} depends on the login");
        }

        public override void Visit(GeneralSetCommand node)
        {
            if (node.CommandType is GeneralSetCommandType.Language or GeneralSetCommandType.DateFirst or GeneralSetCommandType.DateFormat)
                Add(node, $"SET {node.CommandType} makes the script's result depend on it");
        }

        private void Add(TSqlFragment node, string what) => Findings.Add(new Finding(node.StartLine, what));
    }
}
