using System.Reflection;
using Microsoft.SqlServer.Dac.Model;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Writing;

namespace Warehouse.Tests.Schema;

/// <summary>
/// Every SQL statement the C# sends (etl/, jobs/, database/ outside PostgreSQL's engine), wrapped in a
/// procedure and resolved against the SQL Server model of the scripts, for 2019 and 2022; and every function
/// it calls checked against the 2019 built-ins. A statement is named by its C# file and line.
/// </summary>
public sealed class EmbeddedSqlModelTests
{
    [Theory]
    [MemberData(nameof(SqlServerModelTests.Versions), MemberType = typeof(SqlServerModelTests))]
    public void EmbeddedStatements_ResolveAgainstTheModel_ForEverySupportedVersion(SqlServerVersion version)
    {
        var problems = EmbeddedModel.Problems(version, EmbeddedModel.Statements());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EmbeddedStatements_AreFoundInEveryFolderThatSendsSql()
    {
        var statements = EmbeddedModel.Statements();

        // One known statement of each kind of site: a literal, an engine operation, a run-time builder, jobs/, database/.
        Assert.Contains(statements, s => s.File == "etl/Core/Pipeline/BatchLedger.cs" && s.Sql.StartsWith("UPDATE etl.batch SET state = @state", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.File == "etl/Core/Pipeline/BatchLedger.cs" && s.Sql.StartsWith("INSERT INTO etl.batch (source, file_id, state, started_utc) OUTPUT INSERTED.batch_id", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.File == "etl/Core/Writing/Scd2Writer.cs" && s.Sql.Contains("FROM dw.dim_cost_centre WHERE cost_centre_code = @key", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.File == "etl/Sources/Activity/ActivityControls.cs" && s.Sql.Contains("JOIN dw.fact_sen_placement AS f", StringComparison.Ordinal));
        // A measure name shared across files (ControlMeasures.Rows) is resolved into the statement, not left a hole.
        Assert.Contains(statements, s => s.File == "etl/Sources/Reference/LineMappingSource.cs" && s.Sql.StartsWith("SELECT 'rows' AS measure", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.File == "etl/Sources/Indicators/IndicatorReturnSource.cs" && s.Sql.Contains("SELECT 'No target'", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.File == "jobs/Status/StatusReader.cs");
        Assert.Contains(statements, s => s.File == "database/Engines/SqlServerEngine.cs" && s.Sql.Contains("sp_getapplock", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.File.StartsWith("database/Engines/PostgreSqlEngine", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("etl/Core/Pipeline/BatchLedger.cs", "finished_utc = @finished", "finish_utc = @finished", "finish_utc")]
    [InlineData("jobs/Status/StatusReader.cs", "SELECT source, MAX(finished_utc) AS last_loaded FROM etl.batch", "SELECT source, MAX(finished_utc) AS last_loaded FROM etl.batches", "batches")]
    [InlineData("etl/Core/Pipeline/BatchLedger.cs", "[\"size_bytes\"] = file.SizeBytes", "[\"file_size\"] = file.SizeBytes", "file_size")]
    public void EmbeddedStatements_FailNamingTheCSharpFile_WhenANameIsWrong(string file, string original, string broken, string named)
    {
        var statements = EmbeddedModel.Statements((path, text) => path == file ? Replaced(text, original, broken) : text);

        var problems = EmbeddedModel.Problems(SqlServerVersion.Sql150, statements);

        Assert.Contains(problems, p => p.StartsWith(file + ":", StringComparison.Ordinal) && p.Contains(named, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("now()")]
    [InlineData("date_trunc('month', @now)")]
    public void EmbeddedStatements_FailNamingTheCSharpFile_WhenTheyCallAFunctionSqlServer2019Lacks(string call)
    {
        const string file = "etl/Core/Pipeline/BatchLedger.cs";
        var statements = EmbeddedModel.Statements((path, text) =>
            path == file ? Replaced(text, "SELECT @batchId, COALESCE(MAX(sequence_no), 0) + 1, @state, @now, @message", $"SELECT @batchId, COALESCE(MAX(sequence_no), 0) + 1, @state, {call}, @message") : text);

        var problems = EmbeddedModel.Problems(SqlServerVersion.Sql150, statements);

        Assert.Contains(problems, p => p.StartsWith(file + ":", StringComparison.Ordinal) && p.Contains("is not a SQL Server 2019 function", StringComparison.Ordinal));
    }

    [Fact]
    public void EmbeddedStatements_FailNamingTheCSharpFile_WhenTheirTextIsOnlyKnownAtRunTime()
    {
        const string file = "jobs/Inbox/RejectionReport.cs";
        var statements = EmbeddedModel.Statements((path, text) =>
            path == file ? Replaced(text, "FROM report.reconciliation WHERE", "FROM {System.Environment.UserName} WHERE").Replace("\"SELECT measure", "$\"SELECT measure") : text);

        var problems = EmbeddedModel.Problems(SqlServerVersion.Sql150, statements);

        Assert.Contains(problems, p => p.StartsWith(file + ":", StringComparison.Ordinal) && p.Contains("only known at run time", StringComparison.Ordinal));
    }

    private static string Replaced(string text, string original, string replacement)
    {
        Assert.Contains(original, text);
        return text.Replace(original, replacement, StringComparison.Ordinal);
    }
}

/// <summary>The C# statements with their run-time builders applied, and the model they are checked against.</summary>
public static class EmbeddedModel
{
    /// <summary>
    /// Files whose SQL is built at run time from names. Each is replaced by what its production builder gives for
    /// the real arguments; a run-time statement in any other file fails the test.
    /// </summary>
    private static readonly Dictionary<string, Func<EmbeddedStatement, IEnumerable<string>>> RunTimeBuilders = new(StringComparer.Ordinal)
    {
        // Every dimension writer the sources hold, with the table and columns they give it.
        ["etl/Core/Writing/Scd2Writer.cs"] = statement => statement.Sql.StartsWith(EmbeddedSql.Hole + "InsertReturningIdentityAsync", StringComparison.Ordinal)
            ? Scd2Writers().Select(w => SqlServerEngine.InsertReturningIdentitySql(w.Table, w.SurrogateKey, w.InsertColumns))
            : Scd2Writers().Select(w => w.Sql.All.ElementAt(Array.IndexOf(Scd2Templates, Template(statement.Sql)))),
        // The landed control totals of both activity returns, with their own fact tables and measures.
        ["etl/Sources/Activity/ActivityControls.cs"] = _ =>
        [
            LandedQuery("dw.fact_adult_activity", "AdultServicesReturnSource"),
            LandedQuery("dw.fact_sen_placement", "SenPlacementsReturnSource"),
        ],
        // One parameter per schema, for the two schemas the model reads.
        ["etl/Publish/WarehouseCatalogue.cs"] = statement => [HoleFilled(statement.Sql, "@s0, @s1")],
        // The engines' template for an identity insert: what it builds is checked at every call site instead.
        ["database/Engines/SqlIdentifiers.cs"] = _ => [],
        // The slice delete and count of a fact the engine replaces by period: every sliced fact the sources hold.
        ["database/Engines/SqlServerEngine.cs"] = statement => statement.Sql.Contains(EmbeddedSql.Hole)
            ? [SqlServerEngine.DeleteSliceSql("dw.fact_ledger", "period_key"), SqlServerEngine.CountSliceSql("dw.fact_ledger", "period_key")]
            : [statement.Sql],
        // The reference data renderers: every table they render, as the migrator runs it, is in the script model already.
        ["database/Migrations/ReferenceSql.cs"] = _ => [],
        ["database/Engines/SqlServerReferenceSql.cs"] = _ => [],
        // The history bench copies the tables and reads the views the live catalogue lists, by their names; its fixed
        // statements are in HistoryGenerator.cs and HistoryCatalogue.cs (checked here), and the bench test runs these on PostgreSQL.
        ["jobs/Bench/HistoryStatements.cs"] = _ => [],
        // The pack selects the columns the live catalogue lists for each report view, so it names only columns that exist
        // in the engine it runs on; its fixed clauses are exercised on PostgreSQL by the pack tests.
        ["etl/Publish/ReportPack.cs"] = _ => [],
        // `explain` reads a view the live catalogue lists, filtered on columns it has; the IN lists take one parameter per code.
        ["etl/Publish/FigureExplainer.cs"] = statement => statement.Sql.StartsWith("SELECT * FROM", StringComparison.Ordinal)
            ? ["SELECT * FROM report.fpr_service_lines WHERE fiscal_year = @fiscalYear AND period = @period AND (UPPER(budget_line_code) = UPPER(@line) OR UPPER(line) = UPPER(@line))"]
            : [HoleFilled(statement.Sql, "(@c0, @c1)")],
    };

    private static readonly string[] Scd2Templates = ["SELECT {k}, {n} FROM", "UPDATE {t} SET valid_to = @validTo, is_current = @current, batch_id", "SELECT {k} AS id", "UPDATE {t} SET {s}", "UPDATE {t} SET valid_to = @validTo, is_current = @current WHERE"];

    private static string Template(string sql)
    {
        var start = System.Text.RegularExpressions.Regex.Replace(sql, EmbeddedSql.Hole + "[^" + EmbeddedSql.Hole + "]*" + EmbeddedSql.Hole, "{}");
        for (var i = 0; i < Scd2Templates.Length; i++)
            if (start.StartsWith(System.Text.RegularExpressions.Regex.Replace(Scd2Templates[i], @"\{\w\}", "{}"), StringComparison.Ordinal))
                return Scd2Templates[i];
        throw new InvalidOperationException($"a statement of the SCD2 writer this test does not know: {sql}");
    }

    private static IEnumerable<Scd2Writer> Scd2Writers() =>
        typeof(Scd2Writer).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(f => f.FieldType == typeof(Scd2Writer))
            .Select(f => (Scd2Writer)f.GetValue(null)!);

    private static string LandedQuery(string factTable, string source)
    {
        var etl = typeof(Scd2Writer).Assembly;
        var measures = StaticField<IReadOnlyDictionary<string, string>>(etl.GetType("Warehouse.Etl.Sources.Activity." + source, throwOnError: true)!, "LandedMeasures");
        var builder = etl.GetType("Warehouse.Etl.Sources.Activity.ActivityControls", throwOnError: true)!.GetMethod("LandedQuery")!;
        return (string)builder.Invoke(null, [factTable, measures])!;
    }

    private static T StaticField<T>(Type type, string name) =>
        (T)(type.GetField(name, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(null)
            ?? throw new InvalidOperationException($"{type.Name}.{name} is gone: update the test's run-time builders"));

    private static string HoleFilled(string sql, string value) =>
        System.Text.RegularExpressions.Regex.Replace(sql, EmbeddedSql.Hole + "[^" + EmbeddedSql.Hole + "]*" + EmbeddedSql.Hole, value);

    public static IReadOnlyList<EmbeddedStatement> Statements(Func<string, string, string>? edit = null)
    {
        var found = EmbeddedSql.Find(RepositoryPaths.Root, edit);
        var statements = new List<EmbeddedStatement>();
        foreach (var statement in found)
        {
            if (RunTimeBuilders.TryGetValue(statement.File, out var build))
                statements.AddRange(build(statement).Select(sql => statement with { Sql = sql }));
            else
                statements.Add(statement);
        }
        return statements.Distinct().ToList();
    }

    public static IReadOnlyList<string> Problems(SqlServerVersion version, IReadOnlyList<EmbeddedStatement> statements)
    {
        using var model = ScriptModel.Build(version);
        // The operational extract reads the social-care system, whose sample schema the repository also holds.
        model.AddScript("samples/Demo/Placements/csc.sqlserver.sql", File.ReadAllText(RepositoryPaths.Combine("samples", "Demo", "Placements", "csc.sqlserver.sql")));
        var problems = new List<string>();
        foreach (var statement in statements)
        {
            if (statement.Sql.Contains(EmbeddedSql.Hole))
            {
                problems.Add($"{statement.Place}: SQL only known at run time ({statement.Sql.Replace(EmbeddedSql.Hole, '`')}): " +
                             "build it from constants, or give its builder and real arguments to EmbeddedModel.RunTimeBuilders");
                continue;
            }
            model.AddStatement(statement.Place, statement.Sql, statement.Line);
            using var reader = new StringReader(statement.Sql);
            var fragment = SqlServerModel.Parser().Parse(reader, out _);
            problems.AddRange(TSqlBuiltIns.UnknownCalls(fragment).Select(c => $"{statement.Place}: {c.Name} is not a SQL Server 2019 function"));
        }
        problems.AddRange(ScriptModel.Problems(model));
        return problems;
    }
}
