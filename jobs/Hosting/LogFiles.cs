using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Warehouse.Jobs.Hosting;

/// <summary>
/// Rolling daily log files (Serilog's file sink), kept for <see cref="LogSettings.RetainedDays"/> days. Text lines
/// read `2026-12-03T02:00:04+00:00 INF batch 42 Warehouse.Jobs…: message`; json writes one compact JSON event per line.
/// The batch id comes from the pipeline's logging scope (BatchId), `-` for lines outside a batch.
/// </summary>
public static class LogFiles
{
    public const string FilePattern = "warehouse-.log";

    public static ILoggerProvider Provider(LogSettings settings)
    {
        Directory.CreateDirectory(settings.FolderPath);
        var path = Path.Combine(settings.FolderPath, FilePattern);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Verbose() // the Microsoft.Extensions.Logging filters decide
            .Enrich.FromLogContext()
            .Enrich.With<DefaultBatchId>();
        configuration = settings.Format.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? configuration.WriteTo.File(new CompactJsonFormatter(), path, rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: Math.Max(1, settings.RetainedDays), shared: true)
            : configuration.WriteTo.File(path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: Math.Max(1, settings.RetainedDays), shared: true,
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:sszzz} {Level:u3} batch {BatchId} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return new SerilogLoggerProvider(configuration.CreateLogger(), dispose: true);
    }

    private sealed class DefaultBatchId : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("BatchId", "-"));
    }
}
