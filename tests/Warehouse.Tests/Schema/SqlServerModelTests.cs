using Microsoft.SqlServer.Dac.Model;
using Warehouse.Database.Engines;

namespace Warehouse.Tests.Schema;

/// <summary>
/// SQL Server has no server here, so its model is compiled with DacFx for the oldest and newest supported
/// targets: every script the SQL Server migrator runs (drop views, migrations, shared views, rendered reference
/// data) in DbUp's order, and every statement the C# sends, must
/// resolve against it with no error and no warning other than those about system objects (there is no
/// master.dacpac to resolve them against).
/// </summary>
public sealed class SqlServerModelTests
{
    public static TheoryData<SqlServerVersion> Versions() => new() { SqlServerVersion.Sql150, SqlServerVersion.Sql160 };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Scripts_CompileIntoAValidModel_ForEverySupportedVersion(SqlServerVersion version)
    {
        using var model = ScriptModel.Build(version);

        var messages = ScriptModel.Problems(model);

        Assert.True(messages.Count == 0, string.Join(Environment.NewLine, messages));
    }

    [Fact]
    public void Scripts_FailNamingFileAndLine_WhenAViewReferencesAMissingColumn()
    {
        var messages = ProblemsAfterEditing(RevenueView, sql => sql.Replace("o.dsg_funded, o.pooled_budget,", "o.dsg_funded, o.pooled_budget_typo,"));

        // DacFx names the element, not the reference: the place is the line where the view's CREATE starts.
        var line = LineOf(RevenueView, "CREATE VIEW dw.v_revenue_monitoring");
        AssertReported(messages, $"{RevenueView}:{line}: error", "pooled_budget_typo");
    }

    [Fact]
    public void Scripts_FailNamingTheView_WhenItsTableIsDroppedByALaterMigration()
    {
        // Views are created after every journaled script, so a table a later migration drops is missed by its views.
        var messages = ProblemsAfterEditing("database/Scripts/sqlserver/0151_fact_ledger_loaded_without_staging.sql", sql => sql + "\nDROP TABLE dw.fact_revenue_monitoring;\n");

        AssertReported(messages, RevenueView + ":", "fact_revenue_monitoring");
    }

    [Fact]
    public void Scripts_FailNamingTheProcedureRun_WhenReferenceDataNamesAMissingColumn()
    {
        // The reference rows as rendered for SQL Server (a MERGE), named by their data file.
        var messages = ProblemsAfterEditing("database/Scripts/reference/0003_committees.csv", sql => sql.Replace("committee_code", "committee_kode"));

        AssertReported(messages, "database/Scripts/reference/0003_committees.csv:", "committee_kode");
    }

    [Fact]
    public void Scripts_FailNamingTheScriptOfTheGrant_WhenItGrantsOnAMissingTable()
    {
        var messages = ProblemsAfterEditing("database/Scripts/sqlserver/0400_job_run.sql", sql => sql + "\nGRANT SELECT ON dw.no_such_table TO warehouse_reader;\n");

        AssertReported(messages, "database/Scripts/sqlserver/0400_job_run.sql:", "no_such_table");
    }

    private const string RevenueView = "database/Scripts/views/dw/dw.v_revenue_monitoring.sql";

    // The 2019 model built with one script (named by its repository file) changed.
    private static IReadOnlyList<string> ProblemsAfterEditing(string file, Func<string, string> edit)
    {
        using var model = ScriptModel.Build(SqlServerVersion.Sql150, (name, sql) => name == file ? edit(sql) : sql);
        return ScriptModel.Problems(model);
    }

    private static void AssertReported(IReadOnlyList<string> messages, string place, string named) =>
        Assert.Contains(messages, m => m.StartsWith(place, StringComparison.Ordinal) && m.Contains(named, StringComparison.Ordinal));

    [Fact]
    public void Scripts_CallOnlyFunctionsThatSqlServer2019Has()
    {
        var unknown = ScriptModel.UnknownFunctionCalls(edit: null);

        Assert.True(unknown.Count == 0, string.Join(Environment.NewLine, unknown));
    }

    [Theory]
    [InlineData("date_trunc('month', p.period_end) AS period_end,", "date_trunc")]
    [InlineData("GREATEST(m.budget, 0) AS budget,", "GREATEST")]
    [InlineData("now() AS period_end,", "now")]
    public void Scripts_FailNamingFileAndLine_WhenAViewCallsAFunctionSqlServer2019Lacks(string call, string function)
    {
        const string original = "SELECT m.period_key, p.period_end,";
        var unknown = ScriptModel.UnknownFunctionCalls((name, sql) =>
            name == RevenueView ? sql.Replace(original, "SELECT m.period_key, " + call) : sql);

        var line = LineOf(RevenueView, original);
        Assert.Contains($"{RevenueView}({line},", Assert.Single(unknown));
        Assert.Contains(function, unknown[0]);
    }

    private static int LineOf(string file, string text)
    {
        var sql = EngineScripts.InOrder(EngineKind.SqlServer).Single(s => s.File == file).Sql;
        return sql[..sql.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
    }
}

/// <summary>Builds the model from exactly what the SQL Server migrator runs, in its order, and reports what is wrong with it.</summary>
public static class ScriptModel
{
    /// <summary>The model of every SQL Server script; <paramref name="edit"/> (repository file, text) → text changes one first.</summary>
    public static SqlServerModel Build(SqlServerVersion version, Func<string, string, string>? edit = null)
    {
        var model = new SqlServerModel(version);
        foreach (var script in EngineScripts.InOrder(EngineKind.SqlServer))
            model.AddScript(script.File, Edit(edit, script.File, script.Sql));
        return model;
    }

    /// <summary>Calls to functions SQL Server 2019 lacks, in every script, as <c>file(line,column): name</c>.</summary>
    public static IReadOnlyList<string> UnknownFunctionCalls(Func<string, string, string>? edit)
    {
        var found = new List<string>();
        foreach (var script in EngineScripts.InOrder(EngineKind.SqlServer))
        {
            using var reader = new StringReader(Edit(edit, script.File, script.Sql));
            var fragment = SqlServerModel.Parser().Parse(reader, out _);
            found.AddRange(TSqlBuiltIns.UnknownCalls(fragment).Select(c => $"{script.File}({c.Line},{c.Column}): {c.Name} is not a SQL Server 2019 function"));
        }
        return found;
    }

    private static string Edit(Func<string, string, string>? edit, string name, string sql) => edit is null ? sql : edit(name, sql);

    /// <summary>Split problems, then every error and every warning that is not about a system object.</summary>
    public static IReadOnlyList<string> Problems(SqlServerModel model) =>
        model.Problems.Concat(model.Messages().Where(m => !AboutSystemObject(m)).Select(m => m.ToString())).ToList();

    private static readonly string[] SystemNames = ["[sys].", "[INFORMATION_SCHEMA].", "sp_getapplock", "sp_executesql", "sys.", "INFORMATION_SCHEMA."];

    private static bool AboutSystemObject(ModelMessage message) =>
        message.IsWarning && SystemNames.Any(n => message.Text.Contains(n, StringComparison.OrdinalIgnoreCase));
}

