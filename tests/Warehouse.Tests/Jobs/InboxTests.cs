using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Finance;
using Warehouse.Etl.Sources.Reference;
using Warehouse.Jobs.Hosting;
using Warehouse.Jobs.Inbox;

namespace Warehouse.Tests.Jobs;

/// <summary>The file inbox: claim, load, archive or reject with a report; nothing half-written taken, nothing deleted.</summary>
public sealed class InboxTests : DatabaseTest<PostgresProvider>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wh-inbox-").FullName;
    private readonly JobsOptions _options;
    private readonly InboxFolders _folders;

    public InboxTests()
    {
        _options = Options();
        _folders = new InboxFolders(_options);
    }

    private JobsOptions Options(double stableSeconds = 0.2) => JobsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(
        new Dictionary<string, string?>
        {
            ["Warehouse:Inbox:Root"] = Path.Combine(_root, "inbox"),
            ["Warehouse:Inbox:StableSeconds"] = stableSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build(), _root);

    private InboxProcessor Processor(JobsOptions? options = null) =>
        new(Provider.Engine, _folders, options ?? _options, NullLogger.Instance);

    private string Drop(string source, string path, string? name = null, DateTime? writtenUtc = null)
    {
        _folders.Ensure(source);
        var target = Path.Combine(_folders.For(source), name ?? Path.GetFileName(path));
        File.Copy(path, target);
        File.SetLastWriteTimeUtc(target, writtenUtc ?? DateTime.UtcNow.AddMinutes(-1));
        return target;
    }

    private string DropBroken()
    {
        var broken = Path.Combine(_root, "organisation-broken.csv");
        File.WriteAllText(broken, Samples.BrokenOrganisation());
        return Drop("organisation", broken);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    [SkippableFact]
    public async Task Sweep_LoadsSampleAndMovesItToArchive_WhenTheFileIsComplete()
    {
        Drop("organisation", Samples.Organisation);

        var results = await Processor().SweepAsync(new OrganisationSource(), CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(LoadStatus.Loaded, result.Outcome!.Status);
        Assert.True(File.Exists(Path.Combine(_folders.ArchiveFor("organisation"), "organisation-reference.csv")));
        Assert.Empty(Directory.GetFiles(_folders.For("organisation")));
        Assert.Empty(Directory.GetFiles(_folders.ProcessingFor("organisation")));
        Assert.True(await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_organisation WHERE batch_id = @b", new { b = result.Outcome.BatchId }) > 0);
    }

    [SkippableFact]
    public async Task Sweep_MovesBrokenFileToRejected_WithAReportNamingRowsColumnsAndReasons()
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        DropBroken();

        var result = Assert.Single(await Processor().SweepAsync(new OrganisationSource(), CancellationToken.None));

        Assert.Equal(LoadStatus.Rejected, result.Outcome!.Status);
        var rejected = Path.Combine(_folders.RejectedFor("organisation"), "organisation-broken.csv");
        Assert.True(File.Exists(rejected));
        var report = File.ReadAllText(rejected + ".report.txt");
        Assert.Contains("organisation-broken.csv was NOT loaded", report);
        Assert.Contains($"Batch: {result.Outcome.BatchId} ", report);
        Assert.Matches(@"\s3\s+committee\s+'Parks Committee'\s+is not a known committee", report);
        Assert.Matches(@"\s5\s+dsg_funded\s+'maybe'\s+must be Y or N", report);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }

    [SkippableFact]
    public async Task Sweep_RefusesALedgerRestatementLackingCostCentres_AndNeverReplacesAll()
    {
        Assert.Equal(LoadStatus.Loaded, (await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), Samples.Organisation)).Status);
        var may = RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv");
        Assert.Equal(LoadStatus.Loaded, (await new IngestionPipeline(Provider.Engine).LoadFileAsync(new GeneralLedgerSource(), may)).Status);
        var lines = File.ReadAllLines(may);
        // The header, the first directorate's first ten rows and a Total row that adds them up.
        var partial = lines.Skip(1).Take(10).ToList();
        string Sum(int column) => partial.Sum(l => decimal.Parse(l.Split(',')[column], System.Globalization.CultureInfo.InvariantCulture))
            .ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        var file = Path.Combine(_root, "gl-2018-05-part.csv");
        File.WriteAllLines(file, [lines[0], .. partial, $"Total,,,,,{Sum(5)},{Sum(6)}"]);
        var before = await WarehouseSnapshot.TakeAsync(Provider);
        Drop("finance-gl", file);

        var result = Assert.Single(await Processor().SweepAsync(new GeneralLedgerSource(), CancellationToken.None));

        Assert.Equal(LoadStatus.Rejected, result.Outcome!.Status);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        Assert.Equal(197L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201802"));
        var report = File.ReadAllText(Path.Combine(_folders.RejectedFor("finance-gl"), "gl-2018-05-part.csv") + ".report.txt");
        Assert.Contains("loading it would delete their rows", report);
        Assert.Contains("`warehouse load finance-gl gl-2018-05-part.csv --replace-all`; the inbox never does.", report);
    }

    [SkippableFact]
    public async Task Sweep_LeavesFileAlone_WhileItIsStillBeingWritten()
    {
        var dropped = Drop("organisation", Samples.Organisation, writtenUtc: DateTime.UtcNow);

        var results = await Processor(Options(stableSeconds: 30)).SweepAsync(new OrganisationSource(), CancellationToken.None);

        Assert.Null(Assert.Single(results).Outcome);
        Assert.True(File.Exists(dropped));
        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
    }

    [SkippableFact]
    public async Task Sweep_LeavesFileAlone_WhileAWriterHoldsItOpen()
    {
        var dropped = Drop("organisation", Samples.Organisation);
        await using (new FileStream(dropped, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var results = await Processor().SweepAsync(new OrganisationSource(), CancellationToken.None);
            Assert.Null(Assert.Single(results).Outcome);
        }

        Assert.True(File.Exists(dropped));
        var later = await Processor().SweepAsync(new OrganisationSource(), CancellationToken.None);
        Assert.Equal(LoadStatus.Loaded, Assert.Single(later).Outcome!.Status);
    }

    [SkippableFact]
    public async Task WatcherAndSweep_LoadAFileOnce_WhenBothReachForIt()
    {
        Drop("organisation", Samples.Organisation);
        var source = new OrganisationSource();

        var both = await Task.WhenAll(
            Processor().ProcessAsync(source, "organisation-reference.csv", CancellationToken.None),
            Processor().SweepAsync(source, CancellationToken.None).ContinueWith(t => t.Result.SingleOrDefault()));

        Assert.Single(both, r => r?.Outcome?.Status == LoadStatus.Loaded);
        // The other pass found nothing to claim, or met the running load through processing/ and backed off.
        Assert.Single(both, r => r is null || r.Outcome?.Status is LoadStatus.Busy or LoadStatus.Duplicate);
        Assert.Equal(1, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.batch WHERE batch_id > 0"));
        Assert.Single(Directory.GetFiles(_folders.ArchiveFor("organisation")));
    }

    [SkippableFact]
    public async Task Sweep_KeepsEveryCopy_WhenTheSameFileIsDroppedAgain()
    {
        Drop("organisation", Samples.Organisation);
        await Processor().SweepAsync(new OrganisationSource(), CancellationToken.None);
        Drop("organisation", Samples.Organisation);

        var again = Assert.Single(await Processor().SweepAsync(new OrganisationSource(), CancellationToken.None));

        Assert.Equal(LoadStatus.Duplicate, again.Outcome!.Status);
        Assert.Equal(["organisation-reference (2).csv", "organisation-reference.csv"],
            Directory.GetFiles(_folders.ArchiveFor("organisation")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Sweep_SkipsTemporaryAndOfficeLockFiles()
    {
        _folders.Ensure("organisation");
        foreach (var name in new[] { "~$budget.xlsx", ".hidden.csv", "copying.csv.part", "download.crdownload" })
            File.WriteAllText(Path.Combine(_folders.For("organisation"), name), "x");

        Assert.Empty(await Processor().SweepAsync(new OrganisationSource(), CancellationToken.None));
    }
}
