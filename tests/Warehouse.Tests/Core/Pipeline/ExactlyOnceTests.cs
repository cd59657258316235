using System.Data.Common;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Finance;
using Warehouse.Etl.Sources.Indicators;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Tests.Jobs;

namespace Warehouse.Tests.Core.Pipeline;

/// <summary>
/// Exactly-once by content and period, the retry of a rejected file, and the concurrency of loads: the lock
/// is waited for, a batch finished by another process is never re-run, and waiting/running/interrupted are told apart.
/// </summary>
public abstract class ExactlyOnceTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private static readonly string Gl = RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv");

    private IngestionPipeline Pipeline => new(Provider.Engine);

    private async Task LoadOrganisationAsync() =>
        Assert.Equal(LoadStatus.Loaded, (await Pipeline.LoadFileAsync(new OrganisationSource(),
            RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"))).Status);

    private Task<List<(int, string, decimal)>> May2018Async() => QueryAsync<(int, string, decimal)>(
        "SELECT cost_centre_key, account_code, actual FROM dw.fact_ledger WHERE period_key = 201802 ORDER BY cost_centre_key, account_code, actual", new { });

    // The sample with the actual moved between its first two lines: a wrong restatement of May 2018 whose Total row still adds up.
    private static string Restatement(decimal moved, string folder = "restated")
    {
        var lines = File.ReadAllLines(Gl);
        foreach (var (line, sign) in new[] { (1, 1m), (2, -1m) })
        {
            var cells = lines[line].Split(',');
            cells[6] = (decimal.Parse(cells[6], System.Globalization.CultureInfo.InvariantCulture) + sign * moved)
                .ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            lines[line] = string.Join(',', cells);
        }
        var path = Path.Combine(TestFolders.New(folder), "gl-2018-05.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string WrongRestatement() => Restatement(1000m);

    [SkippableFact]
    public async Task LoadFile_RestatesThePeriodBack_WhenASupersededFileIsSentAgain()
    {
        await LoadOrganisationAsync();
        var original = await Pipeline.LoadFileAsync(new GeneralLedgerSource(), Gl);
        var good = await May2018Async();
        var wrong = await Pipeline.LoadFileAsync(new GeneralLedgerSource(), WrongRestatement());
        Assert.True(wrong.Status == LoadStatus.Loaded, wrong.Message);
        Assert.NotEqual(good, await May2018Async());

        var back = await Pipeline.LoadFileAsync(new GeneralLedgerSource(), Gl);

        Assert.Equal(LoadStatus.Loaded, back.Status);
        Assert.Contains($"back to the content of batch {original.BatchId}", back.Message);
        Assert.Equal(good, await May2018Async());
        Assert.Equal("superseded", await Provider.ScalarAsync<string>("SELECT state FROM etl.batch WHERE batch_id = @id", new { id = wrong.BatchId }));
        var again = await Pipeline.LoadFileAsync(new GeneralLedgerSource(), Gl);
        Assert.Equal(LoadStatus.Duplicate, again.Status);
    }

    [SkippableFact]
    public async Task LoadFile_AnswersDuplicate_ForTheSameContentAndPeriodUnderAnotherName_WithoutChangingAnything()
    {
        await LoadOrganisationAsync();
        var first = await Pipeline.LoadFileAsync(new GeneralLedgerSource(), Gl);
        var renamed = Path.Combine(TestFolders.New("renamed"), "ledger-may.csv");
        File.Copy(Gl, renamed);
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var outcome = await Pipeline.LoadFileAsync(new GeneralLedgerSource(), renamed);

        Assert.Equal(LoadStatus.Duplicate, outcome.Status);
        Assert.Contains($"same content as batch {first.BatchId}", outcome.Message);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal("duplicate", await Provider.ScalarAsync<string>("SELECT state FROM etl.batch WHERE batch_id = @id", new { id = outcome.BatchId }));
        Assert.Equal("loaded", await Provider.ScalarAsync<string>("SELECT state FROM etl.batch WHERE batch_id = @id", new { id = first.BatchId }));
    }

    [SkippableFact]
    public async Task LoadFile_LoadsTheSameBytesForAnotherPeriod_WhenThePeriodComesFromTheFileName()
    {
        var march = RepositoryPaths.Combine("samples", "indicators", "portfolio-2018-03.xlsx");
        var april = Path.Combine(TestFolders.New("portfolio"), "portfolio-2018-04.xlsx");
        File.Copy(march, april);
        Assert.Equal(LoadStatus.Loaded, (await Pipeline.LoadFileAsync(new PortfolioReturnSource(), march)).Status);

        var outcome = await Pipeline.LoadFileAsync(new PortfolioReturnSource(), april);

        Assert.Equal(LoadStatus.Loaded, outcome.Status);
        Assert.Equal(2, await Provider.ScalarAsync<int>("SELECT COUNT(DISTINCT period_key) FROM dw.fact_portfolio_rag"));
        Assert.Equal(LoadStatus.Duplicate, (await Pipeline.LoadFileAsync(new PortfolioReturnSource(), april)).Status);
    }

    [SkippableFact]
    public async Task LoadFile_RunsARejectedFileAgain_OnlyWhenRetried_AfterItsReferenceIsLoaded()
    {
        var budget = RepositoryPaths.Combine("samples", "activity", "lac-budget-2018-19.csv");
        var refused = await Pipeline.LoadFileAsync(new BudgetSource(), budget);
        Assert.Equal(LoadStatus.Rejected, refused.Status);
        Assert.Equal(LoadStatus.Loaded, (await Pipeline.LoadFileAsync(new PlacementTypeSource(),
            RepositoryPaths.Combine("samples", "activity", "lac-placement-types.csv"))).Status);

        var unchanged = await Pipeline.LoadFileAsync(new BudgetSource(), budget);
        var retried = await Pipeline.LoadFileAsync(new BudgetSource(), budget, new LoadOptions { Retry = true });

        Assert.Equal(LoadStatus.PreviouslyRejected, unchanged.Status);
        Assert.Contains("load --retry lac-budget lac-budget-2018-19.csv", unchanged.Message);
        Assert.Equal(LoadStatus.Loaded, retried.Status);
        Assert.NotEqual(refused.BatchId, retried.BatchId);
    }

    [SkippableFact]
    public async Task ConcurrentLoadsOfOneFile_RunItOnce_AndNeverFailTheCommittedBatch()
    {
        await LoadOrganisationAsync();
        for (var trial = 0; trial < 6; trial++)
        {
            // Each trial a different restatement, started twice a few milliseconds apart (the race of issue 20).
            var path = Restatement(100 + trial, "race");
            var options = new LoadOptions { LockWait = TimeSpan.FromSeconds(60) };

            var first = Task.Run(() => Pipeline.LoadFileAsync(new GeneralLedgerSource(), path, options));
            await Task.Delay(trial * 40);
            var second = Task.Run(() => Pipeline.LoadFileAsync(new GeneralLedgerSource(), path, options));
            var outcomes = await Task.WhenAll(first, second);

            Assert.Single(outcomes, o => o.Status == LoadStatus.Loaded);
            Assert.Single(outcomes, o => o.Status == LoadStatus.Duplicate);
        }
        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE state = 'failed'"));
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE source = 'finance-gl' AND state = 'loaded'"));
        Assert.Equal(await Provider.ScalarAsync<long>("SELECT rows_loaded FROM etl.batch WHERE source = 'finance-gl' AND state = 'loaded'"),
            await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201802"));
    }

    [SkippableFact]
    public async Task TransitionIfUnfinished_LeavesABatchThatEnded_AsItEnded()
    {
        // The race behind a failed committed batch: a load that found the lock taken recorded "waiting" on the shared
        // batch after the other process had committed it, then ran it a second time.
        await LoadOrganisationAsync();
        var batchId = await Provider.ScalarAsync<int>("SELECT MAX(batch_id) FROM etl.batch WHERE source = 'organisation'");
        var ledger = new BatchLedger(Provider.Engine, TimeProvider.System);
        await using var connection = await Provider.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            Assert.False(await ledger.TransitionIfUnfinishedAsync(connection, tx, batchId, BatchState.Waiting, "waiting", CancellationToken.None));
            await tx.CommitAsync();
        }
        Assert.Equal("loaded", await Provider.ScalarAsync<string>($"SELECT state FROM etl.batch WHERE batch_id = {batchId}"));

        var received = await ledger.RegisterExtractAsync(connection, "lac-placements", CancellationToken.None);
        await using (var tx = await connection.BeginTransactionAsync())
        {
            Assert.True(await ledger.TransitionIfUnfinishedAsync(connection, tx, received, BatchState.Waiting, "waiting", CancellationToken.None));
            await tx.CommitAsync();
        }
        Assert.Equal("waiting", await Provider.ScalarAsync<string>($"SELECT state FROM etl.batch WHERE batch_id = {received}"));
    }

    [SkippableFact]
    public async Task LoadFile_WaitsForTheLock_ThenLoads_WhileAnotherLoadOfTheSourceRuns()
    {
        await using var other = await Provider.OpenAsync();
        var held = await other.BeginTransactionAsync();
        Assert.True(await Provider.Engine.TryAcquireLoadLockAsync(other, held, "warehouse-load:organisation"));
        var told = new List<string>();
        var load = Pipeline.LoadFileAsync(new OrganisationSource(), RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"),
            new LoadOptions { LockWait = TimeSpan.FromSeconds(60), OnWaiting = told.Add });

        Assert.True(await Eventually.WaitAsync(async () =>
            await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE source = 'organisation' AND state = 'waiting'") == 1));
        var activity = await LoadActivity.ProbeAsync(Provider.Engine);
        await held.RollbackAsync();
        var outcome = await load;

        Assert.Equal(BatchActivity.Waiting, Assert.Single(activity).Value);
        Assert.Equal(LoadStatus.Loaded, outcome.Status);
        Assert.Contains("waiting up to 60 s", Assert.Single(told));
        var states = await QueryAsync<string>("SELECT state FROM etl.batch_state_history WHERE batch_id = @id ORDER BY sequence_no", new { id = outcome.BatchId });
        Assert.Equal(["received", "waiting", "extracting", "loaded"], states);
    }

    [SkippableFact]
    public async Task LoadActivity_CallsABatchInterrupted_WhenNoProcessHoldsItsSourcesLock()
    {
        await using var other = await Provider.OpenAsync();
        var held = await other.BeginTransactionAsync();
        Assert.True(await Provider.Engine.TryAcquireLoadLockAsync(other, held, "warehouse-load:organisation"));
        var busy = await Pipeline.LoadFileAsync(new OrganisationSource(), RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"),
            new LoadOptions { LockWait = TimeSpan.FromMilliseconds(300) });
        var whileHeld = await LoadActivity.ProbeAsync(Provider.Engine);
        await held.RollbackAsync(); // the other load ends; the waiter gave up long ago

        var afterwards = await LoadActivity.ProbeAsync(Provider.Engine);

        Assert.Equal(LoadStatus.Busy, busy.Status);
        Assert.Equal(BatchActivity.Waiting, whileHeld[busy.BatchId!.Value]);
        Assert.Equal(BatchActivity.Interrupted, afterwards[busy.BatchId.Value]);
    }

    [SkippableFact]
    public async Task LoadFile_RejectsADataErrorOfTheDatabase_InsteadOfFailingAsAnOutage()
    {
        var outcome = await Pipeline.LoadFileAsync(new OverflowingSource(), RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"));

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains("too large for the warehouse", Assert.Single(outcome.Errors).Reason);
        Assert.Equal("rejected", await Provider.ScalarAsync<string>("SELECT state FROM etl.batch WHERE batch_id = @id", new { id = outcome.BatchId }));
    }

    private async Task<List<T>> QueryAsync<T>(string sql, object parameters)
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    // A value past numeric(19,2) that got through to the database.
    private sealed class OverflowingSource : ISource
    {
        public string Name => "organisation";
        public string Description => "test";

        public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken) =>
            await context.ScalarAsync<decimal>("SELECT CAST(@big AS numeric(19,2))", new { big = 123456789012345678901m }, cancellationToken);
    }
}

public sealed class PostgresExactlyOnceTests : ExactlyOnceTests<PostgresProvider>;
