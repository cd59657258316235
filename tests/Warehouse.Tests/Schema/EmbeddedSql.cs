using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Warehouse.Database.Engines;

namespace Warehouse.Tests.Schema;

/// <summary>One SQL statement the C# sends, and where it is written.</summary>
public sealed record EmbeddedStatement(string File, int Line, string Sql)
{
    public string Place => $"{File}:{Line}";
}

/// <summary>
/// Finds every SQL statement written in the C# of etl/, jobs/ and database/ (PostgreSQL's own engine and local
/// cluster excepted), with Roslyn: string literals, raw and interpolated strings and their concatenations that
/// start like a statement, with the holes resolved from the same file's constants, fields and locals
/// (<c>{Table}</c>, <c>string.Join(", ", Columns)</c>), and every <c>InsertReturningIdentityAsync</c> call
/// turned into the statement the SQL Server engine builds from its real column names. A statement whose text
/// is only known at run time is reported as unresolved, so that nothing goes unchecked without a word: the
/// test then covers it with the production code's own builder and its real arguments.
/// </summary>
public static partial class EmbeddedSql
{
    private static readonly string[] Roots = ["etl", "jobs", "database", "samples/Demo"];

    // PostgreSQL's engine and its local cluster speak PostgreSQL only, by design.
    // The ledger bench's limit is PostgreSQL's COPY FROM STDIN, which SQL Server has no statement for; a scratch
    // database is dropped on PostgreSQL only (on SQL Server a benchmark wants an empty one).
    private static readonly string[] PostgreSqlOnly = ["database/Engines/PostgreSqlEngine.cs", "database/Engines/PostgreSqlReferenceSql.cs", "database/Local/",
        "jobs/Bench/CopyLimit.cs", "jobs/Bench/ScratchDatabase.cs"];

    public const char Hole = '\u0001';

    public static IReadOnlyList<EmbeddedStatement> Find(string root, Func<string, string, string>? edit = null)
    {
        var files = new List<(string File, SyntaxNode Root)>();
        foreach (var path in Roots.SelectMany(r => Directory.EnumerateFiles(Path.Combine(root, r), "*.cs", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (file.Split('/').Any(p => p is "bin" or "obj") || PostgreSqlOnly.Any(p => file.StartsWith(p, StringComparison.Ordinal)))
                continue;
            var text = File.ReadAllText(path);
            if (edit is not null)
                text = edit(file, text);
            files.Add((file, CSharpSyntaxTree.ParseText(text).GetRoot()));
        }
        // A shared constant (`ControlMeasures.Rows`) is declared in one file and used in the SQL of many.
        var constants = Constants.Index(files.Select(f => f.Root));
        return files.SelectMany(f => FindInFile(f.File, f.Root, constants)).ToList();
    }

    public static IEnumerable<EmbeddedStatement> FindInFile(string file, string text) =>
        FindInFile(file, CSharpSyntaxTree.ParseText(text).GetRoot(), Constants.Empty);

    private static IEnumerable<EmbeddedStatement> FindInFile(string file, SyntaxNode root, Constants constants)
    {
        var scope = new Scope(root, constants);
        foreach (var node in root.DescendantNodes().OfType<ExpressionSyntax>().Where(IsStringExpression))
        {
            if (node.Parent is ExpressionSyntax parent && IsStringExpression(parent) || node.Parent is InterpolationSyntax)
                continue; // part of a larger string: that one is read whole
            var sql = scope.Evaluate(node);
            if (sql is null || !StatementStart().IsMatch(sql))
                continue;
            yield return new EmbeddedStatement(file, node.GetLocation().GetLineSpan().StartLinePosition.Line + 1, sql);
        }
        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InsertReturningIdentityAsync" })
                continue;
            var arguments = call.ArgumentList.Arguments;
            var line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var table = arguments.Count > 4 ? scope.Evaluate(arguments[2].Expression) : null;
            var identity = arguments.Count > 4 ? scope.Evaluate(arguments[3].Expression) : null;
            var columns = arguments.Count > 4 ? DictionaryKeys(arguments[4].Expression, scope) : null;
            yield return table is null || identity is null || columns is null || table.Contains(Hole) || identity.Contains(Hole)
                ? new EmbeddedStatement(file, line, $"{Hole}InsertReturningIdentityAsync with names known only at run time{Hole}")
                : new EmbeddedStatement(file, line, SqlServerEngine.InsertReturningIdentitySql(table, identity, columns));
        }
    }

    // The columns of `new Dictionary<string, object?> { ["a"] = …, ["b"] = … }`.
    private static IReadOnlyList<string>? DictionaryKeys(ExpressionSyntax expression, Scope scope)
    {
        if (expression is not ObjectCreationExpressionSyntax { Initializer: { } initializer })
            return null;
        var keys = new List<string>();
        foreach (var element in initializer.Expressions)
        {
            if (element is not AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax access }
                || scope.Evaluate(access.ArgumentList.Arguments[0].Expression) is not { } key || key.Contains(Hole))
                return null;
            keys.Add(key);
        }
        return keys;
    }

