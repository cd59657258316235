using System.Security.Cryptography;
using System.Text;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Schema;

/// <summary>
/// DbUp journals a script by its name, so a released journaled script whose text changes is never run again where
/// it already ran: the engines drift apart silently. database/Scripts/journal.sha256 holds the SHA-256 of every
/// journaled script of both engines (LF line endings, no byte-order mark); a change, a script without a line, or
/// a line without a script fails here.
/// </summary>
public sealed class JournalManifestTests
{
    public const string ManifestPath = "database/Scripts/journal.sha256";

    private static string Manifest() => File.ReadAllText(RepositoryPaths.Combine(ManifestPath.Split('/')));

    private static IReadOnlyList<(string Path, string Sql)> JournaledScripts() =>
        new[] { EngineKind.PostgreSql, EngineKind.SqlServer }
            .SelectMany(kind => Migrator.MigrationScripts(kind).Select(s => ($"{Migrator.FolderOf(kind)}/{s.Name}", s.Contents)))
            .ToList();

    [Fact]
    public void JournaledScripts_MatchTheManifest()
    {
        var problems = JournalManifest.Check(Manifest(), JournaledScripts());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Manifest_Fails_WhenAReleasedScriptIsChanged()
    {
        var scripts = JournaledScripts()
            .Select(s => s.Path == "sqlserver/0003_etl_control.sql" ? (s.Path, s.Sql.Replace("nvarchar(400)", "nvarchar(500)")) : s)
            .ToList();

        var problem = Assert.Single(JournalManifest.Check(Manifest(), scripts));
        Assert.StartsWith("sqlserver/0003_etl_control.sql changed after release", problem);
        Assert.Contains("add a new migration", problem);
    }

    [Fact]
    public void Manifest_DoesNotFail_WhenOnlyLineEndingsDiffer()
    {
        var scripts = JournaledScripts().Select(s => (s.Path, s.Sql.Replace("\n", "\r\n"))).ToList();

        Assert.Empty(JournalManifest.Check(Manifest(), scripts));
    }

    [Fact]
    public void Manifest_Fails_WhenANewScriptHasNoLine()
    {
        const string sql = "CREATE INDEX ix_job_run_source ON etl.job_run (source);\n";
        var scripts = JournaledScripts().Append(("postgres/0500_job_run_source.sql", sql)).ToList();

        var problem = Assert.Single(JournalManifest.Check(Manifest(), scripts));
        Assert.Contains("postgres/0500_job_run_source.sql is not in " + ManifestPath, problem);
        Assert.Contains($"{JournalManifest.Hash(sql)}  postgres/0500_job_run_source.sql", problem);
    }

    [Fact]
    public void Manifest_Fails_WhenALineHasNoScript()
    {
        var scripts = JournaledScripts().Where(s => s.Path != "postgres/0402_registration_indexes.sql").ToList();

        var problem = Assert.Single(JournalManifest.Check(Manifest(), scripts));
        Assert.StartsWith("postgres/0402_registration_indexes.sql is in " + ManifestPath + " but no such journaled script exists", problem);
    }
}

/// <summary>Reads journal.sha256 (<c>hash␠␠engine/file</c> per line, <c>#</c> comments) and compares it with the scripts.</summary>
public static class JournalManifest
{
    /// <summary>SHA-256 (lower-case hex) of the script with LF line endings and no byte-order mark.</summary>
    public static string Hash(string sql)
    {
        var normalised = sql.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    public static IReadOnlyList<string> Check(string manifest, IReadOnlyList<(string Path, string Sql)> scripts)
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var line in manifest.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split("  ", 2);
            if (parts.Length != 2 || parts[0].Length != 64)
                problems.Add($"{JournalManifestTests.ManifestPath}: '{line}' is not '<sha256>  <engine>/<file>'.");
            else if (!expected.TryAdd(parts[1], parts[0]))
                problems.Add($"{JournalManifestTests.ManifestPath}: {parts[1]} is listed twice.");
        }
        foreach (var (path, sql) in scripts)
        {
            var hash = Hash(sql);
            if (!expected.Remove(path, out var listed))
                problems.Add($"{path} is not in {JournalManifestTests.ManifestPath}: a new journaled script is added to the manifest " +
                             $"with the line `{hash}  {path}`.");
            else if (listed != hash)
                problems.Add($"{path} changed after release (SHA-256 {hash}, the manifest has {listed}). DbUp will not run it again " +
                             "where it already ran: undo the change and add a new migration instead (next free number, both engines).");
        }
        foreach (var path in expected.Keys.Order(StringComparer.Ordinal))
            problems.Add($"{path} is in {JournalManifestTests.ManifestPath} but no such journaled script exists: a released script was " +
                         "renamed or deleted. Restore it (the journal knows it by that name).");
        return problems;
    }
}
