using System.Reflection;
using DbUp.Engine;
using DbUp.Helpers;
using DbUp.Support;
using Warehouse.Database.Engines;

namespace Warehouse.Database.Migrations;

/// <summary>
/// Migrates in DbUp run groups (docs/decisions.md, "The SQL tree"):
/// 1. drop every view of dw, report and powerbi (RunAlways), so a journaled script may change what a view reads;
/// 2. the engine's journaled migrations (one transaction per script, journaled by file name);
/// 3. re-create the shared views in dependency order (RunAlways), then write the data dictionary of their
///    comment blocks into the database (RunAlways, <see cref="ViewDictionary"/>);
/// then the caller's <see cref="IMigrationStep"/>s (the jobs host passes Hangfire's installer), then
/// 4. re-apply the reference data, defined once and rendered for the engine (RunAlways, no journal).
/// Safe to run again: journaled scripts run once, steps must be idempotent (Hangfire's installer applies only
/// versions it has not recorded), views are re-created from their files, reference data converges.
/// </summary>
public sealed class Migrator(IWarehouseEngine engine, Action<string>? log = null, IReadOnlyList<IMigrationStep>? afterScripts = null)
{
    private static readonly Assembly ScriptAssembly = typeof(Migrator).Assembly;
    private const string ResourcePrefix = "Warehouse.Database.Scripts.";

    public const int DropViewsGroup = 1;
    public const int JournaledGroup = 2;
    public const int ViewsGroup = 3;
    public const int DictionaryGroup = 4;
    public const int ReferenceGroup = 5;

    public const string ViewScriptPrefix = "views/";
    public const string ReferenceScriptPrefix = "reference/";
    public const string DictionaryScriptName = "dictionary/view_descriptions.sql";

    public MigrationResult Migrate()
    {
        engine.EnsureDatabaseExists();
        if (engine.PrepareDatabase() is { } prepared)
            log?.Invoke(prepared);
        var upgrade = engine.DbUpBuilder()
            .WithScripts(DropViewScript(engine.Kind))
            .WithScripts(MigrationScripts(engine.Kind))
            .WithScripts(ViewScripts(engine.Kind))
            .WithScripts([DictionaryScript(engine.Kind)])
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();
        var result = upgrade.PerformUpgrade();
        if (!result.Successful)
            throw new MigrationFailedException(result.ErrorScript?.Name, result.Error);
        // The RunAlways groups run every time; what was applied means the journaled scripts.
        var applied = result.Scripts.Where(IsJournaled).Select(s => s.Name).ToList();
        foreach (var name in applied)
            log?.Invoke($"applied {name}");
        // After the scripts: the grants need the roles of 0002_roles.sql.
        foreach (var step in afterScripts ?? [])
            step.Apply(engine);
        ApplyReferenceData();
        return new MigrationResult(applied);
    }

    /// <summary>
    /// Migrates only when a journaled script is pending, for the verbs that run as warehouse_loader (run, serve,
    /// load): reading the journal is all they may do, so an up-to-date warehouse sees no DDL from them (the view
    /// and reference groups run every time, so they do not count as pending). After an upgrade that only changes
    /// views, Hangfire or the reference data, run `migrate` as the owner.
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

    /// <summary>The journaled scripts not yet applied (the RunAlways groups are never pending).</summary>
    public IReadOnlyList<string> PendingScripts()
    {
        // Every `load` asks this first: a database that answers exists (and was checked when it was migrated),
        // so the admin connection and the creation check are only for one that does not.
        if (!Answers())
            engine.EnsureDatabaseExists();
        return engine.DbUpBuilder().WithScripts(MigrationScripts(engine.Kind)).LogToNowhere().Build()
            .GetScriptsToExecute().Where(IsJournaled).Select(s => s.Name).ToList();
    }

