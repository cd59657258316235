using Microsoft.Extensions.Configuration;
using Warehouse.Etl.Core;
using Warehouse.Etl.Publish;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;
using Warehouse.Jobs.Scheduling;
using Warehouse.Jobs.Status;

namespace Warehouse.Tests.Jobs;

/// <summary>The status page and the committee pack stop when their caller gives up (a closed browser, a shutdown).</summary>
public sealed class CancellationTests : DatabaseTest<PostgresProvider>
{
    private static CancellationToken Cancelled() => new(canceled: true);

    [SkippableFact]
    public async Task StatusRead_Stops_WhenTheRequestIsCancelled()
    {
        var root = Directory.CreateTempSubdirectory("wh-cancel-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(JobsTestHost.FastSettings(root)).Build();
        var options = JobsOptions.From(configuration, root);
        var reader = new StatusReader(Provider.Engine, SourceList.FromCatalog(configuration), new InboxFolders(options), options);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(cancellationToken: Cancelled()));
        Assert.NotNull(await reader.ReadAsync());
    }

    [SkippableFact]
    public async Task ReportPackBuild_Stops_WhenCancelled()
    {
        await using var connection = await Provider.OpenAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ReportPackBuilder.BuildAsync(connection, new FiscalPeriod(2018, 2), "all", cancellationToken: Cancelled()));
    }
}
