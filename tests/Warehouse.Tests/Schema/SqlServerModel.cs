using System.Text;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Warehouse.Tests.Schema;

/// <summary>
/// The SQL Server model compiled without a server (DacFx), from the scripts in the order DbUp runs them.
/// DacFx takes one object per source, so each script is split with ScriptDom: every CREATE or GRANT becomes
/// its own source named <c>file:line</c> (padded with newlines so DacFx reports the script's own lines),
/// guards such as <c>IF … CREATE ROLE</c> and <c>IF … EXEC(N'CREATE SCHEMA …')</c> are unwrapped, DROPs are
/// replayed by deleting the source that created the object, and every other run of statements (DML, MERGE,
/// cursors, reference data) is wrapped in a procedure so its table and column names are resolved too.
/// </summary>
/// <summary>One message of the model: where (the source <c>file:line</c>) and what.</summary>
public sealed record ModelMessage(bool IsWarning, string Source, string Text)
{
    public override string ToString() => $"{Source}: {(IsWarning ? "warning" : "error")} {Text}";
}

public sealed class SqlServerModel : IDisposable
{
    public const string CheckSchema = "model_check";

    private static readonly TSqlObjectOptions Options = new() { SkipExistingModelValidation = true };
    private readonly Dictionary<string, string> _sourceOf = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _problems = [];
    private int _procedures;

    public SqlServerModel(SqlServerVersion version)
    {
        Version = version;
        Model = new TSqlModel(version, new TSqlModelOptions());
        Model.AddOrUpdateObjects($"CREATE SCHEMA [{CheckSchema}];", "model_check:schema", Options);
        // DbUp creates its journal itself (SqlTableJournal), before the first script; a migration may grant on it.
        Model.AddOrUpdateObjects("CREATE TABLE [dbo].[SchemaVersions] ([Id] int IDENTITY(1,1) NOT NULL PRIMARY KEY, " +
                                 "[ScriptName] nvarchar(255) NOT NULL, [Applied] datetime NOT NULL);", "dbup:journal", Options);
    }

    public SqlServerVersion Version { get; }

    public TSqlModel Model { get; }

    /// <summary>Problems found while splitting (parse errors, statements the builder cannot place).</summary>
    public IReadOnlyList<string> Problems => _problems;

    public static TSqlParser Parser() => new TSql150Parser(initialQuotedIdentifiers: true);

    /// <summary>Adds a whole script (batches separated by GO) as DbUp would run it.</summary>
    public void AddScript(string file, string sql)
    {
        using var reader = new StringReader(sql);
        var script = (TSqlScript)Parser().Parse(reader, out var errors);
        foreach (var error in errors)
            _problems.Add($"{file}({error.Line},{error.Column}): {error.Message}");
        if (errors.Count > 0)
            return;
        foreach (var batch in script.Batches)
            AddStatements(file, sql, batch.Statements, lineOffset: 0);
    }

