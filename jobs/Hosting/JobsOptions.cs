using Warehouse.Database.Engines;

namespace Warehouse.Jobs.Hosting;

/// <summary>
/// Every setting of the jobs host and the verbs that share it: the `Warehouse` section of configuration, bound
/// once by <see cref="From"/> (the host hands the same instance out as <c>IOptions&lt;JobsOptions&gt;</c>). The
/// property initialisers below are the only defaults; appsettings.json holds only what differs from them, and
/// docs/jobs.md documents the keys. Defaults make a fresh clone work with nothing configured.
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "Warehouse";
    public const string NightlyJobId = "nightly";

    /// <summary>`Warehouse:Jobs`.</summary>
    public ScheduleSettings Jobs { get; set; } = new();

    /// <summary>`Warehouse:Inbox`.</summary>
    public InboxSettings Inbox { get; set; } = new();

    /// <summary>`Warehouse:Dashboard`.</summary>
    public DashboardSettings Dashboard { get; set; } = new();

    /// <summary>`Warehouse:Freshness`.</summary>
    public FreshnessSettings Freshness { get; set; } = new();

    /// <summary>`Warehouse:Logging`.</summary>
    public LogSettings Logging { get; set; } = new();

    /// <summary>`Warehouse:Alerts`.</summary>
    public Alerts.AlertSettings Alerts { get; set; } = new();

    public static JobsOptions From(IConfiguration configuration, string workingDirectory)
    {
        var options = new JobsOptions();
        try
        {
            configuration.GetSection(SectionName).Bind(options);
        }
        catch (InvalidOperationException ex) // the binder's word for a value of the wrong type
        {
            throw new WarehouseConfigurationException($"{ex.Message.TrimEnd('.')}. See docs/jobs.md for the settings and their types.");
        }
        options.Resolve(workingDirectory);
        return options;
    }

    // An empty value (an environment variable set to "") means the default, as leaving it out does.
    private void Resolve(string workingDirectory)
    {
        var defaults = new JobsOptions();
        if (string.IsNullOrWhiteSpace(Jobs.NightlyCron))
            Jobs.NightlyCron = defaults.Jobs.NightlyCron;
        if (string.IsNullOrWhiteSpace(Jobs.TimeZone))
            Jobs.TimeZone = defaults.Jobs.TimeZone;
        Dashboard.Username = string.IsNullOrWhiteSpace(Dashboard.Username) ? null : Dashboard.Username.Trim();
        Dashboard.Password = string.IsNullOrWhiteSpace(Dashboard.Password) ? null : Dashboard.Password.Trim();
        if (string.IsNullOrWhiteSpace(Logging.Format))
            Logging.Format = defaults.Logging.Format;
        Logging.FolderPath = Path.GetFullPath(string.IsNullOrWhiteSpace(Logging.Folder) ? defaults.Logging.Folder : Logging.Folder.Trim(), workingDirectory);
        Inbox.RootPath = Path.GetFullPath(string.IsNullOrWhiteSpace(Inbox.Root) ? defaults.Inbox.Root : Inbox.Root.Trim(), workingDirectory);
        Inbox.FolderPaths = Inbox.Folders.Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .ToDictionary(f => f.Key, f => Path.GetFullPath(f.Value, workingDirectory), StringComparer.OrdinalIgnoreCase);
    }
}

public sealed class ScheduleSettings
{
    /// <summary>Cron of the nightly run, in <see cref="TimeZone"/> (02:00 every day).</summary>
    public string NightlyCron { get; set; } = "0 2 * * *";

    /// <summary>IANA or Windows id; Hangfire converts between them.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    public int WorkerCount { get; set; } = 2;

    /// <summary>How often the server looks for scheduled jobs (retries); small in tests.</summary>
    public double SchedulePollingSeconds { get; set; } = 5;

    /// <summary>
    /// Back-off between attempts after a transient infrastructure error; the length is the number of retries.
    /// Null until bound: the binder appends configured items to a collection's initial ones, so the default
    /// (<see cref="DefaultRetryDelaysSeconds"/>) is applied after binding, when nothing was configured.
    /// </summary>
    public int[]? RetryDelaysSeconds { get; set; }

