using Microsoft.Extensions.Configuration;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Tests.Jobs;

/// <summary>The jobs settings: one binding, the options class's defaults, and the one page that documents them.</summary>
public sealed class JobsOptionsTests
{
    private static readonly string Folder = Path.GetTempPath();

    private static JobsOptions Bind(Dictionary<string, string?> settings) =>
        JobsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Folder);

    [Fact]
    public void From_GivesTheClassDefaults_WhenNothingIsConfigured()
    {
        var options = Bind([]);

        Assert.Equal("0 2 * * *", options.Jobs.NightlyCron);
        Assert.Equal([30, 120, 600, 1800, 3600], options.Jobs.RetryDelays);
        Assert.Equal(Path.GetFullPath(Path.Combine(".warehouse", "inbox"), Folder), options.Inbox.RootPath);
        Assert.Equal(8, options.Freshness.DueWorkingDayOf("finance-gl"));
        Assert.False(options.Dashboard.CredentialsConfigured);
    }

    [Fact]
    public void From_ReplacesTheDefaultRetryDelays_WhenTheyAreConfigured()
    {
        var options = Bind(new() { ["Warehouse:Jobs:RetryDelaysSeconds:0"] = "1", ["Warehouse:Jobs:RetryDelaysSeconds:1"] = "5" });

        Assert.Equal([1, 5], options.Jobs.RetryDelays);
    }

    [Fact]
    public void From_TakesTheDefault_WhenAValueIsEmpty()
    {
        var options = Bind(new() { ["Warehouse:Jobs:NightlyCron"] = "", ["Warehouse:Jobs:TimeZone"] = " ", ["Warehouse:Inbox:Root"] = "" });

        Assert.Equal(new ScheduleSettings().NightlyCron, options.Jobs.NightlyCron);
        Assert.Equal(new ScheduleSettings().TimeZone, options.Jobs.TimeZone);
        Assert.Equal(Path.GetFullPath(new InboxSettings().Root, Folder), options.Inbox.RootPath);
    }

    [Fact]
    public void From_RefusesAsConfiguration_AValueOfTheWrongType()
    {
        var refused = Assert.Throws<WarehouseConfigurationException>(() => Bind(new() { ["Warehouse:Jobs:WorkerCount"] = "two" }));

        Assert.Contains("WorkerCount", refused.Message);
    }

    [Fact]
    public void From_ReadsPerSourceSettings_WithoutLetterCase()
    {
        var options = Bind(new() { ["Warehouse:Freshness:Sources:Organisation"] = "0", ["Warehouse:Inbox:Folders:Finance-GL"] = "drop/gl" });

        Assert.Equal(0, options.Freshness.DueWorkingDayOf("organisation"));
        Assert.Equal(Path.GetFullPath("drop/gl", Folder), options.Inbox.FolderPaths["finance-gl"]);
    }

    [Fact]
    public void JobsDoc_StatesTheDefaultsOfTheOptionsClass()
    {
        var doc = File.ReadAllText(RepositoryPaths.Combine("docs", "jobs.md"));
        var defaults = Bind([]);

        Assert.Contains($"| `Warehouse:Jobs:NightlyCron` / `TimeZone` | `{defaults.Jobs.NightlyCron}` / `{defaults.Jobs.TimeZone}` |", doc);
        Assert.Contains($"| `Warehouse:Jobs:WorkerCount` / `SchedulePollingSeconds` | {defaults.Jobs.WorkerCount} / {defaults.Jobs.SchedulePollingSeconds} |", doc);
        Assert.Contains($"| `Warehouse:Jobs:RetryDelaysSeconds` | `[{string.Join(", ", defaults.Jobs.RetryDelays)}]` |", doc);
        Assert.Contains($"| `Warehouse:Inbox:StableSeconds` / `WatchIntervalSeconds` / `Watch` | {defaults.Inbox.StableSeconds} / {defaults.Inbox.WatchIntervalSeconds} / {defaults.Inbox.Watch.ToString().ToLowerInvariant()} |", doc);
        Assert.Contains($"| `Warehouse:Freshness:DueWorkingDay` / `Sources:<source>` | {defaults.Freshness.DueWorkingDay} /", doc);
        Assert.Contains($"| `Warehouse:Logging:Format` | `{defaults.Logging.Format}` (or `json`) |", doc);
        Assert.Contains($"| `Warehouse:Logging:Folder` / `RetainedDays` | `{defaults.Logging.Folder}` / {defaults.Logging.RetainedDays} |", doc);
        Assert.Contains($"| `Warehouse:Alerts:WebhookUrl` / `StatusPageUrl` / `TimeoutSeconds` | empty (no webhook) / empty / {defaults.Alerts.TimeoutSeconds} |", doc);
        Assert.Contains($"/ {defaults.Alerts.Smtp.Port} / `{defaults.Alerts.Smtp.Security}` /", doc);
    }
}