    private bool Answers()
    {
        try
        {
            using var connection = engine.CreateConnection();
            connection.Open();
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    private static bool IsJournaled(SqlScript script) => script.SqlScriptOptions.ScriptType == ScriptType.RunOnce;

    /// <summary>The journaled migration scripts of an engine, in order, named by file (same names in both engines).</summary>
    public static IReadOnlyList<SqlScript> MigrationScripts(EngineKind kind) =>
        Resources(FolderOf(kind) + ".").Select(r => new SqlScript(r.Name, r.Sql, Options(ScriptType.RunOnce, JournaledGroup))).ToList();

    /// <summary>The engine's script that drops every view of the warehouse schemas (run group 1).</summary>
    public static SqlScript DropViewScript(EngineKind kind) =>
        new(ViewScriptPrefix + SharedViews.DropScript, ReadResource($"{ResourcePrefix}views.{FolderOf(kind)}.{SharedViews.DropScript}"),
            Options(ScriptType.RunAlways, DropViewsGroup));

    /// <summary>The views in dependency order (run group 3), named <c>views/NNN_schema.view.sql</c> so DbUp keeps that order.</summary>
    public static IReadOnlyList<SqlScript> ViewScripts(EngineKind kind) =>
        Views(kind).Select((v, i) => new SqlScript($"{ViewScriptPrefix}{i + 1:000}_{v.View}.sql", v.Sql, Options(ScriptType.RunAlways, ViewsGroup))).ToList();

    /// <summary>The data dictionary of the views' comment blocks as the engine stores it (run group 4, after the views).</summary>
    public static SqlScript DictionaryScript(EngineKind kind) => DictionaryCache[kind].Value;

    private static readonly Dictionary<EngineKind, Lazy<SqlScript>> DictionaryCache = PerEngine(kind =>
        new SqlScript(DictionaryScriptName, ViewDictionary.Render(kind, ViewDictionary.All(kind)), Options(ScriptType.RunAlways, DictionaryGroup)));

    /// <summary>The engine's views with their files (under database/Scripts/views/) and dependencies, in creation order.</summary>
    public static IReadOnlyList<ViewDefinition> Views(EngineKind kind) => ViewCache[kind].Value;

    private static readonly Dictionary<EngineKind, Lazy<IReadOnlyList<ViewDefinition>>> ViewCache = PerEngine(LoadViews);

    private static IReadOnlyList<ViewDefinition> LoadViews(EngineKind kind)
    {
        // Resource names use dots for folders: views.<folder>.<schema>.<view>.sql or views.<engine>.drop_views.sql.
        var files = Resources("views.").Select(r =>
        {
            var dot = r.Name.IndexOf('.');
            return (Path: r.Name[..dot] + "/" + r.Name[(dot + 1)..], r.Sql);
        });
        return SharedViews.InDependencyOrder(SharedViews.Files(kind, files));
    }

    /// <summary>The reference data rendered for the engine, in data-file order (run group 5), named <c>reference/&lt;file&gt;.sql</c>.</summary>
    public static IReadOnlyList<SqlScript> ReferenceScripts(EngineKind kind) => ReferenceCache[kind].Value;

    private static readonly Dictionary<EngineKind, Lazy<IReadOnlyList<SqlScript>>> ReferenceCache = PerEngine(RenderReference);

    // Read or rendered once per engine and process: every test reset re-applies the reference data.
    private static Dictionary<EngineKind, Lazy<T>> PerEngine<T>(Func<EngineKind, T> build) =>
        Enum.GetValues<EngineKind>().ToDictionary(kind => kind, kind => new Lazy<T>(() => build(kind)));

    private static IReadOnlyList<SqlScript> RenderReference(EngineKind kind) => ReferenceTables()
        .Select(t => new SqlScript($"{ReferenceScriptPrefix}{t.Name}.sql", ReferenceSql.Render(t, kind), Options(ScriptType.RunAlways, ReferenceGroup)))
        .ToList();

    /// <summary>Every reference table: the data files of database/Scripts/reference/ and the generated calendar, by name.</summary>
    public static IReadOnlyList<ReferenceTable> ReferenceTables() => ReferenceTableCache.Value;

    private static readonly Lazy<IReadOnlyList<ReferenceTable>> ReferenceTableCache = new(() =>
        Resources("reference.", ".csv").Select(r => ReferenceTable.Parse(r.Name[..^".csv".Length], r.Sql))
            .Concat(CalendarReference.Tables())
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList());

    /// <summary>Every script of an engine in the order one migrate runs them: drop views, journaled, views, dictionary, reference.</summary>
    public static IReadOnlyList<SqlScript> AllScriptsInOrder(EngineKind kind) =>
        [DropViewScript(kind), .. MigrationScripts(kind), .. ViewScripts(kind), DictionaryScript(kind), .. ReferenceScripts(kind)];

    public static string FolderOf(EngineKind kind) => kind switch
    {
        EngineKind.PostgreSql => "postgres",
        EngineKind.SqlServer => "sqlserver",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static SqlScriptOptions Options(ScriptType type, int group) => new() { ScriptType = type, RunGroupOrder = group };

    // Resources directly in a folder (or below it, for views), named by what follows the folder prefix.
    private static IReadOnlyList<(string Name, string Sql)> Resources(string folderPrefix, string extension = ".sql")
    {
        var prefix = ResourcePrefix + folderPrefix;
        return ScriptAssembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(extension, StringComparison.Ordinal))
            // Journal by file name only, so moving the project or its namespace does not re-run scripts.
            .Select(n => (n[prefix.Length..], ReadResource(n)))
            .OrderBy(s => s.Item1, StringComparer.Ordinal)
            .ToList();
    }

    private static string ReadResource(string name)
    {
        using var stream = ScriptAssembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
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
