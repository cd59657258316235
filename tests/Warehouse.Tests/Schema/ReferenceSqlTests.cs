using System.Globalization;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Schema;

/// <summary>Reference data files are read as written and rendered as literals each engine reads the same way.</summary>
public sealed class ReferenceSqlTests
{
    [Theory]
    [InlineData(EngineKind.PostgreSql, "'O''Brien''s'")]
    [InlineData(EngineKind.SqlServer, "N'O''Brien''s'")]
    public void Literal_DoublesQuotes_AndMarksSqlServerTextNational(EngineKind kind, string expected)
    {
        Assert.Equal(expected, ReferenceSql.Literal(ReferenceType.Text, "O'Brien's", kind));
    }

    [Fact]
    public void Literal_WritesDecimalsAndDatesInvariant_WhateverTheCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal("-69.46", ReferenceSql.Literal(ReferenceType.Decimal, "-69.46", EngineKind.SqlServer));
            Assert.Equal("CAST('2018-05-31' AS date)", ReferenceSql.Literal(ReferenceType.Date, "2018-05-31", EngineKind.SqlServer));
            Assert.Equal("DATE '2018-05-31'", ReferenceSql.Literal(ReferenceType.Date, "2018-05-31", EngineKind.PostgreSql));
            Assert.Equal("TIMESTAMPTZ '2000-01-01T00:00:00+00:00'", ReferenceSql.Literal(ReferenceType.TimestampTz, "2000-01-01T00:00:00+00:00", EngineKind.PostgreSql));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(ReferenceType.Text, "CAST(NULL AS nvarchar(4000))")]
    [InlineData(ReferenceType.Date, "CAST(NULL AS date)")]
    [InlineData(ReferenceType.Bool, "CAST(NULL AS bit)")]
    public void Literal_TypesNullOnSqlServer_SoAColumnOfNullsIsNotInt(ReferenceType type, string expected)
    {
        Assert.Equal(expected, ReferenceSql.Literal(type, null, EngineKind.SqlServer));
        Assert.Equal("NULL", ReferenceSql.Literal(type, null, EngineKind.PostgreSql));
    }

    [Fact]
    public void Parse_ReadsQuotedFields_EmptyStrings_AndNulls()
    {
        var table = ReferenceTable.Parse("9999_test", """
            # a comment
            # table: dw.dim_committee
            # key: committee_key
            # mode: upsert
            committee_key:int,committee_code:text,committee_name:text
            7,"A, ""quoted"" code",""
            8,B,
            """);

        Assert.Equal(["7", "A, \"quoted\" code", ""], table.Rows[0]);
        Assert.Equal(["8", "B", null], table.Rows[1]);
        Assert.Equal(ReferenceMode.Upsert, table.Mode);
    }

    [Theory]
    [InlineData("1,A,x\n1,B,y", "repeats the key")]
    [InlineData("one,A,x", "'one' is not a Int")]
    [InlineData("1,A", "has 2 values for 3 columns")]
    public void Parse_Fails_NamingTheRow_WhenARowIsWrong(string rows, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReferenceTable.Parse("9999_test",
            "# table: dw.dim_committee\n# key: committee_key\n# mode: upsert\ncommittee_key:int,committee_code:text,committee_name:text\n" + rows));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Render_WritesTheCalendarInChunks_SqlServerCanCompile()
    {
        var sql = ReferenceSql.Render(CalendarReference.Dates(), EngineKind.SqlServer);

        Assert.Equal((CalendarReference.Dates().Rows.Count + ReferenceSql.ChunkSize - 1) / ReferenceSql.ChunkSize, sql.Split("MERGE dw.dim_date").Length - 1);
        Assert.Contains("COLLATE Latin1_General_100_BIN2", sql); // a name stored in another letter case is corrected
    }

    [Fact]
    public void ReferenceTables_AreTheDataFilesAndTheCalendar_InOrder()
    {
        // Every data file in the folder, with the generated calendar in its numbered place.
        var files = Directory.GetFiles(RepositoryPaths.Combine("database", "Scripts", "reference"), "*.csv")
            .Select(Path.GetFileNameWithoutExtension).Select(name => name!);
        var expected = files.Concat(["0004_calendar_periods", "0005_calendar_dates"]).Order(StringComparer.Ordinal);

        Assert.Equal(expected, Migrator.ReferenceTables().Select(t => t.Name));
        Assert.Contains("0003_committees", expected);
    }
}