    public static IReadOnlyList<int> DefaultRetryDelaysSeconds { get; } = [30, 120, 600, 1800, 3600];

    public IReadOnlyList<int> RetryDelays => RetryDelaysSeconds is { Length: > 0 } configured ? configured : DefaultRetryDelaysSeconds;

    public TimeSpan SchedulePollingInterval => TimeSpan.FromSeconds(SchedulePollingSeconds);
}

public sealed class InboxSettings
{
    /// <summary>Root of the per-source inbox folders, relative to the working folder.</summary>
    public string Root { get; set; } = Path.Combine(".warehouse", "inbox");

    /// <summary>Per-source folder overrides (source name → folder).</summary>
    public Dictionary<string, string> Folders { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A file is taken only when it has not been written to for this long (and opens exclusively).</summary>
    public double StableSeconds { get; set; } = 2;

    /// <summary>How often the watcher re-checks waiting files (events wake it sooner).</summary>
    public double WatchIntervalSeconds { get; set; } = 1;

    public bool Watch { get; set; } = true;

    /// <summary><see cref="Root"/> as a full path (resolved against the working folder, not bound).</summary>
    public string RootPath { get; internal set; } = "";

    /// <summary><see cref="Folders"/> as full paths.</summary>
    public IReadOnlyDictionary<string, string> FolderPaths { get; internal set; } = new Dictionary<string, string>();

    public TimeSpan StableFor => TimeSpan.FromSeconds(StableSeconds);
    public TimeSpan WatchInterval => TimeSpan.FromSeconds(WatchIntervalSeconds);
}

public sealed class DashboardSettings
{
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For is believed (e.g. `127.0.0.1` for a TLS proxy on the same
    /// machine). Empty: no proxy is trusted, and a request carrying X-Forwarded-* is never treated as local.
    /// </summary>
    public string[]? TrustedProxies { get; set; }

    public IReadOnlyList<System.Net.IPAddress> TrustedProxyAddresses => (TrustedProxies ?? [])
        .Where(p => !string.IsNullOrWhiteSpace(p))
        .Select(p => System.Net.IPAddress.TryParse(p.Trim(), out var address)
            ? address
            : throw new WarehouseConfigurationException($"Warehouse:Dashboard:TrustedProxies: '{p}' is not an IP address."))
        .ToList();

    public bool CredentialsConfigured => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(Password);
}

public sealed class FreshnessSettings
{
    /// <summary>Working day of the month by which a monthly source must have delivered; 0 = not monthly.</summary>
    public int DueWorkingDay { get; set; } = 8;

    /// <summary>Per-source override of <see cref="DueWorkingDay"/>.</summary>
    public Dictionary<string, int> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How many months each delivery covers, per source (1 = monthly, the default; 3 = a quarterly return;
    /// 12 = annual): the next period is due by <see cref="DueWorkingDayOf"/> of the month after it ends.
    /// </summary>
    public Dictionary<string, int> EveryMonths { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>England and Wales bank holidays (`date,name` csv); empty: the file shipped beside the binary.</summary>
    public string? BankHolidaysFile { get; set; }

    public int DueWorkingDayOf(string source) => Sources.TryGetValue(source, out var day) ? day : DueWorkingDay;

    public int EveryMonthsOf(string source) => EveryMonths.TryGetValue(source, out var months) && months > 0 ? months : 1;
}

public sealed class LogSettings
{
    /// <summary>`text` (one line per event) or `json` (one JSON object per line with the scopes as fields).</summary>
    public string Format { get; set; } = "text";

    /// <summary>Folder of the rolling log files (one per day, `warehouse-yyyyMMdd.log`), relative to the working folder.</summary>
    public string Folder { get; set; } = "logs";

    /// <summary>How many daily files are kept; older ones are deleted.</summary>
    public int RetainedDays { get; set; } = 31;

    /// <summary><see cref="Folder"/> as a full path.</summary>
    public string FolderPath { get; internal set; } = "";
}
