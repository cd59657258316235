using Microsoft.SqlServer.Dac.Model;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Xunit;

namespace Warehouse.Tests.Schema;

/// <summary>
/// SQL Server has no server here, so its model is compiled with DacFx for the oldest and newest supported
/// targets: every migration and reference script in DbUp's order, and every statement the C# sends, must
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
        var messages = ProblemsAfterEditing("0101_finance_views.sql", sql => sql.Replace("o.dsg_funded, o.pooled_budget,", "o.dsg_funded, o.pooled_budget_typo,"));

        // DacFx names the element, not the reference: the place is the line where the view's CREATE starts.
        var line = LineOf("0101_finance_views.sql", "CREATE VIEW dw.v_revenue_monitoring");
        AssertReported(messages, $"database/Scripts/sqlserver/0101_finance_views.sql:{line}: error", "pooled_budget_typo");
    }

    [Fact]
    public void Scripts_FailNamingTheView_WhenItsTableIsDroppedByALaterMigration()
    {
        var messages = ProblemsAfterEditing("0151_fact_ledger_loaded_without_staging.sql", sql => sql + "\nDROP TABLE dw.fact_revenue_monitoring;\n");

        AssertReported(messages, "database/Scripts/sqlserver/0101_finance_views.sql:", "fact_revenue_monitoring");
    }

    [Fact]
    public void Scripts_FailNamingTheProcedureRun_WhenReferenceDataNamesAMissingColumn()
    {
        var messages = ProblemsAfterEditing("0002_committees.sql", sql => sql.Replace("committee_code", "committee_kode"));

        AssertReported(messages, "database/Scripts/reference/sqlserver/0002_committees.sql:", "committee_kode");
    }

    [Fact]
    public void Scripts_FailNamingTheScriptOfTheGrant_WhenItGrantsOnAMissingTable()
    {
        var messages = ProblemsAfterEditing("0400_job_run.sql", sql => sql + "\nGRANT SELECT ON dw.no_such_table TO warehouse_reader;\n");

        AssertReported(messages, "database/Scripts/sqlserver/0400_job_run.sql:", "no_such_table");
    }

    // The 2019 model built with one script changed (0002_committees.sql is a reference script; the rest are migrations).
    private static IReadOnlyList<string> ProblemsAfterEditing(string script, Func<string, string> edit)
    {
        using var model = ScriptModel.Build(SqlServerVersion.Sql150, (name, sql) => name == script ? edit(sql) : sql);
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
            name == "0101_finance_views.sql" ? sql.Replace(original, "SELECT m.period_key, " + call) : sql);

        var line = LineOf("0101_finance_views.sql", original);
        Assert.Contains($"database/Scripts/sqlserver/0101_finance_views.sql({line},", Assert.Single(unknown));
        Assert.Contains(function, unknown[0]);
    }

    private static int LineOf(string script, string text)
    {
        var sql = Migrator.MigrationScripts(EngineKind.SqlServer).Single(s => s.Name == script).Contents;
        return sql[..sql.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
    }
}

/// <summary>Builds the model from the SQL Server scripts and reports what is wrong with it, one line each.</summary>
public static class ScriptModel
{
    public static SqlServerModel Build(SqlServerVersion version, Func<string, string, string>? edit = null)
    {
        var model = new SqlServerModel(version);
        foreach (var script in Migrator.MigrationScripts(EngineKind.SqlServer))
            model.AddScript("database/Scripts/sqlserver/" + script.Name, Edit(edit, script.Name, script.Contents));
        foreach (var script in Migrator.ReferenceScripts(EngineKind.SqlServer))
            model.AddScript("database/Scripts/reference/sqlserver/" + script.Name, Edit(edit, script.Name, script.Contents));
        return model;
    }

    /// <summary>Calls to functions SQL Server 2019 lacks, in every script, as <c>file(line,column): name</c>.</summary>
    public static IReadOnlyList<string> UnknownFunctionCalls(Func<string, string, string>? edit)
    {
        var scripts = Migrator.MigrationScripts(EngineKind.SqlServer).Select(s => ("database/Scripts/sqlserver/" + s.Name, s))
            .Concat(Migrator.ReferenceScripts(EngineKind.SqlServer).Select(s => ("database/Scripts/reference/sqlserver/" + s.Name, s)));
        var found = new List<string>();
        foreach (var (file, script) in scripts)
        {
            using var reader = new StringReader(Edit(edit, script.Name, script.Contents));
            var fragment = SqlServerModel.Parser().Parse(reader, out _);
            found.AddRange(TSqlBuiltIns.UnknownCalls(fragment).Select(c => $"{file}({c.Line},{c.Column}): {c.Name} is not a SQL Server 2019 function"));
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

