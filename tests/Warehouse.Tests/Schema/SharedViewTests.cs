using System.Text.RegularExpressions;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Schema;

/// <summary>Each view is defined once (database/Scripts/views/), in SQL both engines accept, and created in dependency order.</summary>
public sealed class SharedViewTests
{
    [Fact]
    public void Views_AreTheSameFilesOnBothEngines()
    {
        var postgres = Migrator.Views(EngineKind.PostgreSql);
        var sqlServer = Migrator.Views(EngineKind.SqlServer);

        Assert.Equal(44, postgres.Count);
        Assert.Equal(postgres.Select(v => (v.View, v.File, v.Sql)), sqlServer.Select(v => (v.View, v.File, v.Sql)));
        // No per-engine override today: when one is added, this is where it shows.
        Assert.All(postgres, v => Assert.Equal($"{v.View.Split('.')[0]}/{v.View}.sql", v.File));
    }

    [Fact]
    public void ViewFiles_UseSqlBothEnginesAccept()
    {
        // integer (int), :: casts, GO, ILIKE, LIMIT, TOP, || and brackets belong to one engine only.
        var oneEngine = new Regex(@"\binteger\b|::|^\s*GO\s*$|\bILIKE\b|\bLIMIT\b|\bTOP\b|\|\||\[|\bGETDATE\b|\bISNULL\b",
            RegexOptions.IgnoreCase | RegexOptions.Multiline);

        var found = Migrator.Views(EngineKind.PostgreSql)
            .SelectMany(v => oneEngine.Matches(Regex.Replace(v.Sql, @"--[^\n]*|'(?:[^']|'')*'", " ")).Select(m => $"views/{v.File}: {m.Value.Trim()}"))
            .ToList();

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void Views_AreCreatedAfterTheViewsTheyRead()
    {
        var order = Migrator.ViewScripts(EngineKind.PostgreSql).Select(s => s.Name).ToList();
        int At(string view) => order.FindIndex(n => n.EndsWith("_" + view + ".sql", StringComparison.Ordinal));

        Assert.True(At("powerbi.lac_placements") < At("report.kad_lac_placements"));
        Assert.True(At("report.kad_lac_placements") < At("report.kad_lac_reconciliation"));
        Assert.True(At("dw.v_revenue_monitoring") < At("report.fpr_directorate_summary"));
        Assert.Equal(order.Order(StringComparer.Ordinal), order); // DbUp runs a group in name order
        Assert.Equal(["powerbi.lac_placements"], Migrator.Views(EngineKind.PostgreSql).Single(v => v.View == "report.kad_lac_placements").DependsOn);
    }

    [Fact]
    public void JournaledScripts_CreateAlterOrDropNoView()
    {
        var view = new Regex(@"\b(CREATE|ALTER|DROP)\s+(OR\s+REPLACE\s+|OR\s+ALTER\s+)?VIEW\b", RegexOptions.IgnoreCase);

        var found = new[] { EngineKind.PostgreSql, EngineKind.SqlServer }
            .SelectMany(kind => Migrator.MigrationScripts(kind).Select(s => (File: $"{Migrator.FolderOf(kind)}/{s.Name}", Sql: Regex.Replace(s.Contents, "--[^\n]*", ""))))
            .Where(s => view.IsMatch(s.Sql))
            .Select(s => s.File)
            .ToList();

        Assert.True(found.Count == 0, "Views live in database/Scripts/views/, not in journaled scripts: " + string.Join(", ", found));
    }

    [Fact]
    public void ViewOrder_Fails_WhenViewsReadEachOtherInACycle()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SharedViews.InDependencyOrder(
        [
            ("report.a", "report/report.a.sql", "CREATE VIEW report.a AS SELECT x FROM report.b;"),
            ("report.b", "report/report.b.sql", "CREATE VIEW report.b AS SELECT x FROM report.a;"),
            ("report.c", "report/report.c.sql", "CREATE VIEW report.c AS SELECT x FROM dw.fact_ledger;"),
        ]));

        Assert.Contains("cycle", error.Message);
        Assert.Contains("report.a reads report.b", error.Message);
    }

    [Fact]
    public void ViewOrder_Fails_WhenAViewReadsAViewNoFileDefines()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SharedViews.InDependencyOrder(
        [
            ("report.a", "report/report.a.sql", "-- reads powerbi.gone in a comment: not a reference\nCREATE VIEW report.a AS SELECT 'powerbi.gone' AS x FROM powerbi.lost;"),
        ]));

        Assert.Equal("views/report/report.a.sql: report.a reads powerbi.lost, which is not a view any file in database/Scripts/views/ defines.", error.Message);
    }

    [Fact]
    public void ViewFiles_Fail_WhenAnOverrideHasNoSharedView()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SharedViews.Files(EngineKind.SqlServer,
        [
            ("report/report.a.sql", "CREATE VIEW report.a AS SELECT 1 AS x;"),
            ("sqlserver/report.b.sql", "CREATE VIEW report.b AS SELECT 1 AS x;"),
        ]));

        Assert.Contains("overrides report.b, which has no shared file", error.Message);
    }

    [Fact]
    public void ViewFiles_UseTheOverride_OnItsEngineOnly()
    {
        (string, string)[] files =
        [
            ("report/report.a.sql", "CREATE VIEW report.a AS SELECT 1 AS x;"),
            ("sqlserver/report.a.sql", "CREATE VIEW report.a AS SELECT CAST(1 AS bit) AS x;"),
        ];

        Assert.Equal("sqlserver/report.a.sql", Assert.Single(SharedViews.Files(EngineKind.SqlServer, files)).File);
        Assert.Equal("report/report.a.sql", Assert.Single(SharedViews.Files(EngineKind.PostgreSql, files)).File);
    }

    [Fact]
    public void ViewFiles_Fail_WhenAFileIsNotNamedForItsView()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SharedViews.Files(EngineKind.PostgreSql,
            [("report/report.a.sql", "CREATE VIEW report.b AS SELECT 1 AS x;")]));

        Assert.Contains("defines report.b, but the file is named for report.a", error.Message);
    }
}
