using System.Globalization;


namespace Warehouse.Etl.Core.Writing;

/// <summary>One version of a dimension member as a source states it: its key, when it takes effect, and its attributes.</summary>
public sealed record Scd2Version(string Key, DateTime ValidFrom, IReadOnlyDictionary<string, object?> Attributes)
{
    /// <summary>
    /// Attributes the source does not state (an optional column absent from the file). A member the dimension holds
    /// keeps its stored values for them; for a new member the value in <see cref="Attributes"/> is its default. An
    /// absent column says nothing, so it must never reset what an earlier file stated (dsg_funded to N).
    /// </summary>
    public IReadOnlySet<string> NotStated { get; init; } = new HashSet<string>();

    /// <summary>This version with its unstated attributes taken from <paramref name="stored"/> (the version in effect), if any.</summary>
    public Scd2Version Completed(IReadOnlyDictionary<string, object?>? stored) =>
        NotStated.Count == 0 || stored is null ? this : this with
        {
            Attributes = Attributes.ToDictionary(a => a.Key, a => NotStated.Contains(a.Key) && stored.TryGetValue(a.Key, out var kept) ? kept : a.Value),
            NotStated = new HashSet<string>(),
        };
}

/// <summary>
/// Merges stated versions into an SCD type 2 dimension (columns: surrogate key, natural key, attributes,
/// valid_from, valid_to, is_current, batch_id). A version equal to the one already in effect adds nothing;
/// a change opens a new version and closes the previous one; a correction to a version with the same
/// start overwrites it. Validity ranges are then recomputed so they never overlap or leave gaps.
/// Reference dimensions are small, so the comparison is done here rather than in dialect-specific SQL.
/// Natural keys are compared without letter case, as SQL Server's collation compares them; the source settles
/// each key's spelling first (<see cref="CodeSpellings"/>), so the SQL below matches the same rows on
/// PostgreSQL.
/// </summary>
/// <summary>The statements of one <see cref="Scd2Writer"/>, built from its table and column names.</summary>
public sealed record Scd2Statements(string InEffect, string EndMember, string Versions, string Correct, string CloseRange)
{
    public IEnumerable<string> All => [InEffect, EndMember, Versions, Correct, CloseRange];
}

public sealed class Scd2Writer
{
    private static readonly DateTime OpenEnd = new(9999, 12, 31);
    private readonly string table;
    private readonly string surrogateKey;
    private readonly string naturalKey;
    private readonly IReadOnlyList<string> attributes;

    public Scd2Writer(string table, string surrogateKey, string naturalKey, IReadOnlyList<string> attributes)
    {
        (this.table, this.surrogateKey, this.naturalKey, this.attributes) = (table, surrogateKey, naturalKey, attributes);
        var columns = string.Join(", ", attributes);
        Sql = new Scd2Statements(
            InEffect: $"SELECT {surrogateKey}, {naturalKey} FROM {table} WHERE valid_from < @asOf AND valid_to >= @asOf AND {surrogateKey} > 0",
            EndMember: $"UPDATE {table} SET valid_to = @validTo, is_current = @current, batch_id = @batchId WHERE {surrogateKey} = @id",
            Versions: $"SELECT {surrogateKey} AS id, valid_from, {columns} FROM {table} WHERE {naturalKey} = @key ORDER BY valid_from",
            Correct: $"UPDATE {table} SET {string.Join(", ", attributes.Select((a, i) => $"{a} = @a{i}"))}, batch_id = @batchId WHERE {surrogateKey} = @id",
            CloseRange: $"UPDATE {table} SET valid_to = @validTo, is_current = @current WHERE {surrogateKey} = @id AND (valid_to <> @validTo OR is_current <> @current)");
        InsertColumns = [naturalKey, .. attributes, "valid_from", "valid_to", "is_current", "batch_id"];
    }

    /// <summary>The table this writer merges into, and the key it generates.</summary>
    public string Table => table;
    public string SurrogateKey => surrogateKey;

    /// <summary>The statements it sends, built once from its names (the SQL Server model test compiles them).</summary>
    public Scd2Statements Sql { get; }

    /// <summary>The columns of a new version, inserted through the engine (which hands back the surrogate key).</summary>
    public IReadOnlyList<string> InsertColumns { get; }

    public sealed record MergeResult(int Inserted, int Updated, int Unchanged);

