using System.Data.Common;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Database;

/// <summary>Migrations and reference data, run against every available engine.</summary>
public abstract class MigrationTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    [SkippableFact]
    public void Migrate_AppliesNothing_WhenRunAgain()
    {
        var result = new Migrator(Provider.Engine).Migrate();

        Assert.Empty(result.AppliedScripts);
        Assert.Empty(new Migrator(Provider.Engine).PendingScripts());
    }

    [SkippableFact]
    public async Task Migrate_RunsEachStep_AfterTheJournaledScriptsAndBeforeTheReferenceData()
    {
        var name = $"wh_scratch_steps_{Environment.ProcessId}";
        var scratch = Provider.Scratch(name);
        var step = new RecordingStep();
        try
        {
            new Migrator(scratch, afterScripts: [step]).Migrate();

            // Every script journaled (the grants a step makes need the roles), no reference row yet.
            Assert.Equal([(0, 0)], step.Seen);
            await using var connection = scratch.CreateConnection();
            Assert.True(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM etl.batch_state") > 0);
        }
        finally
        {
            await Provider.DropScratchAsync(name);
        }
    }

    [SkippableFact]
    public void Migrate_RunsTheSteps_WhenNoScriptIsPending()
    {
        var step = new RecordingStep();

        new Migrator(Provider.Engine, afterScripts: [step]).Migrate();

        // So `migrate` brings a current warehouse's Hangfire schema up to a new Hangfire version.
        Assert.Single(step.Seen);
    }

    [SkippableFact]
    public void MigrateIfPending_RunsNoStep_WhenNoScriptIsPending()
    {
        var step = new RecordingStep();

        new Migrator(Provider.Engine, afterScripts: [step]).MigrateIfPending();

        // The loader's verbs (serve, run, load) do no DDL against an up-to-date warehouse.
        Assert.Empty(step.Seen);
    }

    /// <summary>Records, when it runs, how many scripts were still pending and how many reference rows were there.</summary>
    private sealed class RecordingStep : IMigrationStep
    {
        public List<(int Pending, int BatchStates)> Seen { get; } = [];

        public void Apply(Warehouse.Database.Engines.IWarehouseEngine engine)
        {
            using var connection = engine.CreateConnection();
            Seen.Add((new Migrator(engine).PendingScripts().Count, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM etl.batch_state")));
        }
    }

    [SkippableFact]
    public async Task PeriodDimension_HoldsThirteenPeriodsPerYear_From2015To2030()
    {
        Assert.Equal(16 * 13, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_period"));
        Assert.Equal("2015/16", await Provider.ScalarAsync<string>("SELECT MIN(fiscal_year) FROM dw.dim_period"));
        Assert.Equal("2030/31", await Provider.ScalarAsync<string>("SELECT MAX(fiscal_year) FROM dw.dim_period"));
    }

    [SkippableFact]
    public async Task PeriodDimension_DatesClosedownTo31March()
    {
        await using var connection = await Provider.OpenAsync();
        var closedown = await connection.QuerySingleAsync<(string fiscal_year, string period_label, DateTime period_end)>(
            "SELECT fiscal_year, period_label, period_end FROM dw.dim_period WHERE fiscal_year_start = 2018 AND period = 13");
        var may = await connection.QuerySingleAsync<(string fiscal_year, string period_label, DateTime period_end)>(
            "SELECT fiscal_year, period_label, period_end FROM dw.dim_period WHERE fiscal_year_start = 2018 AND period = 2");

        Assert.Equal(("2018/19", "Closedown 2018/19", new DateTime(2019, 3, 31)), closedown);
        Assert.Equal(("2018/19", "May-18", new DateTime(2018, 5, 31)), may);
    }

    [SkippableTheory]
    [InlineData(20180401, "2018/19", 1, 1, false)]
    [InlineData(20180531, "2018/19", 2, 1, true)]
    [InlineData(20190331, "2018/19", 12, 4, true)]
    [InlineData(20160229, "2015/16", 11, 4, true)]
    [InlineData(20170228, "2016/17", 11, 4, true)]
    [InlineData(20301231, "2030/31", 9, 3, true)]
    public async Task DateDimension_MapsDatesToUkFinancialPeriods(int dateKey, string fiscalYear, int period, int quarter, bool monthEnd)
    {
        await using var connection = await Provider.OpenAsync();
        var row = await connection.QuerySingleAsync<(string fiscal_year, short fiscal_period, short fiscal_quarter, bool is_month_end)>(
            "SELECT fiscal_year, fiscal_period, fiscal_quarter, is_month_end FROM dw.dim_date WHERE date_key = @dateKey", new { dateKey });

        Assert.Equal((fiscalYear, (short)period, (short)quarter, monthEnd), row);
    }

    [SkippableFact]
    public async Task DateDimension_CoversEveryDayOfSixteenYears()
    {
        var days = (new DateTime(2031, 3, 31) - new DateTime(2015, 4, 1)).Days + 1;

        Assert.Equal(days, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.dim_date"));
    }

    [SkippableFact]
    public async Task Reset_KeepsUnknownMembersAndReferenceBatch()
    {
        Assert.Equal("Unknown", await Provider.ScalarAsync<string>("SELECT budget_line FROM dw.dim_organisation WHERE organisation_key = -1"));
        Assert.Equal("UNKNOWN", await Provider.ScalarAsync<string>("SELECT cost_centre_code FROM dw.dim_cost_centre WHERE cost_centre_key = -1"));
        Assert.Equal("reference", await Provider.ScalarAsync<string>("SELECT source FROM etl.batch WHERE batch_id = 0"));
    }

    [SkippableFact]
    public async Task OrganisationDimension_RejectsSecondVersionWithSameStart()
    {
        await using var connection = await Provider.OpenAsync();
        const string insert = """
            INSERT INTO dw.dim_organisation (budget_line_code, budget_line, service_group, directorate, line_type, dsg_funded,
                pooled_budget, sort_order, valid_from, valid_to, is_current, batch_id)
            VALUES ('L0101', 'Carers', NULL, 'Adults & Safeguarding', 'expenditure', @no, NULL, 1, @from, @to, @yes, 0)
            """;
        var values = new { no = false, yes = true, from = new DateTime(2018, 4, 1), to = new DateTime(9999, 12, 31) };
        await connection.ExecuteAsync(insert, values);

        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(insert, values));
    }

    [SkippableFact]
    public async Task Batch_RejectsStateOutsideTheLifecycle()
    {
        await using var connection = await Provider.OpenAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(
            "INSERT INTO etl.batch (source, state, started_utc) VALUES ('finance', 'half-done', @now)", new { now = DateTimeOffset.UtcNow }));
    }

    [SkippableFact]
    public async Task BatchStates_AreTheStatesALoadEnters()
    {
        await using var connection = await Provider.OpenAsync();
        var states = (await connection.QueryAsync<string>("SELECT state FROM etl.batch_state ORDER BY sort_order")).ToList();

        Assert.Equal(["received", "waiting", "extracting", "loaded", "rejected", "failed", "superseded", "duplicate"], states);
    }

    [SkippableFact]
    public async Task ReaderRole_SelectsPublishedViews_ButNotTheStarSchema()
    {
        Assert.True(await Provider.RoleCanSelectAsync("warehouse_reader", "powerbi", "dim_period"));
        Assert.True(await Provider.RoleCanSelectAsync("warehouse_reader", "report", "load_status"));
        Assert.False(await Provider.RoleCanSelectAsync("warehouse_reader", "dw", "dim_period"));
        Assert.False(await Provider.RoleCanSelectAsync("warehouse_reader", "etl", "batch"));
    }

    [SkippableFact]
    public async Task Batch_ReadsTheCommittedState_WhileALoadHoldsItsRow()
    {
        await using var load = await Provider.OpenAsync();
        await using var transaction = await load.BeginTransactionAsync();
        await load.ExecuteAsync("UPDATE etl.batch SET message = 'loading' WHERE batch_id = 0", transaction: transaction);
        await using var reader = await Provider.OpenAsync();

        // Under SQL Server's locking READ COMMITTED this waits for the load's commit and times out.
        var message = await reader.ExecuteScalarAsync<string>(new CommandDefinition("SELECT message FROM etl.batch WHERE batch_id = 0", commandTimeout: 5));

        Assert.Equal("Reference data from migrations", message);
        await transaction.RollbackAsync();
    }

    [SkippableFact]
    public async Task LoaderRole_SelectsTheStarSchema()
    {
        Assert.True(await Provider.RoleCanSelectAsync("warehouse_loader", "dw", "dim_organisation"));
        Assert.True(await Provider.RoleCanSelectAsync("warehouse_loader", "etl", "batch"));
    }

    private Task<int> ViewCountAsync(string schema, string name) => Provider.ScalarAsync<int>(
        "SELECT COUNT(*) FROM information_schema.views WHERE table_schema = @schema AND table_name = @name", new { schema, name });

    [SkippableFact]
    public async Task Migrate_RecreatesTheViews_AndDropsAViewNoFileDefines()
    {
        await Provider.ExecuteAsync("DROP VIEW report.portfolio_rag_counts");
        await Provider.ExecuteAsync("CREATE VIEW report.stray_view AS SELECT 1 AS x");

        var result = new Migrator(Provider.Engine).Migrate();

        Assert.Empty(result.AppliedScripts); // the view groups run every time but are not journaled
        Assert.Equal(1, await ViewCountAsync("report", "portfolio_rag_counts"));
        Assert.Equal(0, await ViewCountAsync("report", "stray_view"));
        Assert.Equal(Migrator.Views(Provider.Kind).Count, await Provider.ScalarAsync<int>(
            "SELECT COUNT(*) FROM information_schema.views WHERE table_schema IN ('dw', 'report', 'powerbi')"));
        // Read rights cover the re-created views (default privileges on PostgreSQL, schema grants on SQL Server).
        Assert.True(await Provider.RoleCanSelectAsync("warehouse_reader", "report", "portfolio_rag_counts"));
        Assert.True(await Provider.RoleCanSelectAsync("warehouse_reader", "powerbi", "fact_revenue_monitoring"));
    }

    [SkippableFact]
    public async Task MigrateIfPending_DoesNoDdl_WhenOnlyTheRunAlwaysGroupsWouldRun()
    {
        await Provider.ExecuteAsync("CREATE VIEW report.stray_view AS SELECT 1 AS x");
        try
        {
            Assert.Empty(new Migrator(Provider.Engine).PendingScripts());

            var result = new Migrator(Provider.Engine).MigrateIfPending();

            Assert.Empty(result.AppliedScripts);
            Assert.Equal(1, await ViewCountAsync("report", "stray_view"));
        }
        finally
        {
            await Provider.ExecuteAsync("DROP VIEW report.stray_view");
        }
    }

    [SkippableFact]
    public async Task ReferenceData_RestoresChangedRows_DeletesUnlistedDefects_AndKeepsOtherUnlistedRows()
    {
        await Provider.ExecuteAsync("UPDATE dw.published_figure SET value_k = 1, note = 'typed over' WHERE period_key = 201802 AND scope = 'Total' AND measure = 'published budget'");
        await Provider.ExecuteAsync("UPDATE etl.batch_state SET description = 'changed' WHERE state = 'loaded'");
        await Provider.ExecuteAsync("""
            INSERT INTO etl.accepted_source_defect (source, fiscal_year_start, period, service_area, code, measure, printed_value, note)
            VALUES ('adult-services-return', 2017, 1, 'LD', 'total_net', 'variance', 1, 'no longer accepted')
            """);
        await Provider.ExecuteAsync("INSERT INTO dw.published_figure (period_key, source, measure, scope, value_k, tolerance_k, note, batch_id) VALUES (201901, 'finance-gl', 'published budget', 'Total', 5, 3, 'a figure a DBA added', 0)");
        await Provider.ExecuteAsync("UPDATE dw.dim_organisation SET budget_line = 'Unknown line' WHERE organisation_key = -1");

        new Migrator(Provider.Engine).ApplyReferenceData();
        new Migrator(Provider.Engine).ApplyReferenceData(); // converges: a second run changes nothing

        Assert.Equal(239329m, await Provider.ScalarAsync<decimal>("SELECT value_k FROM dw.published_figure WHERE period_key = 201802 AND scope = 'Total' AND measure = 'published budget'"));
        Assert.Equal("Loaded and reconciled", await Provider.ScalarAsync<string>("SELECT description FROM etl.batch_state WHERE state = 'loaded'"));
        // The defects file is the whole table: as many rows as it lists (its header line aside).
        var listed = File.ReadLines(RepositoryPaths.Combine("database", "Scripts", "reference", "0200_activity_accepted_defects.csv"))
            .Count(line => line.Length > 0 && !line.StartsWith('#')) - 1;
        Assert.Equal(listed, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM etl.accepted_source_defect"));
        Assert.Equal(88, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.published_figure"));
        // Unknown members are inserted when missing and otherwise left as they are.
        Assert.Equal("Unknown line", await Provider.ScalarAsync<string>("SELECT budget_line FROM dw.dim_organisation WHERE organisation_key = -1"));
    }
}

public sealed class PostgresMigrationTests : MigrationTests<PostgresProvider>;

public sealed class SqlServerMigrationTests : MigrationTests<SqlServerProvider>;
