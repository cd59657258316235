using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Core.Pipeline;

/// <summary>The pipeline's guarantees, shown with the organisation source: locking, failure and resumption.</summary>
public abstract class PipelineTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly string Sample = RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv");

    [SkippableFact]
    public async Task LoadFile_ReportsBusy_AndLoadsNothing_WhenAnotherLoadOfTheSourceHoldsTheLock()
    {
        await using var other = await Provider.OpenAsync();
        await using var held = await other.BeginTransactionAsync();
        Assert.True(await Provider.Engine.TryAcquireLoadLockAsync(other, held, "warehouse-load:organisation"));

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), Sample);

        Assert.Equal(LoadStatus.Busy, outcome.Status);
        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE organisation_key > 0"));
        await held.RollbackAsync();
        var later = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), Sample);
        Assert.Equal(LoadStatus.Loaded, later.Status);
        Assert.Equal(outcome.BatchId, later.BatchId);
    }

    [SkippableFact]
    public async Task LoadFile_LeavesNoPartialBatch_AndRetriesCleanly_WhenTheLoadFailsMidway()
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new IngestionPipeline(Provider.Engine).LoadFileAsync(new FailingAfterStaging(), Sample));

        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal(BatchState.Failed, BatchStates.Parse(await Provider.ScalarAsync<string>("SELECT state FROM etl.batch WHERE source = 'organisation'")));
        var retry = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), Sample);
        Assert.Equal(LoadStatus.Loaded, retry.Status);
        Assert.Equal(2, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE source = 'organisation'"));
    }

    [SkippableFact]
    public async Task LoadFile_FailsReconciliation_AndKeepsNothing_WhenLandedTotalsDiffer()
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OverstatingTotals(), Sample);

        Assert.Equal(LoadStatus.ReconciliationFailed, outcome.Status);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal("mismatch", await Provider.ScalarAsync<string>(
            "SELECT result FROM report.reconciliation WHERE batch_id = @batch AND measure = 'rows'", new { batch = outcome.BatchId }));
    }

    [SkippableFact]
    public async Task LoadFile_RecordsEveryStateTheBatchWentThrough()
    {
        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), Sample);

        await using var connection = await Provider.OpenAsync();
        var states = await Dapper.SqlMapper.QueryAsync<string>(connection,
            "SELECT state FROM etl.batch_state_history WHERE batch_id = @batch ORDER BY sequence_no", new { batch = outcome.BatchId });
        Assert.Equal([BatchState.Received, BatchState.Extracting, BatchState.Loaded], states.Select(BatchStates.Parse));
    }

    [SkippableFact]
    public async Task LoadFile_StampsTheFileBatchAndHistory_WithThePipelinesClock()
    {
        var at = new DateTimeOffset(2019, 4, 8, 9, 30, 0, TimeSpan.Zero);

        var outcome = await new IngestionPipeline(Provider.Engine, time: new FixedTimeProvider(at)).LoadFileAsync(new OrganisationSource(), Sample);

        await using var connection = await Provider.OpenAsync();
        var stamps = (await Dapper.SqlMapper.QueryAsync(connection, """
            SELECT received_utc AS at FROM etl.file_registry WHERE file_id = (SELECT file_id FROM etl.batch WHERE batch_id = @batch)
            UNION ALL SELECT started_utc FROM etl.batch WHERE batch_id = @batch
            UNION ALL SELECT finished_utc FROM etl.batch WHERE batch_id = @batch
            UNION ALL SELECT entered_utc FROM etl.batch_state_history WHERE batch_id = @batch
            """, new { batch = outcome.BatchId })).Select(row => (object)row.at).ToList();
        Assert.Equal(6, stamps.Count);
        // PostgreSQL hands timestamptz back as a UTC DateTime, SQL Server datetimeoffset as a DateTimeOffset.
        Assert.All(stamps, stamp => Assert.Equal(at, stamp is DateTime utc ? new DateTimeOffset(utc.ToUniversalTime()) : (DateTimeOffset)stamp));
    }

    // A source that stages and changes dw, then dies: the pipeline must roll all of it back.
    private sealed class FailingAfterStaging : ISource
    {
        public string Name => "organisation";
        public string Description => "test: fails after loading";

        public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
        {
            await new OrganisationSource().LoadAsync(context, cancellationToken);
            throw new InvalidOperationException("simulated crash after the data moved");
        }
    }

    // A source whose declared control total cannot match what lands.
    private sealed class OverstatingTotals : ISource
    {
        public string Name => "organisation";
        public string Description => "test: control total off by one";

        public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
        {
            await new OrganisationSource().LoadAsync(context, cancellationToken);
            context.Control.Expect(ControlMeasures.Rows, "", context.Control.Expected[(ControlMeasures.Rows, "")].Value + 1);
        }
    }
}

public sealed class PostgresPipelineTests : PipelineTests<PostgresProvider>;

public sealed class SqlServerPipelineTests : PipelineTests<SqlServerProvider>;
