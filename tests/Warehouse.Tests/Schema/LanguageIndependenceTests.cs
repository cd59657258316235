using System.Globalization;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Schema;

/// <summary>
/// SQL Server scripts must give the same rows whatever the language of the login that runs them (a German
/// login once stored 'Mai-18'). Checked on the parsed scripts, so it runs without a server.
/// </summary>
public sealed class LanguageIndependenceTests
{
    [Theory]
    [MemberData(nameof(ScriptParseTests.TSqlScripts), MemberType = typeof(ScriptParseTests))]
    public void TSqlScript_CallsNothingLanguageDependent(string file)
    {
        var findings = TSqlLanguageChecks.Find(ScriptParseTests.TSqlOf(file));

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings.Select(f => $"{file}({f.Line}): {f.What}")));
    }

    [Fact]
    public void Find_ReportsEachLanguageDependentCall_WhenAScriptUsesThem()
    {
        const string sql = """
            SET LANGUAGE German;
            SET DATEFIRST 1;
            SELECT DATENAME(month, GETDATE()), FORMAT(GETDATE(), 'MMM'), CONVERT(nvarchar(20), GETDATE(), 106),
                   DATEPART(weekday, GETDATE()), DATEPART(month, GETDATE()), CAST('2018-05-01' AS datetime), CAST('2018-05-01' AS date),
                   PARSE('1 Mai 2018' AS date), @@DATEFIRST, CONVERT(int, 5);
            """;

        var findings = TSqlLanguageChecks.Find(sql);

        Assert.Equal(9, findings.Count);
        Assert.Contains(findings, f => f.What.StartsWith("DATENAME"));
        Assert.Contains(findings, f => f.What.StartsWith("FORMAT"));
        Assert.Contains(findings, f => f.What.StartsWith("CONVERT with a style"));
        Assert.Contains(findings, f => f.What.StartsWith("DATEPART(weekday"));
        Assert.Contains(findings, f => f.What.Contains("datetime"));
        Assert.Contains(findings, f => f.What.StartsWith("PARSE"));
        Assert.Contains(findings, f => f.What.StartsWith("@@DATEFIRST"));
        Assert.Equal(2, findings.Count(f => f.What.StartsWith("SET ")));
    }

    [Fact]
    public void Calendar_SpellsTheTwelveEnglishMonthNames()
    {
        Assert.Equal(CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Take(12), CalendarReference.MonthNames);
    }
}
