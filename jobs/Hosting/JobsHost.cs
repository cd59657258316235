using System.Globalization;
using System.Net;
using Dapper;
using Hangfire;
using Hangfire.Common;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Logging.Console;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;
using Warehouse.Jobs.Status;

namespace Warehouse.Jobs.Hosting;

/// <summary>
/// The long-running host: Hangfire server (storage in the warehouse database, own schema:
/// <see cref="HangfireStorage"/>), the nightly recurring job, the inbox watcher, the dashboard (/hangfire), the status
/// page (/) and the health endpoint (/health).
/// </summary>
public static class JobsHost
{
    public static WebApplication Build(IWarehouseEngine engine, string urls, IConfiguration configuration, string workingDirectory,
        Action<WebApplicationBuilder>? customise = null)
    {
        var options = JobsOptions.From(configuration, workingDirectory);
        var retry = new TransientRetryFilter(options.Jobs.RetryDelays);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = workingDirectory });
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls);
        // Under systemd (Type=notify) or as a Windows Service the host reports start and stop to the service manager
        // and logs without colour; run from a terminal both are no-ops.
        builder.Host.UseSystemd();
        builder.Host.UseWindowsService();
        ConfigureLogging(builder.Logging, options);

        builder.Services.AddSingleton(engine);
        // The one binding (JobsOptions.From) handed out both ways: as itself and as IOptions<JobsOptions>.
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddSingleton(retry);
        builder.Services.AddSingleton(TimeProvider.System); // the clock of jobs, status and freshness; a test may register another after
        builder.Services.AddSingleton(SourceList.FromCatalog(configuration));
        builder.Services.AddSingleton<InboxFolders>();
        builder.Services.AddSingleton<AccessPolicy>();
        builder.Services.AddSingleton<StatusReader>();
        builder.Services.AddSingleton(sp => new Alerts.Alerter(options.Alerts, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Warehouse.Jobs.Alerts"),
            sp.GetServices<Alerts.IAlertChannel>()));
        builder.Services.AddTransient<WarehouseJobs>();
        // Hangfire's dashboard validates every POST (trigger, delete, requeue) with ASP.NET Core antiforgery once the
        // service is registered: its pages carry the token, a forged cross-site request has none and gets 403.
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "warehouse.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            // UK dates and 24-hour times in the dashboard (its moment.js would otherwise print 12/1/2026 9:32 PM).
            .UseDashboardJavaScript(typeof(JobsHost).Assembly, "Warehouse.Jobs.Hosting.dashboard-uk-dates.js")
            .UseStorage(HangfireStorage.Create(engine)));
        builder.Services.AddHangfireServer(server =>
        {
            server.WorkerCount = options.Jobs.WorkerCount;
            server.SchedulePollingInterval = options.Jobs.SchedulePollingInterval;
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            // This server's own filters: the retry delays are this host's configuration, not process-wide state.
            server.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { retry });
        });
        if (options.Inbox.Watch)
            builder.Services.AddHostedService<InboxWatcher>();
        customise?.Invoke(builder);

        var app = builder.Build();
        RegisterNightly(app.Services.GetRequiredService<IRecurringJobManager>(), options);

        var policy = app.Services.GetRequiredService<AccessPolicy>();
        // Only the configured proxies may say who the caller is; without any, X-Forwarded-* is never believed (and
        // AccessPolicy treats a request carrying it as remote). The defaults (loopback as a known proxy) are cleared.
        if (options.Dashboard.TrustedProxyAddresses.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
                ForwardLimit = 1,
            };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in options.Dashboard.TrustedProxyAddresses)
                forwarded.KnownProxies.Add(proxy);
            app.UseForwardedHeaders(forwarded);
        }
        var uk = new CultureInfo("en-GB");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(uk), SupportedCultures = [uk], SupportedUICultures = [uk],
        });
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new DashboardAccessFilter(policy)],
            DashboardTitle = "Warehouse jobs",
            AppPath = "/",
        });
        app.MapGet("/", async (HttpContext http, StatusReader reader) =>
        {
            if (!policy.IsAllowed(http))
            {
                policy.Refuse(http);
                return Results.Empty;
            }
            var snapshot = await reader.ReadAsync(cancellationToken: http.RequestAborted);
            var runs = await new RunHistory(engine).ReadAsync(7, http.RequestAborted);
            return Results.Content(StatusPage.Render(snapshot, TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone), runs), "text/html; charset=utf-8");
        });
        app.MapGet("/runs", async (HttpContext http) =>
        {
            if (!policy.IsAllowed(http))
            {
                policy.Refuse(http);
                return Results.Empty;
            }
            var runs = await new RunHistory(engine).ReadAsync(90, http.RequestAborted);
            return Results.Content(StatusPage.RenderRuns(runs, TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone)), "text/html; charset=utf-8");
        });
        app.MapGet("/reports/{source}/{name}", (HttpContext http, string source, string name, SourceList sources, InboxFolders folders) =>
        {
            if (!policy.IsAllowed(http))
            {
                policy.Refuse(http);
                return Results.Empty;
            }
            // Only report files of a known source's rejected/ folder, by bare name.
            var found = sources.Find(source);
            var safe = Path.GetFileName(name);
            if (found is null || safe != name || !safe.EndsWith(".report.txt", StringComparison.Ordinal))
                return Results.NotFound();
            var path = Path.Combine(folders.RejectedFor(found.Name), safe);
            return File.Exists(path) ? Results.Text(File.ReadAllText(path), "text/plain; charset=utf-8") : Results.NotFound();
        });
        // Open to any caller (a load balancer, a monitor), so it says healthy or unhealthy and nothing else: the
        // reason (which may name servers and logins) goes to the log.
        app.MapGet("/health", async (IWarehouseEngine warehouse, ILogger<HealthCheck> logger, CancellationToken cancellationToken) =>
        {
            try
            {
                await using var connection = warehouse.CreateConnection();
                await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
                return Results.Json(new { status = "healthy" });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "health: the warehouse database is unreachable");
                return Results.Json(new { status = "unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }

    /// <summary>The category of /health's log lines.</summary>
    public sealed class HealthCheck;

    /// <summary>
    /// The nightly run, in the configured time zone (Hangfire follows its clock changes). Misfires are
    /// Relaxed: after downtime that missed several occurrences, one catch-up run is enqueued, not one per night.
    /// </summary>
    public static void RegisterNightly(IRecurringJobManager manager, JobsOptions options) =>
        manager.AddOrUpdate<WarehouseJobs>(JobsOptions.NightlyJobId, j => j.NightlyAsync(null), options.Jobs.NightlyCron, new RecurringJobOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Jobs.TimeZone),
            MisfireHandling = MisfireHandlingMode.Relaxed,
        });

    /// <summary>
    /// The console (one line per event, or JSON with the scopes as fields) and the rolling files under
    /// <c>Warehouse:Logging:Folder</c>, where every line carries its batch id (`-` outside a batch).
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, JobsOptions options, bool console = true)
    {
        logging.ClearProviders();
        var json = options.Logging.Format.Equals("json", StringComparison.OrdinalIgnoreCase);
        if (console && json)
            logging.AddJsonConsole(o => { o.IncludeScopes = true; o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
        else if (console)
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                // The pipeline's scope is a dictionary the text formatter cannot print; every load message
                // already starts `batch N:`. The json format keeps the scopes as fields (BatchId, Source).
                o.IncludeScopes = false;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        logging.AddProvider(LogFiles.Provider(options.Logging));
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Hangfire", LogLevel.Warning);
        // A failed start (port in use) is reported by the CLI in one sentence; the host's own entry is a stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }
}
