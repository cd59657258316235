using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Warehouse.Database.Engines;

namespace Warehouse.Etl.Sources.Placements;

/// <summary>
/// Looked-after children placement episodes, extracted over SQL from the children's social care system
/// (`ConnectionStrings:ChildrensSocialCare`, engine `ChildrensSocialCare:Engine`, default the warehouse's), by
/// watermark on last-modified (or in full), with child ids pseudonymised at extract (HMAC-SHA256 keyed by
/// `Warehouse:PseudonymisationKey`). Then derives the monthly facts for every period the changes touch.
/// Bad episodes reject the whole batch (reasons in etl.rejection), leaving the warehouse and the watermark as they were.
/// </summary>
public sealed class LacPlacementsSource(IConfiguration configuration) : IOperationalExtract
{
    private const string EpisodesMeasure = "episodes", WeeklyCostMeasure = "weekly_cost", PeriodsRestatedMeasure = "periods_restated";

    public const string ConnectionStringName = "ChildrensSocialCare";

    public bool IsConfigured => OperationalConnection.IsConfigured(configuration, ConnectionStringName);
    public const string EngineSetting = "ChildrensSocialCare:Engine";
    public const string KeySetting = "Warehouse:PseudonymisationKey";
    private const string Table = "csc.placement_episode";
    private static readonly DateTime Beginning = new(1900, 1, 1);

    public string Name => "lac-placements";
    public string Description => "Looked-after children placement episodes from the children's social care system (extract)";

    /// <summary>Reads every episode instead of those changed since the watermark; episodes gone from the source are removed.</summary>
    public bool FullRefresh { get; init; }


    public int PageSize { get; init; } = 5000;

    /// <summary>Called after each page read from the operational system (progress; tests use it to break the connection).</summary>
    public Func<int, Task>? AfterPage { get; init; }

    private sealed class SourceEpisode
    {
        public long episode_id { get; set; }
        public string child_id { get; set; } = "";
        public string placement_type { get; set; } = "";
        public string? provider { get; set; }
        public DateTime start_date { get; set; }
        public DateTime? end_date { get; set; }
        public DateTime? planned_end_date { get; set; }
        public decimal weekly_cost { get; set; }
        public DateTime last_modified { get; set; }
    }

    private sealed record Episode(long EpisodeId, string ChildKey, string Type, string? Provider, DateTime Start, DateTime? End,
        DateTime? PlannedEnd, decimal WeeklyCost, DateTime LastModified);

    private sealed class StoredEpisode
    {
        public long episode_id { get; set; }
        public string child_key { get; set; } = "";
        public string placement_type_code { get; set; } = "";
        public DateTime start_date { get; set; }
        public DateTime? end_date { get; set; }
        public DateTime? planned_end_date { get; set; }
        public decimal weekly_cost { get; set; }
    }

