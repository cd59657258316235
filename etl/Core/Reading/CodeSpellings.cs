namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// Codes (cost centres, accounts, budget lines, placement types, service-type codes) are natural keys compared
/// without letter case on both engines (docs/decisions.md, "Codes and letter case"). SQL Server's
/// case-insensitive collation treats CC100a and CC100A as one key where PostgreSQL keeps two, so the loaders
/// settle every code before SQL compares it: within a file a code has one spelling, and a code the warehouse
/// already holds takes the warehouse's spelling. Then each code has one spelling in the warehouse, and every
/// join, key and lookup gives the same answer under either collation.
/// </summary>
public sealed class CodeSpellings
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    private readonly Dictionary<string, string> _warehouse = new(Comparer);
    // The first spelling of each code in the file, where it was, and the spelling loaded for it (one look-up a row).
    private readonly Dictionary<string, (string Spelling, string? Sheet, int? Row, string Settled)> _file = new(Comparer);

    /// <param name="warehouseCodes">The codes the warehouse holds for this kind, as it spells them (scope first when scoped).</param>
    public CodeSpellings(IEnumerable<string>? warehouseCodes = null)
    {
        foreach (var code in warehouseCodes ?? [])
            _warehouse.TryAdd(code, code);
    }

    /// <summary>For codes unique within a scope (a service area): the warehouse's (scope, code) pairs.</summary>
    public CodeSpellings(IEnumerable<(string Scope, string Code)> warehouseCodes)
    {
        foreach (var (scope, code) in warehouseCodes)
            _warehouse.TryAdd(Key(scope, code), code);
    }

    /// <summary>Whether the warehouse holds the code (in any letter case).</summary>
    public bool Known(string code, string? scope = null) => _warehouse.ContainsKey(Key(scope, code));

    /// <summary>The warehouse's spelling of a code it holds (in any letter case), or null.</summary>
    public string? Stored(string code, string? scope = null) => _warehouse.GetValueOrDefault(Key(scope, code));

    /// <summary>
    /// The spelling to load for a code read at a place in the file: the warehouse's when it holds the code, else
    /// the file's. A code spelled differently (only in letter case) from its first occurrence in the file is
    /// rejected naming both rows, and null is returned.
    /// </summary>
    public string? Settle(RowErrors errors, string? sheet, int? row, string column, string code, string? scope = null)
    {
        var key = Key(scope, code);
        if (_file.TryGetValue(key, out var first))
        {
            if (string.Equals(first.Spelling, code, StringComparison.Ordinal))
                return first.Settled;
            var where = first.Sheet is not null && first.Sheet != sheet ? $"row {first.Row} of sheet {first.Sheet}" : $"row {first.Row}";
            errors.Reject(sheet, row, column, code,
                $"differs from {first.Spelling} in {where} only in letter case; codes are compared without case, so spell each one the same way throughout the file");
            return null;
        }
        var settled = _warehouse.TryGetValue(key, out var stored) ? stored : code;
        _file[key] = (code, sheet, row, settled);
        return settled;
    }

    private static string Key(string? scope, string code) => scope is null ? code : scope + "\u001f" + code;
}
