using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;

namespace Warehouse.Tests.Jobs;

/// <summary>Logs: one entry per event, and every entry of a load carries its batch id.</summary>
public sealed class LoadLogTests : DatabaseTest<PostgresProvider>
{
    [SkippableFact]
    public async Task EveryLogLineOfALoad_CarriesTheBatchId()
    {
        var root = Directory.CreateTempSubdirectory("wh-log-").FullName;
        var options = JobsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(JobsTestHost.FastSettings(root)).Build(), root);
        var folders = new InboxFolders(options);
        folders.Ensure("organisation");
        var good = Path.Combine(folders.For("organisation"), "a-good.csv");
        File.Copy(Samples.Organisation, good);
        File.WriteAllText(Path.Combine(folders.For("organisation"), "b-broken.csv"), Samples.BrokenOrganisation());
        foreach (var file in Directory.GetFiles(folders.For("organisation")))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        var capture = new CapturingProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Debug));

        var results = await new InboxProcessor(Provider.Engine, folders, options, factory.CreateLogger("test"))
            .SweepAsync(new OrganisationSource(), CancellationToken.None);

        var batches = results.Select(r => r.Outcome!.BatchId!.Value).ToList();
        Assert.Equal(2, batches.Count);
        var loadLines = capture.Lines.Where(l => !l.Message.Contains("claimed")).ToList();
        Assert.True(loadLines.Count >= 4, string.Join('\n', capture.Lines.Select(l => l.Message)));
        foreach (var line in loadLines)
            Assert.True(batches.Any(b => line.BatchId == b || line.Message.Contains($"batch {b}:")), $"no batch id on: {line.Message}");
        Assert.All(capture.Lines, l => Assert.DoesNotContain('\n', l.Message));
        Directory.Delete(root, recursive: true);
    }

    private sealed record Line(string Message, int? BatchId);

    private sealed class CapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public List<Line> Lines { get; } = [];
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(CapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                int? batch = null;
                owner._scopes.ForEachScope((scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                        foreach (var (key, value) in pairs)
                            if (key == "BatchId" && value is int id)
                                batch = id;
                }, (object?)null);
                lock (owner.Lines)
                    owner.Lines.Add(new Line(formatter(state, exception), batch));
            }
        }
    }
}
