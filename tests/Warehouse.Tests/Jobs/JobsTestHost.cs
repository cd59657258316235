using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Tests.Jobs;

/// <summary>
/// The real jobs host (Hangfire server on the test PostgreSQL, status page, dashboard) in a temporary
/// working folder, on an in-process test server or on Kestrel at 127.0.0.1 on a free port.
/// </summary>
public sealed class JobsTestHost : IAsyncDisposable
{
    private JobsTestHost(WebApplication app, string root, JobsOptions options)
    {
        App = app;
        Root = root;
        Options = options;
        Folders = new InboxFolders(options);
    }

    public WebApplication App { get; }
    public string Root { get; }
    public JobsOptions Options { get; }
    public InboxFolders Folders { get; }
    public string? BaseUrl { get; private set; }
    public TestServer Server => App.GetTestServer();

    /// <summary>Settings that keep tests fast: short quiet period, 1 s polling, 1 s retries, a cron that never fires during a run.</summary>
    public static Dictionary<string, string?> FastSettings(string root) => new()
    {
        ["Warehouse:Inbox:Root"] = Path.Combine(root, "inbox"),
        ["Warehouse:Inbox:StableSeconds"] = "0.2",
        ["Warehouse:Inbox:WatchIntervalSeconds"] = "0.2",
        ["Warehouse:Inbox:Watch"] = "false",
        ["Warehouse:Jobs:SchedulePollingSeconds"] = "1",
        ["Warehouse:Jobs:RetryDelaysSeconds:0"] = "1",
        ["Warehouse:Jobs:RetryDelaysSeconds:1"] = "1",
        // New Year's Day at midnight: never inside a test run in practice; tests trigger the job themselves.
        ["Warehouse:Jobs:NightlyCron"] = "0 0 1 1 *",
        ["Warehouse:Freshness:DueWorkingDay"] = "0",
    };

    public static async Task<JobsTestHost> StartAsync(IWarehouseEngine engine, IDictionary<string, string?>? settings = null,
        SourceList? sources = null, bool kestrel = false, string? root = null, Action<WebApplicationBuilder>? customise = null)
    {
        root ??= Directory.CreateTempSubdirectory("wh-jobs-").FullName;
        var all = FastSettings(root);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        await ClearHangfireAsync(engine);
        var app = JobsHost.Build(engine, kestrel ? "http://127.0.0.1:0" : "http://127.0.0.1:5999", configuration, root, builder =>
        {
            if (!kestrel)
                builder.WebHost.UseTestServer();
            if (sources is not null)
                builder.Services.AddSingleton(sources);
            customise?.Invoke(builder);
        });
        var host = new JobsTestHost(app, root, JobsOptions.From(configuration, root));
        await app.StartAsync();
        if (kestrel)
            host.BaseUrl = app.Urls.First();
        return host;
    }

    /// <summary>Copies a file into a source's inbox, dated in the past so it counts as completely written.</summary>
    public string Drop(string source, string path, string? name = null)
    {
        Folders.Ensure(source);
        var target = Path.Combine(Folders.For(source), name ?? Path.GetFileName(path));
        File.Copy(path, target);
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(-1));
        return target;
    }

    public string DropText(string source, string name, string text)
    {
        Folders.Ensure(source);
        var target = Path.Combine(Folders.For(source), name);
        File.WriteAllText(target, text);
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(-1));
        return target;
    }

    // Hangfire's tables are not part of the Respawn reset: clear them so no job of an earlier test runs here.
    public static async Task ClearHangfireAsync(IWarehouseEngine engine)
    {
        await using var connection = engine.CreateConnection();
        var tables = (await connection.QueryAsync<string>(
            "SELECT tablename FROM pg_tables WHERE schemaname = @schema AND tablename NOT IN ('schema', 'lock')",
            new { schema = HangfireStorage.Schema })).ToList();
        if (tables.Count > 0)
            await connection.ExecuteAsync($"TRUNCATE {string.Join(", ", tables.Select(t => $"{HangfireStorage.Schema}.\"{t}\""))} CASCADE");
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await App.StopAsync(stop.Token); }
        catch (OperationCanceledException) { }
        await App.DisposeAsync();
        // AddHangfire pointed Hangfire's static log provider and job activator at this host's (now disposed)
        // services; a Hangfire server started later without a host would fail every job on them.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        Hangfire.JobActivator.Current = new Hangfire.JobActivator();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}

public static class Eventually
{
    public static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(100);
        }
        return await condition();
    }
}

public static class Samples
{
    public static string Organisation => RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv");
    public static string LineMapping => RepositoryPaths.Combine("samples", "finance", "line-mapping.csv");

    /// <summary>The organisation sample with two bad cells: a committee that does not exist (row 3) and a DSG flag that is not Y/N (row 5).</summary>
    public static string BrokenOrganisation()
    {
        var lines = File.ReadAllLines(Organisation);
        lines[2] = lines[2].Replace(",Adults,", ",Parks Committee,");
        var cells = lines[4].Split(',');
        cells[7] = "maybe";
        lines[4] = string.Join(',', cells);
        return string.Join('\n', lines) + "\n";
    }
}