    /// <summary>
    /// Adds one statement that code sends, wrapped in a procedure whose parameters are the statement's
    /// variables (declared sql_variant: DacFx resolves names, and a parameter of any type will do for that).
    /// </summary>
    public void AddStatement(string source, string sql, int line)
    {
        using var reader = new StringReader(sql);
        var script = (TSqlScript)Parser().Parse(reader, out var errors);
        foreach (var error in errors)
            _problems.Add($"{source}: line {line + error.Line - 1}: {error.Message}  [{Shorten(sql)}]");
        if (errors.Count > 0)
            return;
        var statements = script.Batches.SelectMany(b => b.Statements).ToList();
        var ddl = statements.Where(IsObjectDefinition).ToList();
        foreach (var statement in ddl)
            AddObject(source, sql, statement, line - 1);
        var rest = statements.Where(s => !IsObjectDefinition(s) && s is not DropTableStatement).ToList();
        if (rest.Count == 0)
            return;
        var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in rest)
            statement.Accept(new DeclaredVariables(declared));
        var used = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in rest)
            statement.Accept(new UsedVariables(used));
        used.ExceptWith(declared);
        var parameters = used.Count == 0 ? "" : " " + string.Join(", ", used.Select(v => v + " sql_variant"));
        var text = string.Join(";\n", rest.Select(s => Text(sql, s)));
        WrapInProcedure(source, line - 1 + rest[0].StartLine - 1, parameters, text);
    }

    /// <summary>
    /// Every build error, then every validation message named by the source (<c>file:line</c>) of the element
    /// it is about: DacFx's validation messages name the element but carry no position of their own.
    /// </summary>
    public IReadOnlyList<ModelMessage> Messages()
    {
        var messages = Model.GetModelErrors()
            .Select(e => new ModelMessage(e.Severity == ModelErrorSeverity.Warning, $"{e.SourceName}({e.Line},{e.Column})", $"{e.Prefix}{e.ErrorCode}: {e.Message}"))
            .ToList();
        // A GRANT's element is reported by its type alone ("Permission"): then the source is the one whose
        // element names what the message says is missing.
        var elements = Model.GetObjects(DacQueryScopes.UserDefined)
            .Select(e => (Type: e.ObjectType.Name, Name: e.Name.ToString(), Source: e.GetSourceInformation()?.SourceName))
            .Where(e => !string.IsNullOrEmpty(e.Source))
            .ToList();
        foreach (var message in Model.Validate())
        {
            var element = ElementName.Match(message.Message).Groups[1].Value.Trim();
            var missing = MissingName.Match(message.Message) is { Success: true } m ? m.Groups[1].Value.TrimEnd('.') : "";
            List<string?> candidates;
            if (element.StartsWith('['))
            {
                var parts = element.Split("].[");
                candidates = Enumerable.Range(1, parts.Length).Reverse()
                    .Select(n => string.Join("].[", parts.Take(n)) + (n < parts.Length ? "]" : ""))
                    .Select(name => elements.Where(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(e => e.Source).ToList())
                    .FirstOrDefault(list => list.Count > 0) ?? [];
            }
            else
            {
                var ofType = elements.Where(e => e.Type.Equals(element, StringComparison.OrdinalIgnoreCase)).ToList();
                var naming = ofType.Where(e => missing.Length > 0 && e.Name.Contains(missing, StringComparison.OrdinalIgnoreCase)).ToList();
                candidates = (naming.Count > 0 ? naming : ofType).Select(e => e.Source).ToList();
            }
            var source = candidates.Count > 0 ? string.Join(" or ", candidates.Distinct()) : "(no source)";
            messages.Add(new ModelMessage(message.MessageType == Microsoft.SqlServer.Dac.DacMessageType.Warning, source, $"{message.Prefix}{message.Number}: {message.Message}"));
        }
        return messages;
    }

    private static readonly System.Text.RegularExpressions.Regex ElementName = new(@"Error validating element (\[[^\]]*\](?:\.\[[^\]]*\])*|[^:\[]+):");
    private static readonly System.Text.RegularExpressions.Regex MissingName = new(@"unresolved reference to object ((?:\[[^\]]*\]\.?)+)");

    public void Dispose() => Model.Dispose();

    private void AddStatements(string file, string sql, IList<TSqlStatement> statements, int lineOffset)
    {
        var run = new List<TSqlStatement>();
        foreach (var statement in statements)
        {
            var unwrapped = Unwrap(statement, sql, out var innerSql, out var innerOffset);
            if (unwrapped is not null)
            {
                Flush(file, sql, run, lineOffset);
                AddObject(file, innerSql ?? sql, unwrapped, innerSql is null ? lineOffset : innerOffset);
            }
            else if (IsObjectDefinition(statement))
            {
                Flush(file, sql, run, lineOffset);
                AddObject(file, sql, statement, lineOffset);
            }
            else if (statement is DropTableStatement dropTable)
            {
                Flush(file, sql, run, lineOffset);
                foreach (var name in dropTable.Objects)
                    Delete(file, statement, Key(name), dropTable.IsIfExists);
            }
            else if (statement is DropIndexStatement dropIndex)
            {
                Flush(file, sql, run, lineOffset);
                foreach (var clause in dropIndex.DropIndexClauses.OfType<DropIndexClause>())
                    Delete(file, statement, "index:" + Key(clause.Object) + "." + clause.Index.Value);
            }
            else
                run.Add(statement);
        }
        Flush(file, sql, run, lineOffset);
    }

    // `IF … CREATE ROLE x` and `IF … EXEC (N'CREATE SCHEMA x')`: the guarded definition is what the model holds.
    private TSqlStatement? Unwrap(TSqlStatement statement, string sql, out string? innerSql, out int innerOffset)
    {
        innerSql = null;
        innerOffset = 0;
        if (statement is not IfStatement { ElseStatement: null } guard)
            return null;
        if (IsObjectDefinition(guard.ThenStatement))
            return guard.ThenStatement;
        if (guard.ThenStatement is ExecuteStatement { ExecuteSpecification.ExecutableEntity: ExecutableStringList list }
            && list.Strings.Count == 1 && list.Strings[0] is StringLiteral literal)
        {
            using var reader = new StringReader(literal.Value);
            var inner = (TSqlScript)Parser().Parse(reader, out var errors);
            var innerStatements = inner.Batches.SelectMany(b => b.Statements).ToList();
            if (errors.Count == 0 && innerStatements is [var only] && IsObjectDefinition(only))
            {
                innerSql = literal.Value;
                innerOffset = guard.StartLine - 1;
                return only;
            }
        }
        return null;
    }

    private static bool IsObjectDefinition(TSqlStatement statement) => statement is CreateTableStatement or CreateViewStatement
        or CreateIndexStatement or CreateSchemaStatement or CreateRoleStatement or GrantStatement or CreateProcedureStatement
        or CreateFunctionStatement or CreateTriggerStatement or AlterTableAddTableElementStatement or CreateSequenceStatement
        or CreateTypeStatement;

    private void AddObject(string file, string sql, TSqlStatement statement, int lineOffset)
    {
        var line = lineOffset + statement.StartLine;
        var source = $"{file}:{line}";
        var text = new string('\n', line - 1) + Text(sql, statement);
        try
        {
            Model.AddOrUpdateObjects(text, source, Options);
        }
        catch (Exception e)
        {
            _problems.Add($"{source}: {e.Message}");
            return;
        }
        foreach (var key in KeysOf(statement))
            _sourceOf[key] = source;
    }

    private void Flush(string file, string sql, List<TSqlStatement> run, int lineOffset)
    {
        if (run.Count == 0)
            return;
        var startLine = lineOffset + run[0].StartLine;
        // Statements keep their own text and lines; each ends with a semicolon so a CTE can follow another.
        var text = new StringBuilder();
        var currentLine = startLine;
        foreach (var statement in run)
        {
            var statementLine = lineOffset + statement.StartLine;
            if (text.Length > 0)
                text.Append(';');
            text.Append('\n', Math.Max(0, statementLine - currentLine));
            text.Append(Text(sql, statement));
            currentLine = statementLine + Text(sql, statement).Count(c => c == '\n');
        }
        WrapInProcedure($"{file}:{startLine}", startLine - 1, "", text.ToString());
        run.Clear();
    }

    private void WrapInProcedure(string source, int linesBefore, string parameters, string body)
    {
        var name = $"[{CheckSchema}].[run_{++_procedures}]";
        var text = new string('\n', linesBefore) + $"CREATE PROCEDURE {name}{parameters} AS BEGIN " + body + ";\nEND";
        try
        {
            Model.AddOrUpdateObjects(text, source, Options);
        }
        catch (Exception e)
        {
            _problems.Add($"{source}: {e.Message}");
        }
    }

    private void Delete(string file, TSqlStatement statement, string key, bool ifExists = false)
    {
        if (_sourceOf.Remove(key, out var source))
            Model.DeleteObjects(source);
        else if (!ifExists)
            _problems.Add($"{file}:{statement.StartLine}: drops {key}, which no earlier script created");
    }

    private static IEnumerable<string> KeysOf(TSqlStatement statement) => statement switch
    {
        CreateTableStatement table => [Key(table.SchemaObjectName)],
        CreateViewStatement view => [Key(view.SchemaObjectName)],
        CreateIndexStatement index => ["index:" + Key(index.OnName) + "." + index.Name.Value],
        _ => [],
    };

    private static string Key(SchemaObjectName name) =>
        (name.SchemaIdentifier?.Value ?? "dbo") + "." + name.BaseIdentifier.Value;

    private static string Text(string sql, TSqlFragment fragment) => sql.Substring(fragment.StartOffset, fragment.FragmentLength);

    private static string Shorten(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 120 ? flat : flat[..117] + "…";
    }

    private sealed class DeclaredVariables(HashSet<string> names) : TSqlFragmentVisitor
    {
        public override void Visit(DeclareVariableElement node) => names.Add(node.VariableName.Value);
    }

    private sealed class UsedVariables(SortedSet<string> names) : TSqlFragmentVisitor
    {
        public override void Visit(VariableReference node)
        {
            if (!node.Name.StartsWith("@@", StringComparison.Ordinal))
                names.Add(node.Name);
        }
    }
}
