using System.Reflection;
using DbUp.Engine;
using DbUp.Helpers;
using Warehouse.Database.Engines;

namespace Warehouse.Database.Migrations;

/// <summary>
/// Applies the engine's journaled migrations (one transaction per script), installs or upgrades Hangfire's
/// schema and grants it to warehouse_loader, then re-applies the idempotent reference data (periods, dates,
/// batch states, committees, Unknown members). Safe to run again: journaled scripts run once, the Hangfire
/// installer applies only versions it has not recorded, reference scripts converge.
/// </summary>
public sealed class Migrator(IWarehouseEngine engine, Action<string>? log = null, IReadOnlyList<IMigrationStep>? afterScripts = null)
{
    private static readonly Assembly ScriptAssembly = typeof(Migrator).Assembly;
    private const string ResourcePrefix = "Warehouse.Database.Scripts.";

    public MigrationResult Migrate()
    {
        engine.EnsureDatabaseExists();
        if (engine.PrepareDatabase() is { } prepared)
            log?.Invoke(prepared);
        var upgrade = engine.DbUpBuilder()
            .WithScripts(MigrationScripts(engine.Kind))
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();
        var result = upgrade.PerformUpgrade();
        if (!result.Successful)
            throw new MigrationFailedException(result.ErrorScript?.Name, result.Error);
        var applied = result.Scripts.Select(s => s.Name).ToList();
        foreach (var name in applied)
            log?.Invoke($"applied {name}");
        // After the scripts: the grants need the roles of 0002_roles.sql.
        foreach (var step in afterScripts ?? []) step.Apply(engine);
        ApplyReferenceData();
        return new MigrationResult(applied);
    }

    /// <summary>
    /// Migrates only when a journaled script is pending, for the verbs that run as warehouse_loader (run, serve,
    /// load): reading the journal is all they may do, so an up-to-date warehouse sees no DDL from them. After an
    /// upgrade that only changes Hangfire or the reference data, run `migrate` as the owner.
    /// </summary>
    public MigrationResult MigrateIfPending() => PendingScripts().Count > 0 ? Migrate() : new MigrationResult([]);

    /// <summary>Re-applies reference data without touching the journal (used after a test reset too).</summary>
    public void ApplyReferenceData()
    {
        var upgrade = engine.DbUpBuilder()
            .WithScripts(ReferenceScripts(engine.Kind))
            .JournalTo(new NullJournal())
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();
        var result = upgrade.PerformUpgrade();
        if (!result.Successful)
            throw new MigrationFailedException(result.ErrorScript?.Name, result.Error);
    }

    public IReadOnlyList<string> PendingScripts()
    {
        engine.EnsureDatabaseExists();
        return engine.DbUpBuilder().WithScripts(MigrationScripts(engine.Kind)).LogToNowhere().Build()
            .GetScriptsToExecute().Select(s => s.Name).ToList();
    }

    /// <summary>The journaled migration scripts of an engine, in order, named by file (same names in both engines).</summary>
    public static IReadOnlyList<SqlScript> MigrationScripts(EngineKind kind) => Scripts(FolderOf(kind) + ".");

    public static IReadOnlyList<SqlScript> ReferenceScripts(EngineKind kind) => Scripts("reference." + FolderOf(kind) + ".");

    public static string FolderOf(EngineKind kind) => kind switch
    {
        EngineKind.PostgreSql => "postgres",
        EngineKind.SqlServer => "sqlserver",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static IReadOnlyList<SqlScript> Scripts(string folderPrefix)
    {
        var prefix = ResourcePrefix + folderPrefix;
        return ScriptAssembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            // Journal by file name only, so moving the project or its namespace does not re-run scripts.
            .Select(n => new SqlScript(n[prefix.Length..], ReadResource(n)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string ReadResource(string name)
    {
        using var stream = ScriptAssembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed record MigrationResult(IReadOnlyList<string> AppliedScripts);

public sealed class MigrationFailedException(string? script, Exception? inner)
    : Exception($"Migration script {script ?? "(unknown)"} failed: {inner?.Message}", inner)
{
    public string? Script { get; } = script;
}