    /// <param name="completeAsOf">
    /// When the versions state the whole membership on this date (a full structure for a financial year),
    /// members in effect on that date but absent from the versions are ended the day before.
    /// </param>
    public async Task<MergeResult> MergeAsync(LoadContext context, IEnumerable<Scd2Version> versions, CancellationToken cancellationToken,
        DateTime? completeAsOf = null)
    {
        int inserted = 0, updated = 0, unchanged = 0;
        var byKey = versions.GroupBy(v => v.Key, CodeSpellings.Comparer).ToList();
        // Two spellings of one key would be two members on PostgreSQL and a unique violation on SQL Server.
        foreach (var group in byKey)
            if (group.Select(v => v.Key).Distinct(StringComparer.Ordinal).Skip(1).Any())
                throw new InvalidOperationException(
                    $"{table}: {string.Join(" and ", group.Select(v => v.Key).Distinct(StringComparer.Ordinal))} differ only in letter case; the source must settle codes (CodeSpellings) before merging.");
        if (completeAsOf is { } asOf)
        {
            var stated = byKey.Select(g => g.Key).ToHashSet(CodeSpellings.Comparer);
            var inEffect = await context.QueryAsync<(int id, string key)>(Sql.InEffect, new { asOf }, cancellationToken);
            foreach (var (id, _) in inEffect.Where(e => !stated.Contains(e.key)))
                await context.ExecuteAsync(Sql.EndMember,
                    new { validTo = asOf.AddDays(-1), current = false, batchId = context.BatchId, id }, cancellationToken);
        }
        foreach (var group in byKey)
        {
            var existing = (await context.QueryAsync<dynamic>(Sql.Versions, new { key = group.Key }, cancellationToken))
                .Select(row => (IDictionary<string, object?>)row)
                .Select(row => new Existing(Convert.ToInt32(row["id"], CultureInfo.InvariantCulture), ToDate(row["valid_from"]!),
                    attributes.ToDictionary(a => a, a => row[a])))
                .ToList();

            foreach (var stated in group.OrderBy(v => v.ValidFrom))
            {
                var sameStart = existing.FirstOrDefault(e => e.ValidFrom == stated.ValidFrom);
                // What the source does not state is kept from the version it corrects, else from the one in effect before it.
                var version = stated.Completed((sameStart ?? existing.Where(e => e.ValidFrom < stated.ValidFrom).MaxBy(e => e.ValidFrom))?.Attributes);
                if (sameStart is not null)
                {
                    if (Same(sameStart.Attributes, version.Attributes))
                    {
                        unchanged++;
                        continue;
                    }
                    await context.ExecuteAsync(Sql.Correct,
                        Parameters(version, new() { ["batchId"] = context.BatchId, ["id"] = sameStart.Id }), cancellationToken);
                    existing[existing.IndexOf(sameStart)] = sameStart with { Attributes = version.Attributes };
                    updated++;
                    continue;
                }
                var inEffect = existing.Where(e => e.ValidFrom < version.ValidFrom).MaxBy(e => e.ValidFrom);
                if (inEffect is not null && Same(inEffect.Attributes, version.Attributes))
                {
                    unchanged++;
                    continue;
                }
                var row = new Dictionary<string, object?> { [naturalKey] = version.Key };
                foreach (var attribute in attributes)
                    row[attribute] = version.Attributes[attribute];
                row["valid_from"] = version.ValidFrom;
                row["valid_to"] = OpenEnd;
                row["is_current"] = true;
                row["batch_id"] = context.BatchId;
                var id = await context.Engine.InsertReturningIdentityAsync(context.Connection, context.Transaction, table, surrogateKey, row, cancellationToken);
                existing.Add(new Existing(id, version.ValidFrom, version.Attributes));
                inserted++;
            }
            // A member the complete structure no longer lists ends the day before that structure starts.
            var ended = completeAsOf is { } end && group.All(v => v.ValidFrom < end) ? end.AddDays(-1) : (DateTime?)null;
            await CloseRangesAsync(context, existing, ended, cancellationToken);
        }
        return new MergeResult(inserted, updated, unchanged);
    }

    // Each version runs until the day before the next one starts; the last is open and current unless ended.
    private async Task CloseRangesAsync(LoadContext context, List<Existing> versions, DateTime? ended, CancellationToken cancellationToken)
    {
        var ordered = versions.OrderBy(v => v.ValidFrom).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var validTo = i + 1 < ordered.Count ? ordered[i + 1].ValidFrom.AddDays(-1) : ended ?? OpenEnd;
            await context.ExecuteAsync(
                Sql.CloseRange,
                new { validTo, current = validTo == OpenEnd, id = ordered[i].Id }, cancellationToken);
        }
    }

    private Dapper.DynamicParameters Parameters(Scd2Version version, Dictionary<string, object?> extra)
    {
        var parameters = new Dapper.DynamicParameters();
        for (var i = 0; i < attributes.Count; i++)
            parameters.Add($"a{i}", version.Attributes[attributes[i]]);
        foreach (var (name, value) in extra)
            parameters.Add(name, value);
        return parameters;
    }

    private static bool Same(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
        a.All(kv => Canonical(kv.Value) == Canonical(b.GetValueOrDefault(kv.Key)));

    // Engines hand back bit/boolean, smallint/int and decimals of other scales: compare by invariant text.
    private static string? Canonical(object? value) => value switch
    {
        null or DBNull => null,
        bool b => b ? "1" : "0",
        decimal d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static DateTime ToDate(object value) => value switch
    {
        DateTime dt => dt.Date,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => Convert.ToDateTime(value, CultureInfo.InvariantCulture).Date,
    };

    private sealed record Existing(int Id, DateTime ValidFrom, IReadOnlyDictionary<string, object?> Attributes);
}