    private static bool IsStringExpression(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression),
        InterpolatedStringExpressionSyntax => true,
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.AddExpression) && (IsStringExpression(binary.Left) || IsStringExpression(binary.Right)),
        ParenthesizedExpressionSyntax parenthesized => IsStringExpression(parenthesized.Expression),
        _ => false,
    };

    // Upper-case keywords, as the code writes SQL; prose ("Select a period") does not match.
    [GeneratedRegex(@"^\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\S+\s+SET\s|DELETE\s+FROM\s|MERGE\s|WITH\s+\w+(\s*\([^)]*\))?\s+AS\s*\(|TRUNCATE\s+TABLE\s|DECLARE\s+@|EXEC\s|CREATE\s+(TABLE|INDEX|VIEW)\s|DROP\s+TABLE\s|ALTER\s+(TABLE|DATABASE)\s)")]
    private static partial Regex StatementStart();

    /// <summary>Evaluates string expressions of one file, resolving names declared in it.</summary>
    private sealed class Scope(SyntaxNode root, Constants constants)
    {
        private readonly Dictionary<string, ExpressionSyntax?> _values = Index(root);

        private static Dictionary<string, ExpressionSyntax?> Index(SyntaxNode root)
        {
            var values = new Dictionary<string, ExpressionSyntax?>(StringComparer.Ordinal);
            void Add(string name, ExpressionSyntax? value)
            {
                // A name declared twice with different values cannot be resolved by its name alone.
                if (values.TryGetValue(name, out var existing) && existing?.ToString() != value?.ToString())
                    values[name] = null;
                else
                    values[name] = value;
            }
            foreach (var declarator in root.DescendantNodes().OfType<VariableDeclaratorSyntax>())
                Add(declarator.Identifier.ValueText, declarator.Initializer?.Value);
            foreach (var property in root.DescendantNodes().OfType<PropertyDeclarationSyntax>())
                Add(property.Identifier.ValueText, property.ExpressionBody?.Expression ?? property.Initializer?.Value);
            return values;
        }

        public string? Evaluate(ExpressionSyntax expression) => Evaluate(expression, depth: 0);

        public string? Evaluate(ExpressionSyntax expression, int depth)
        {
            if (depth > 10)
                return null;
            switch (expression)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    return literal.Token.ValueText;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                    return literal.Token.ValueText;
                case ParenthesizedExpressionSyntax parenthesized:
                    return Evaluate(parenthesized.Expression, depth + 1);
                case ConditionalExpressionSyntax conditional
                    when Evaluate(conditional.WhenTrue, depth + 1) is { } whenTrue && whenTrue == Evaluate(conditional.WhenFalse, depth + 1):
                    return whenTrue;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    return (Evaluate(binary.Left, depth + 1) ?? Unresolved(binary.Left)) + (Evaluate(binary.Right, depth + 1) ?? Unresolved(binary.Right));
                case InterpolatedStringExpressionSyntax interpolated:
                    var text = new StringBuilder();
                    foreach (var content in interpolated.Contents)
                        text.Append(content switch
                        {
                            InterpolatedStringTextSyntax part => part.TextToken.ValueText,
                            InterpolationSyntax hole => Evaluate(hole.Expression, depth + 1) ?? Unresolved(hole.Expression),
                            _ => "",
                        });
                    return text.ToString();
                case IdentifierNameSyntax name:
                    return _values.GetValueOrDefault(name.Identifier.ValueText) is { } value ? Evaluate(value, depth + 1) : null;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax type, Name: IdentifierNameSyntax member }:
                    return constants.Evaluate(type.Identifier.ValueText, member.Identifier.ValueText, depth + 1);
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" }, Name.Identifier.ValueText: "Join" } } join
                    when join.ArgumentList.Arguments.Count == 2:
                    var separator = Evaluate(join.ArgumentList.Arguments[0].Expression, depth + 1);
                    var items = Items(join.ArgumentList.Arguments[1].Expression, depth + 1);
                    return separator is null || items is null ? null : string.Join(separator, items);
                default:
                    return null;
            }
        }

        // The strings of `["a", "b"]`, `new[] { "a", "b" }` or a name declared as one of them.
        private IReadOnlyList<string>? Items(ExpressionSyntax expression, int depth)
        {
            if (expression is IdentifierNameSyntax identifier)
                return _values.GetValueOrDefault(identifier.Identifier.ValueText) is { } declared && depth <= 10 ? Items(declared, depth + 1) : null;
            IEnumerable<ExpressionSyntax?>? elements = expression switch
            {
                CollectionExpressionSyntax collection => collection.Elements.Select(e => (e as ExpressionElementSyntax)?.Expression),
                ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions,
                ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                _ => null,
            };
            if (elements is null)
                return null;
            var items = new List<string>();
            foreach (var element in elements)
            {
                if (element is null || Evaluate(element, depth + 1) is not { } item)
                    return null;
                items.Add(item);
            }
            return items;
        }

        private static string Unresolved(ExpressionSyntax hole) => $"{Hole}{hole}{Hole}";
    }

    /// <summary>The string constants of every scanned type (`const string Rows = "rows"` in `ControlMeasures`), by `Type.Name`.</summary>
    private sealed class Constants
    {
        private readonly Dictionary<string, (ExpressionSyntax? Value, Scope Scope)> _byName = new(StringComparer.Ordinal);

        public static Constants Empty { get; } = new();

        public static Constants Index(IEnumerable<SyntaxNode> roots)
        {
            var constants = new Constants();
            foreach (var root in roots)
            {
                var scope = new Scope(root, constants);
                foreach (var field in root.DescendantNodes().OfType<FieldDeclarationSyntax>().Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword)))
                {
                    if (field.Parent is not TypeDeclarationSyntax type)
                        continue;
                    foreach (var declarator in field.Declaration.Variables)
                    {
                        var key = type.Identifier.ValueText + "." + declarator.Identifier.ValueText;
                        // Two types of the same name in different namespaces cannot be told apart here.
                        constants._byName[key] = constants._byName.ContainsKey(key) ? (null, scope) : (declarator.Initializer?.Value, scope);
                    }
                }
            }
            return constants;
        }

        public string? Evaluate(string type, string name, int depth) =>
            _byName.TryGetValue(type + "." + name, out var constant) && constant.Value is { } value ? constant.Scope.Evaluate(value, depth) : null;
    }
}
