namespace Warehouse.Jobs.Hosting;

/// <summary>
/// Every setting of the jobs host, read once from configuration (`Warehouse:Jobs`, `Warehouse:Inbox`,
/// `Warehouse:Dashboard`, `Warehouse:Freshness`). Defaults make a fresh clone work with nothing configured.
/// </summary>
public sealed class JobsOptions
{
    public const string NightlyJobId = "nightly";

    /// <summary>Cron of the nightly run, in <see cref="TimeZone"/> (default 02:00 every day).</summary>
    public string NightlyCron { get; init; } = "0 2 * * *";

    /// <summary>IANA or Windows id; Hangfire converts between them.</summary>
    public string TimeZone { get; init; } = "Europe/London";

    public int WorkerCount { get; init; } = 2;

    /// <summary>How often the server looks for scheduled jobs (retries); small in tests.</summary>
    public TimeSpan SchedulePollingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Back-off between attempts after a transient infrastructure error; the length is the number of retries.</summary>
    public IReadOnlyList<int> RetryDelaysSeconds { get; init; } = [30, 120, 600, 1800, 3600];

    public required string InboxRoot { get; init; }

    /// <summary>Per-source folder overrides (source name → folder).</summary>
    public IReadOnlyDictionary<string, string> InboxFolders { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A file is taken only when it has not been written to for this long (and opens exclusively).</summary>
    public TimeSpan StableFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the watcher re-checks waiting files (events wake it sooner).</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool WatchInbox { get; init; } = true;

    public string? DashboardUser { get; init; }
    public string? DashboardPassword { get; init; }

    /// <summary>Working day of the month by which a monthly source must have delivered; 0 = not monthly.</summary>
    public int DefaultDueWorkingDay { get; init; } = 8;

    public IReadOnlyDictionary<string, int> DueWorkingDays { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>`text` (one line per event with its scopes) or `json` (one JSON object per line).</summary>
    public string LogFormat { get; init; } = "text";

    public bool DashboardCredentialsConfigured => !string.IsNullOrEmpty(DashboardUser) && !string.IsNullOrEmpty(DashboardPassword);

    public int DueWorkingDay(string source) => DueWorkingDays.TryGetValue(source, out var day) ? day : DefaultDueWorkingDay;

    public static JobsOptions From(IConfiguration configuration, string workingDirectory)
    {
        var jobs = configuration.GetSection("Warehouse:Jobs");
        var inbox = configuration.GetSection("Warehouse:Inbox");
        var dashboard = configuration.GetSection("Warehouse:Dashboard");
        var freshness = configuration.GetSection("Warehouse:Freshness");
        var delays = jobs.GetSection("RetryDelaysSeconds").GetChildren().Select(c => int.Parse(c.Value!)).ToList();
        var root = inbox["Root"];
        return new JobsOptions
        {
            NightlyCron = NonEmpty(jobs["NightlyCron"]) ?? "0 2 * * *",
            TimeZone = NonEmpty(jobs["TimeZone"]) ?? "Europe/London",
            WorkerCount = jobs.GetValue("WorkerCount", 2),
            SchedulePollingInterval = TimeSpan.FromSeconds(jobs.GetValue("SchedulePollingSeconds", 5.0)),
            RetryDelaysSeconds = delays.Count > 0 ? delays : [30, 120, 600, 1800, 3600],
            InboxRoot = Path.GetFullPath(string.IsNullOrWhiteSpace(root) ? Path.Combine(".warehouse", "inbox") : root, workingDirectory),
            InboxFolders = inbox.GetSection("Folders").GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value))
                .ToDictionary(c => c.Key, c => Path.GetFullPath(c.Value!, workingDirectory), StringComparer.OrdinalIgnoreCase),
            StableFor = TimeSpan.FromSeconds(inbox.GetValue("StableSeconds", 2.0)),
            WatchInterval = TimeSpan.FromSeconds(inbox.GetValue("WatchIntervalSeconds", 1.0)),
            WatchInbox = inbox.GetValue("Watch", true),
            DashboardUser = NonEmpty(dashboard["Username"]),
            DashboardPassword = NonEmpty(dashboard["Password"]),
            DefaultDueWorkingDay = freshness.GetValue("DueWorkingDay", 8),
            DueWorkingDays = freshness.GetSection("Sources").GetChildren().Where(c => int.TryParse(c.Value, out _))
                .ToDictionary(c => c.Key, c => int.Parse(c.Value!), StringComparer.OrdinalIgnoreCase),
            LogFormat = NonEmpty(configuration["Warehouse:Logging:Format"]) ?? "text",
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
