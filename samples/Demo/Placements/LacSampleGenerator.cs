using System.Globalization;

namespace Warehouse.Samples.Placements;

/// <summary>What the sample system must reproduce for one placement type in 2018/19.</summary>
/// <param name="Counts">Month-end snapshot counts at 30 Apr 2018, 31 May 2018, 28 Feb 2019 and 31 Mar 2019.</param>
/// <param name="YearlyAverage">Full-year average placements (FTE) of 2018/19, as printed at closedown.</param>
/// <param name="Outturn">Spend of 2018/19 in £, as printed at closedown.</param>
public sealed record LacSampleTarget(string PlacementType, string Block, int WeeksFunded, int[] Counts, decimal YearlyAverage, decimal Outturn);

/// <summary>
/// Generates synthetic placement episodes (seeded, so the same every time) whose month-end snapshot counts
/// are EXACTLY the printed ones at the four dates, and whose 2018/19 yearly average and outturn come close
/// (the episode lengths are tuned to the yearly average; the weekly cost is set so the outturn follows).
/// </summary>
public static class LacSampleGenerator
{
    public static readonly DateTime[] CheckDates =
        [new(2018, 4, 30), new(2018, 5, 31), new(2019, 2, 28), new(2019, 3, 31)];

    private static readonly DateTime YearStart = new(2018, 4, 1);
    private static readonly DateTime YearEnd = new(2019, 3, 31);
    private const int DaysInYear = 365;

    private static readonly string[] ExternalProviders =
        ["Oakfield Care Ltd", "Riverside Children's Homes", "Brightpath Fostering", "Meadow View School", "Harbour Supported Living", "Northgate Care Group"];

    /// <summary>Reads the targets from the samples: lac-placement-types, lac-expected-2019-03 and the Appendix 2 files.</summary>
    public static IReadOnlyList<LacSampleTarget> ReadTargets(string activityFolder)
    {
        var types = ReadCsv(Path.Combine(activityFolder, "lac-placement-types.csv"));
        var may = ReadCsv(Path.Combine(activityFolder, "lac-expected-2018-05.csv")).ToDictionary(r => r["placement_type_code"]);
        var march = ReadCsv(Path.Combine(activityFolder, "lac-expected-2019-03.csv")).ToDictionary(r => r["placement_type_code"]);
        var appendixMay = ReadCsv(Path.Combine(activityFolder, "lac-external-2018-05.csv")).ToDictionary(r => r["client_group"]);
        var appendixMarch = ReadCsv(Path.Combine(activityFolder, "lac-external-2019-03.csv")).ToDictionary(r => r["client_group"]);
        var targets = new List<LacSampleTarget>();
        foreach (var type in types)
        {
            var code = type["placement_type_code"];
            var mayCount = Int(may[code]["snapshot_placements"]);
            var marchCount = Int(march[code]["snapshot_placements"]);
            var group = type.GetValueOrDefault("external_client_group") ?? "";
            // The previous month end is printed only for the external client groups (Appendix 2); elsewhere assume no change.
            var april = appendixMay.TryGetValue(group, out var a) ? Int(a["previous_month_packages"]) : mayCount;
            var february = appendixMarch.TryGetValue(group, out var f) ? Int(f["previous_month_packages"]) : marchCount;
            targets.Add(new LacSampleTarget(code, type["block"], Int(type["weeks_funded"]),
                [april, mayCount, february, marchCount],
                Dec(march[code]["yearly_average"]), Dec(march[code]["actual_spend"])));
        }
        return targets;
    }

