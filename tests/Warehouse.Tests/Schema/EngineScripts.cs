using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Schema;

/// <summary>
/// Every script one migrate runs on an engine, in DbUp's order (drop views, journaled, views, reference data),
/// each with the repository file it comes from, so a test's message points at the file to change.
/// </summary>
public static class EngineScripts
{
    public sealed record Script(string File, string Name, string Sql);

    public static IReadOnlyList<Script> InOrder(EngineKind kind)
    {
        var folder = Migrator.FolderOf(kind);
        var views = Migrator.Views(kind);
        var calendar = CalendarReference.Tables().Select(t => t.Name).ToHashSet();
        var viewIndex = 0;
        return Migrator.AllScriptsInOrder(kind).Select(s =>
        {
            string file;
            if (s.Name == Migrator.DropViewScript(kind).Name)
                file = $"database/Scripts/views/{folder}/{SharedViews.DropScript}";
            else if (s.Name.StartsWith(Migrator.ViewScriptPrefix, StringComparison.Ordinal))
                file = "database/Scripts/views/" + views[viewIndex++].File;
            else if (s.Name == Migrator.DictionaryScriptName)
                file = "database/Scripts/views/ (the data dictionary of the views' comment blocks)";
            else if (s.Name.StartsWith(Migrator.ReferenceScriptPrefix, StringComparison.Ordinal))
            {
                var table = s.Name[Migrator.ReferenceScriptPrefix.Length..^".sql".Length];
                file = calendar.Contains(table) ? $"database/Migrations/CalendarReference.cs ({table})" : $"database/Scripts/reference/{table}.csv";
            }
            else
                file = $"database/Scripts/{folder}/{s.Name}";
            return new Script(file, s.Name, s.Contents);
        }).ToList();
    }
}
