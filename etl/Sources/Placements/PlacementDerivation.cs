namespace Warehouse.Etl.Sources.Placements;

/// <summary>An episode as the warehouse holds it (pseudonymous child key, no names).</summary>
public sealed record PlacementEpisode(string PlacementTypeCode, DateTime StartDate, DateTime? EndDate, DateTime? PlannedEndDate, decimal WeeklyCost);

/// <summary>A month end to derive: its period and dates.</summary>
public sealed record PlacementPeriod(int PeriodKey, int FiscalYearStart, DateTime PeriodStart, DateTime PeriodEnd);

public sealed record PlacementMonth(
    int PeriodKey, string PlacementTypeCode, int SnapshotPlacements, int PreviousSnapshotPlacements,
    int DaysToDate, int CommittedDays, int DaysInYear, decimal YearlyAverage,
    decimal SpendToDate, decimal CommittedSpend, decimal ForecastSpend, decimal? AverageWeeklyCost);

/// <summary>
/// The LAC derivations, per placement type and month end E of financial year [S, Y]:
/// - snapshot: episodes with start ≤ E and (no end, or end ≥ E): the end date is the last day in placement;
/// - previous snapshot: the same at the day before the period starts (for closedown: end of February);
/// - days to date: placement days in [S, E]; committed days: for episodes running at E, days in [E+1, Y] up to
///   the planned end, or to Y when none is planned (an end after E was not known at E);
/// - yearly average: (days to date + committed days) / days in the year (the FTE over the financial year);
/// - spend: weekly cost × days / 7 × weeks funded / 52 (56-week payments are 56/52 of the weekly rate);
/// - average weekly cost: the weekly cost weighted by placement days (to date and committed).
/// </summary>
public static class PlacementDerivation
{
    public static IEnumerable<PlacementMonth> Derive(IEnumerable<PlacementPeriod> periods, IReadOnlyDictionary<string, int> weeksFunded,
        IReadOnlyList<PlacementEpisode> episodes)
    {
        var byType = episodes.ToLookup(e => e.PlacementTypeCode);
        foreach (var period in periods)
        {
            var yearStart = new DateTime(period.FiscalYearStart, 4, 1);
            var yearEnd = new DateTime(period.FiscalYearStart + 1, 3, 31);
            var end = period.PeriodEnd.Date;
            var previous = period.PeriodStart.Date.AddDays(-1);
            var daysInYear = Days(yearStart, yearEnd);
            foreach (var (type, weeks) in weeksFunded.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                int snapshot = 0, previousSnapshot = 0, toDate = 0, committed = 0;
                decimal costDays = 0m, spendToDate = 0m, committedSpend = 0m;
                foreach (var e in byType[type])
                {
                    if (e.StartDate > end)
                        continue;
                    if (InPlacement(e, end))
                        snapshot++;
                    if (InPlacement(e, previous))
                        previousSnapshot++;
                    var lastToDate = e.EndDate is { } ended && ended < end ? ended : end;
                    var days = Days(Max(e.StartDate, yearStart), lastToDate);
                    var future = 0;
                    if (e.EndDate is null || e.EndDate > end)
                    {
                        var projected = e.PlannedEndDate is { } planned && planned > end && planned < yearEnd ? planned : yearEnd;
                        future = Days(Max(end.AddDays(1), Max(e.StartDate, yearStart)), projected);
                    }
                    toDate += days;
                    committed += future;
                    costDays += e.WeeklyCost * (days + future);
                    spendToDate += e.WeeklyCost * days / 7m * weeks / 52m;
                    committedSpend += e.WeeklyCost * future / 7m * weeks / 52m;
                }
                var spend = decimal.Round(spendToDate, 2, MidpointRounding.AwayFromZero);
                var commit = decimal.Round(committedSpend, 2, MidpointRounding.AwayFromZero);
                yield return new PlacementMonth(period.PeriodKey, type, snapshot, previousSnapshot, toDate, committed, daysInYear,
                    decimal.Round((decimal)(toDate + committed) / daysInYear, 4, MidpointRounding.AwayFromZero),
                    spend, commit, spend + commit,
                    toDate + committed == 0 ? null : decimal.Round(costDays / (toDate + committed), 4, MidpointRounding.AwayFromZero));
            }
        }
    }

    /// <summary>Whether an episode touches the derivation of a period (its dates reach the period's year up to its end).</summary>
    public static bool Affects(DateTime start, DateTime? end, DateTime? plannedEnd, PlacementPeriod period)
    {
        var yearStart = new DateTime(period.FiscalYearStart, 4, 1);
        if (start > period.PeriodEnd)
            return false;
        var reach = end is null ? DateTime.MaxValue : Max(end.Value, plannedEnd ?? end.Value);
        return reach >= yearStart.AddDays(-1);
    }

    private static bool InPlacement(PlacementEpisode e, DateTime day) => e.StartDate <= day && (e.EndDate is null || e.EndDate >= day);

    private static int Days(DateTime from, DateTime to) => to < from ? 0 : (int)(to.Date - from.Date).TotalDays + 1;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