    public static IReadOnlyList<OperationalEpisode> Generate(IReadOnlyList<LacSampleTarget> targets, int seed = 2018)
    {
        var random = new Random(seed);
        var episodes = new List<OperationalEpisode>();
        var childIds = new HashSet<int>();
        foreach (var target in targets)
        {
            if (target.Counts.All(c => c == 0) && target.YearlyAverage == 0)
                continue;
            var shapes = Shapes(target.Counts, random);
            var t = Tune(shapes, target.YearlyAverage);
            var intervals = shapes.Select(s => s.At(t)).ToList();
            var fte = intervals.Sum(DaysIn) / (decimal)DaysInYear;
            // Not enough placement days with the required shapes: add placements that miss every check date.
            while (target.YearlyAverage - fte > 0.01m)
            {
                var need = (int)Math.Round((target.YearlyAverage - fte) * DaysInYear);
                var length = Math.Min(need, 272);
                var start = new DateTime(2018, 6, 1).AddDays(random.Next(0, 272 - length + 1));
                intervals.Add((start, start.AddDays(length - 1)));
                fte = intervals.Sum(DaysIn) / (decimal)DaysInYear;
            }
            var yearDays = intervals.Sum(DaysIn);
            var weekly = yearDays == 0 ? 0m
                : decimal.Round(target.Outturn / (yearDays / 7m * target.WeeksFunded / 52m), 2);
            foreach (var (start, end) in intervals)
            {
                int child;
                do child = random.Next(100000, 999999); while (!childIds.Add(child));
                var id = episodes.Count + 1;
                var lastEvent = end is { } e && e <= YearEnd ? e : start;
                episodes.Add(new OperationalEpisode(
                    id,
                    "CH" + child.ToString(CultureInfo.InvariantCulture),
                    $"Synthetic Child {id}",
                    start.AddYears(-random.Next(1, 17)).AddDays(-random.Next(0, 365)),
                    target.PlacementType,
                    target.Block switch
                    {
                        "external" => ExternalProviders[random.Next(ExternalProviders.Length)],
                        "in_house" => "County Council",
                        _ => null,
                    },
                    start,
                    end is { } actual && actual <= YearEnd ? actual : null,
                    end is { } planned && planned <= YearEnd ? planned : null,
                    weekly,
                    lastEvent.AddDays(1).AddHours(9).AddMinutes(random.Next(0, 480))));
            }
        }
        return episodes;
    }

    // One placement's shape: which check dates it covers, and where in its gaps it starts and ends (fraction u: its own spread).
    private sealed record Shape(int First, int Last, double U, DateTime EarlyStart)
    {
        public (DateTime Start, DateTime? End) At(double t)
        {
            var f = Math.Clamp(t * 2 * U, 0, 1);
            DateTime start;
            if (First == 0)
                start = f >= 0.999 ? EarlyStart : CheckDates[0].AddDays(-Math.Round(f * 29));
            else
            {
                var gapStart = CheckDates[First - 1].AddDays(1);
                start = CheckDates[First].AddDays(-Math.Round(f * (CheckDates[First] - gapStart).TotalDays));
            }
            if (Last == 3)
                return (start, null);
            var gapEnd = CheckDates[Last + 1].AddDays(-1);
            return (start, CheckDates[Last].AddDays(Math.Round(f * (gapEnd - CheckDates[Last]).TotalDays)));
        }
    }

    // Intervals covering contiguous runs of check dates whose coverage counts are exactly the targets.
    private static List<Shape> Shapes(int[] counts, Random random)
    {
        var open = new List<int>();      // first check date of each interval still running
        var shapes = new List<Shape>();
        for (var i = 0; i < counts.Length; i++)
        {
            while (open.Count > counts[i])
            {
                var first = open[^1];
                open.RemoveAt(open.Count - 1);
                shapes.Add(NewShape(first, i - 1, random));
            }
            while (open.Count < counts[i])
                open.Add(i);
        }
        shapes.AddRange(open.Select(first => NewShape(first, 3, random)));
        return shapes;
    }

    private static Shape NewShape(int first, int last, Random random) =>
        new(first, last, 0.25 + random.NextDouble() * 0.75, YearStart.AddDays(-random.Next(1, 1500)));

    // The spread t (0: shortest placements, up to 1: longest) that gives the target yearly average.
    private static double Tune(List<Shape> shapes, decimal target)
    {
        double Fte(double t) => shapes.Sum(s => DaysIn(s.At(t))) / (double)DaysInYear;
        double low = 0, high = 1;
        if (Fte(high) <= (double)target)
            return high;
        for (var i = 0; i < 40; i++)
        {
            var mid = (low + high) / 2;
            if (Fte(mid) < (double)target) low = mid; else high = mid;
        }
        return high;
    }

    private static int DaysIn((DateTime Start, DateTime? End) interval)
    {
        var from = interval.Start < YearStart ? YearStart : interval.Start;
        var to = interval.End is { } e && e < YearEnd ? e : YearEnd;
        return to < from ? 0 : (int)(to - from).TotalDays + 1;
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v)).ToList();
    }

    private static int Int(string text) => string.IsNullOrEmpty(text) ? 0 : int.Parse(text, CultureInfo.InvariantCulture);
    private static decimal Dec(string text) => string.IsNullOrEmpty(text) ? 0m : decimal.Parse(text, CultureInfo.InvariantCulture);
}
