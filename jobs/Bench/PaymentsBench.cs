using System.Diagnostics;
using System.Globalization;
using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Finance;
using Warehouse.Etl.Sources.Payments;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Jobs.Bench;

public sealed record PaymentsBenchOptions(long Rows, int Rounds, string Database, string Folder, bool KeepFiles);

/// <summary>
/// `bench payments`: loads N generated payment rows (`supplier-payments`) and N generated ledger rows
/// (`finance-gl`) through the real pipeline in the same run and scratch database, round after round, and prints
/// each source's rows/s and payments as a share of the ledger's (target ≥ 80%). The best round of each counts, so
/// a first round's JIT and a neighbour's burst of CPU do not decide it. Not a test: the figures depend on the machine.
/// </summary>
public sealed class PaymentsBench(IWarehouseEngine warehouse, TextWriter output)
{
    public const double Target = 0.80;

    public sealed record Figures(long Rows, double LedgerRowsPerSecond, double PaymentsRowsPerSecond, bool AllLoaded)
    {
        public double Share => PaymentsRowsPerSecond / Math.Max(LedgerRowsPerSecond, 1e-9);
    }

    public async Task<Figures> RunAsync(PaymentsBenchOptions options, CancellationToken cancellationToken = default)
    {
        var engine = LedgerBench.ScratchEngine(warehouse, options.Database);
        engine.EnsureDatabaseExists();
        new Migrator(engine).Migrate();
        output.WriteLine($"bench payments: {options.Rows:N0} rows, {options.Rounds} rounds, scratch database '{options.Database}' ({engine.Kind})");
        Directory.CreateDirectory(options.Folder);
        var files = new List<string>();
        try
        {
            var run = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            var organisation = Path.Combine(options.Folder, $"bench-organisation-{run}.csv");
            files.Add(organisation);
            new LedgerGenerator(options.Rows, run).WriteOrganisationCsv(organisation);
            var reference = await new IngestionPipeline(engine).LoadFileAsync(new OrganisationSource(), organisation, cancellationToken);
            if (!reference.Succeeded)
                throw new InvalidOperationException($"The bench organisation reference did not load: {reference.Message}");

            double bestLedger = 0, bestPayments = 0;
            var allLoaded = true;
            for (var round = 1; round <= options.Rounds; round++)
            {
                var label = $"{run}-{round}";
                var ledgerPath = Path.Combine(options.Folder, $"bench-gl-{label}.csv");
                var paymentsPath = Path.Combine(options.Folder, $"bench-payments-{label}.csv");
                files.AddRange([ledgerPath, paymentsPath]);
                new LedgerGenerator(options.Rows, label).WriteCsv(ledgerPath);
                new PaymentsGenerator(options.Rows, label).WriteCsv(paymentsPath);

                await ClearAsync(engine, cancellationToken);
                var ledger = await TimeAsync(engine, new GeneralLedgerSource(), ledgerPath, cancellationToken);
                var payments = await TimeAsync(engine, new SupplierPaymentsSource(), paymentsPath, cancellationToken);
                allLoaded &= ledger.Outcome.Status == LoadStatus.Loaded && payments.Outcome.Status == LoadStatus.Loaded;
                foreach (var (name, load) in new[] { ("ledger", ledger), ("payments", payments) })
                    output.WriteLine($"  round {round} {name,-9} {load.Elapsed.TotalSeconds,8:N2} s   {load.RowsPerSecond,10:N0} rows/s   {load.Outcome.Status}: {load.Outcome.Message}");
                bestLedger = Math.Max(bestLedger, ledger.RowsPerSecond);
                bestPayments = Math.Max(bestPayments, payments.RowsPerSecond);
            }
            var figures = new Figures(options.Rows, bestLedger, bestPayments, allLoaded);
            output.WriteLine($"  best ledger    {figures.LedgerRowsPerSecond,10:N0} rows/s");
            output.WriteLine($"  best payments  {figures.PaymentsRowsPerSecond,10:N0} rows/s");
            output.WriteLine($"  payments/ledger {figures.Share,8:P0}   (target: ≥ {Target:P0}) {(figures.Share >= Target ? "met" : "NOT met")}");
            return figures;
        }
        finally
        {
            if (!options.KeepFiles)
                foreach (var path in files)
                    File.Delete(path);
        }
    }

    private sealed record Timed(TimeSpan Elapsed, LoadOutcome Outcome)
    {
        public double RowsPerSecond => Outcome.RowsLoaded / Math.Max(Elapsed.TotalSeconds, 1e-9);
    }

    private static async Task<Timed> TimeAsync(IWarehouseEngine engine, ISource source, string path, CancellationToken cancellationToken)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var outcome = await new IngestionPipeline(engine).LoadFileAsync(source, path, cancellationToken);
        return new Timed(clock.Elapsed, outcome);
    }

    // Each round loads fresh slices, as a quarter's first file is: earlier rows would make it a restatement.
    private static async Task ClearAsync(IWarehouseEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        foreach (var statement in new[]
                 {
                     "TRUNCATE TABLE dw.fact_ledger", "TRUNCATE TABLE dw.fact_payment", "DELETE FROM dw.payment_slice",
                     "DELETE FROM dw.dim_supplier", "DELETE FROM dw.dim_service_area", "DELETE FROM dw.dim_body",
                 })
            await connection.ExecuteAsync(new CommandDefinition(statement, commandTimeout: 0, cancellationToken: cancellationToken));
    }
}