    public static byte[] PseudonymisationKey(IConfiguration configuration)
    {
        var key = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(key) || key.Trim().Length < 16)
            throw new WarehouseConfigurationException(
                $"{KeySetting} is {(string.IsNullOrWhiteSpace(key) ? "not set" : "shorter than 16 characters")}: child ids cannot be pseudonymised. " +
                "Set Warehouse__PseudonymisationKey (a secret of at least 16 characters, kept out of source control; the same key every run).");
        return Encoding.UTF8.GetBytes(key.Trim());
    }

    public static string Pseudonymise(byte[] key, string childId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(childId.Trim())));

    public static OperationalConnection SocialCareSystem(IConfiguration configuration) =>
        OperationalConnection.FromConfiguration(configuration, ConnectionStringName, EngineSetting,
            $"name the children's social care database (ConnectionStrings__{ConnectionStringName}), " +
            "or create the sample one with `warehouse lac-sample create`.");

    /// <summary>
    /// The page query's parameters. The watermark goes typed as datetime2: a bare DateTime goes to SQL Server as
    /// legacy datetime (1/300 s), so 12:00:00.126 would compare as .127 against the datetime2(6) column and
    /// changes would be skipped or re-read. PostgreSQL gets a timestamp either way.
    /// </summary>
    public static DynamicParameters PageParameters(DateTime since, long after, int pageSize)
    {
        var parameters = new DynamicParameters();
        parameters.Add("since", since, DbType.DateTime2);
        parameters.Add("after", after);
        parameters.Add("pageSize", pageSize);
        return parameters;
    }

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var key = PseudonymisationKey(configuration);
        var operational = SocialCareSystem(configuration);
        var batch = new { batchId = context.BatchId };
        var known = (await context.QueryAsync<(string code, short weeks)>(
            "SELECT placement_type_code, weeks_funded FROM dw.dim_placement_type", cancellationToken: cancellationToken))
            .ToDictionary(t => t.code, t => (int)t.weeks, StringComparer.Ordinal);
        // An episode's type matches the reference's without letter case and is loaded as the reference spells it.
        var typeSpellings = new CodeSpellings(known.Keys);
        if (known.Count == 0)
            throw new SourceFormatException(context.FileName, "no placement types are loaded: load lac-placement-types first");

        var watermarkValue = FullRefresh ? null
            : await context.ScalarAsync<object>("SELECT last_modified FROM etl.lac_watermark WHERE source = @source", new { source = Name }, cancellationToken);
        var since = watermarkValue switch
        {
            DateTime d => DateTime.SpecifyKind(d.ToUniversalTime(), DateTimeKind.Unspecified),
            DateTimeOffset o => DateTime.SpecifyKind(o.UtcDateTime, DateTimeKind.Unspecified),
            _ => Beginning,
        };

        // Read the changed episodes page by page (keyset on the episode id); only the columns needed, never names or birth dates.
        var episodes = new List<Episode>();
        await using (var source = operational.Create())
        {
            await source.OpenAsync(cancellationToken);
            var sql = $"""
                SELECT episode_id, child_id, placement_type, provider, start_date, end_date, planned_end_date, weekly_cost, last_modified
                FROM {Table} WHERE last_modified > @since AND episode_id > @after ORDER BY episode_id OFFSET 0 ROWS FETCH NEXT @pageSize ROWS ONLY
                """;
            long after = long.MinValue;
            var page = 0;
            while (true)
            {
                var rows = (await source.QueryAsync<SourceEpisode>(new CommandDefinition(sql, PageParameters(since, after, PageSize), cancellationToken: cancellationToken))).ToList();
                foreach (var row in rows)
                    episodes.Add(Validate(context, row, key, typeSpellings));
                context.ReportRows(episodes.Count);
                if (AfterPage is not null)
                    await AfterPage(++page);
                if (rows.Count < PageSize)
                    break;
                after = rows[^1].episode_id;
            }
        }
        context.RowsRead = episodes.Count;
        if (context.Errors.Any)
            return;

        await context.StageAsync("stg.lac_episode", episodes,
        [
            StagingColumn<Episode>.Of("episode_id", e => e.EpisodeId),
            StagingColumn<Episode>.Of("child_key", e => e.ChildKey),
            StagingColumn<Episode>.Of("placement_type_code", e => e.Type),
            StagingColumn<Episode>.Of("provider", e => e.Provider),
            StagingColumn<Episode>.Of("start_date", e => e.Start),
            StagingColumn<Episode>.Of("end_date", e => e.End),
            StagingColumn<Episode>.Of("planned_end_date", e => e.PlannedEnd),
            StagingColumn<Episode>.Of("weekly_cost", e => e.WeeklyCost),
            // DateTimeOffset (UTC) suits both timestamptz (binary COPY) and datetimeoffset (SqlBulkCopy).
            StagingColumn<Episode>.Of("last_modified", e => new DateTimeOffset(DateTime.SpecifyKind(e.LastModified, DateTimeKind.Utc))),
        ], cancellationToken);

        // Overlaps are checked against the episodes the warehouse already holds for the same children.
        var others = (await context.QueryAsync<StoredEpisode>("""
            SELECT episode_id, child_key, placement_type_code, start_date, end_date, planned_end_date, weekly_cost FROM dw.lac_episode
            WHERE child_key IN (SELECT child_key FROM stg.lac_episode WHERE batch_id = @batchId)
              AND episode_id NOT IN (SELECT episode_id FROM stg.lac_episode WHERE batch_id = @batchId)
            """, batch, cancellationToken)).ToList();
        CheckOverlaps(context, episodes, others);
        if (context.Errors.Any)
            return;

        var previousVersions = (await context.QueryAsync<StoredEpisode>("""
            SELECT episode_id, child_key, placement_type_code, start_date, end_date, planned_end_date, weekly_cost FROM dw.lac_episode
            WHERE episode_id IN (SELECT episode_id FROM stg.lac_episode WHERE batch_id = @batchId)
            """, batch, cancellationToken)).ToList();
        // A full refresh states every episode: what is no longer in the source leaves the warehouse too.
        await context.ExecuteAsync(FullRefresh
            ? "DELETE FROM dw.lac_episode"
            : "DELETE FROM dw.lac_episode WHERE episode_id IN (SELECT episode_id FROM stg.lac_episode WHERE batch_id = @batchId)", batch, cancellationToken);
        context.RowsLoaded = await context.ExecuteAsync("""
            INSERT INTO dw.lac_episode (episode_id, child_key, placement_type_code, provider, start_date, end_date, planned_end_date, weekly_cost, last_modified, batch_id)
            SELECT episode_id, child_key, placement_type_code, provider, start_date, end_date, planned_end_date, weekly_cost, last_modified, batch_id
            FROM stg.lac_episode WHERE batch_id = @batchId
            """, batch, cancellationToken);

        var restated = await RestateAsync(context, known, episodes, previousVersions, cancellationToken);

        if (episodes.Count > 0)
        {
            var newest = new DateTimeOffset(DateTime.SpecifyKind(episodes.Max(e => e.LastModified), DateTimeKind.Utc));
            if (FullRefresh || newest.UtcDateTime > since)
            {
                await context.ExecuteAsync("DELETE FROM etl.lac_watermark WHERE source = @source", new { source = Name }, cancellationToken);
                await context.ExecuteAsync("INSERT INTO etl.lac_watermark (source, last_modified, batch_id) VALUES (@source, @newest, @batchId)",
                    new { source = Name, newest, batchId = context.BatchId }, cancellationToken);
            }
        }

        context.Control.Expect(EpisodesMeasure, "", episodes.Count);
        context.Control.Expect(WeeklyCostMeasure, "", episodes.Sum(e => e.WeeklyCost));
        context.Control.Expect(PeriodsRestatedMeasure, "", restated);
        context.Control.LandedQuery = $"""
            SELECT '{EpisodesMeasure}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM dw.lac_episode WHERE batch_id = @batchId
            UNION ALL
            SELECT '{WeeklyCostMeasure}' AS measure, '' AS scope, COALESCE(SUM(weekly_cost), 0) AS value FROM dw.lac_episode WHERE batch_id = @batchId
            UNION ALL
            SELECT '{PeriodsRestatedMeasure}' AS measure, '' AS scope, CAST(COUNT(DISTINCT period_key) AS decimal(19,2)) AS value
            FROM dw.fact_lac_placement_month WHERE batch_id = @batchId
            """;
    }

    private static Episode Validate(LoadContext context, SourceEpisode row, byte[] key, CodeSpellings typeSpellings)
    {
        void Reject(string column, object? value, string reason) =>
            context.Reject(Table, (int)Math.Clamp(row.episode_id, int.MinValue, int.MaxValue), column, value?.ToString(), $"episode {row.episode_id}: {reason}");
        var type = row.placement_type.Trim();
        if (typeSpellings.Stored(type) is { } referenceSpelling)
            type = referenceSpelling;
        else
            Reject("placement_type", type, "is not a placement type of the reference (quarantined: fix the episode or add the type)");
        if (row.weekly_cost < 0)
            Reject("weekly_cost", row.weekly_cost, "is negative");
        if (row.end_date is { } end && end < row.start_date)
            Reject("end_date", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"is before the start date {row.start_date:yyyy-MM-dd}"));
        if (row.planned_end_date is { } planned && planned < row.start_date)
            Reject("planned_end_date", planned.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"is before the start date {row.start_date:yyyy-MM-dd}"));
        if (string.IsNullOrWhiteSpace(row.child_id))
            Reject("child_id", null, "is empty");
        return new Episode(row.episode_id, string.IsNullOrWhiteSpace(row.child_id) ? "" : Pseudonymise(key, row.child_id), type,
            row.provider, row.start_date.Date, row.end_date?.Date, row.planned_end_date?.Date, row.weekly_cost, row.last_modified);
    }

    private static void CheckOverlaps(LoadContext context, List<Episode> changed, List<StoredEpisode> others)
    {
        var all = changed.Select(e => (e.EpisodeId, e.ChildKey, e.Type, e.Start, e.End, Changed: true))
            .Concat(others.Select(o => (EpisodeId: o.episode_id, ChildKey: o.child_key, Type: o.placement_type_code, Start: o.start_date, End: o.end_date, Changed: false)));
        foreach (var group in all.GroupBy(e => (e.ChildKey, e.Type)))
        {
            var ordered = group.OrderBy(e => e.Start).ThenBy(e => e.EpisodeId).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var before = ordered[i - 1];
                var current = ordered[i];
                if (before.End is null || before.End >= current.Start)
                {
                    var blamed = current.Changed ? current : before;
                    var other = current.Changed ? before : current;
                    context.Reject(Table, (int)blamed.EpisodeId, "start_date", blamed.Start.ToString("yyyy-MM-dd"),
                        $"episode {blamed.EpisodeId}: overlaps episode {other.EpisodeId} of the same child and placement type {group.Key.Type}");
                }
            }
        }
    }

    // Re-derives every month end the changes touch (old and new versions of each changed episode), and any month end
    // of a budgeted year not derived yet; replaces those periods' facts.
    private async Task<int> RestateAsync(LoadContext context, IReadOnlyDictionary<string, int> known, List<Episode> changed,
        List<StoredEpisode> previousVersions, CancellationToken cancellationToken)
    {
        var asAt = context.Time.GetUtcNow().UtcDateTime.Date; // month ends up to today are derived
        var candidates = (await context.QueryAsync<(int key, short fy, DateTime start, DateTime end, int derived)>("""
            SELECT p.period_key, p.fiscal_year_start, p.period_start, p.period_end,
                   CASE WHEN EXISTS (SELECT 1 FROM dw.fact_lac_placement_month AS f WHERE f.period_key = p.period_key) THEN 1 ELSE 0 END AS derived
            FROM dw.dim_period AS p
            WHERE p.period_end <= @asAt AND p.fiscal_year_start IN (SELECT fiscal_year_start FROM dw.lac_budget)
            ORDER BY p.period_key
            """, new { asAt }, cancellationToken))
            .Select(c => (Period: new PlacementPeriod(c.key, c.fy, c.start, c.end), c.derived)).ToList();
        var touched = changed.Select(e => (e.Start, e.End, e.PlannedEnd))
            .Concat(previousVersions.Select(p => (Start: p.start_date, End: p.end_date, PlannedEnd: p.planned_end_date))).ToList();
        var periods = candidates
            .Where(c => FullRefresh || c.derived == 0 || touched.Any(t => PlacementDerivation.Affects(t.Start, t.End, t.PlannedEnd, c.Period)))
            .Select(c => c.Period).ToList();
        if (periods.Count == 0)
            return 0;

        var from = new DateTime(periods.Min(p => p.FiscalYearStart), 4, 1).AddDays(-1);
        var to = periods.Max(p => p.PeriodEnd);
        var episodes = (await context.QueryAsync<StoredEpisode>("""
            SELECT episode_id, child_key, placement_type_code, start_date, end_date, planned_end_date, weekly_cost FROM dw.lac_episode
            WHERE start_date <= @to AND (end_date IS NULL OR end_date >= @from)
            """, new { from, to }, cancellationToken))
            .Select(e => new PlacementEpisode(e.placement_type_code, e.start_date, e.end_date, e.planned_end_date, e.weekly_cost)).ToList();
        var facts = PlacementDerivation.Derive(periods, known, episodes).ToList();
        await context.StageAsync("stg.lac_placement_month", facts,
        [
            StagingColumn<PlacementMonth>.Of("period_key", f => f.PeriodKey),
            StagingColumn<PlacementMonth>.Of("placement_type_code", f => f.PlacementTypeCode),
            StagingColumn<PlacementMonth>.Of("snapshot_placements", f => f.SnapshotPlacements),
            StagingColumn<PlacementMonth>.Of("previous_snapshot_placements", f => f.PreviousSnapshotPlacements),
            StagingColumn<PlacementMonth>.Of("days_to_date", f => f.DaysToDate),
            StagingColumn<PlacementMonth>.Of("committed_days", f => f.CommittedDays),
            StagingColumn<PlacementMonth>.Of("days_in_year", f => f.DaysInYear),
            StagingColumn<PlacementMonth>.Of("yearly_average", f => f.YearlyAverage),
            StagingColumn<PlacementMonth>.Of("spend_to_date", f => f.SpendToDate),
            StagingColumn<PlacementMonth>.Of("committed_spend", f => f.CommittedSpend),
            StagingColumn<PlacementMonth>.Of("forecast_spend", f => f.ForecastSpend),
            StagingColumn<PlacementMonth>.Of("average_weekly_cost", f => f.AverageWeeklyCost),
        ], cancellationToken);
        var batch = new { batchId = context.BatchId };
        await context.ExecuteAsync("""
            DELETE FROM dw.fact_lac_placement_month
            WHERE period_key IN (SELECT DISTINCT period_key FROM stg.lac_placement_month WHERE batch_id = @batchId)
            """, batch, cancellationToken);
        await context.ExecuteAsync("""
            INSERT INTO dw.fact_lac_placement_month (period_key, placement_type_code, snapshot_placements, previous_snapshot_placements,
                days_to_date, committed_days, days_in_year, yearly_average, spend_to_date, committed_spend, forecast_spend, average_weekly_cost, batch_id)
            SELECT period_key, placement_type_code, snapshot_placements, previous_snapshot_placements,
                days_to_date, committed_days, days_in_year, yearly_average, spend_to_date, committed_spend, forecast_spend, average_weekly_cost, batch_id
            FROM stg.lac_placement_month WHERE batch_id = @batchId
            """, batch, cancellationToken);
        return periods.Count;
    }
}
