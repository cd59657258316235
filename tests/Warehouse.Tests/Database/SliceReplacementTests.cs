using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Writing;

namespace Warehouse.Tests.Database;

/// <summary>
/// Replacing one period of dw.fact_ledger through the seam: a new partition swapped in on PostgreSQL, delete and
/// bulk copy on SQL Server. Batch 0 (the reference batch every migrated database holds) is the lineage.
/// </summary>
public abstract class SliceReplacementTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private sealed record Line(int Period, int CostCentre, string Account, decimal Budget);

    private static readonly IReadOnlyList<StagingColumn<Line>> Columns =
    [
        StagingColumn<Line>.Of("period_key", l => l.Period),
        StagingColumn<Line>.Of("cost_centre_key", l => l.CostCentre),
        StagingColumn<Line>.Of("account_code", l => l.Account),
        StagingColumn<Line>.Of("account_name", _ => (string?)null),
        StagingColumn<Line>.Of("budget", l => l.Budget),
        StagingColumn<Line>.Of("actual", _ => 0m),
        StagingColumn<Line>.Of("batch_id", _ => 0),
    ];

    private static IEnumerable<Line> Lines(int period, int count, decimal budget) =>
        Enumerable.Range(1, count).Select(i => new Line(period, i, $"A{i}", budget));

    private async Task ReplaceAsync(int period, IEnumerable<Line> lines, bool commit = true)
    {
        await using var connection = await Provider.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await Provider.Engine.ReplaceSliceAsync(connection, tx, new TableSlice("dw.fact_ledger", "period_key", period),
            Columns.Select(c => c.Name).ToList(), new RowReader<Line>(lines, Columns));
        if (commit)
            await tx.CommitAsync();
        else
            await tx.RollbackAsync();
    }

    private Task<decimal> BudgetAsync(int period) =>
        Provider.ScalarAsync<decimal>("SELECT COALESCE(SUM(budget), 0) FROM dw.fact_ledger WHERE period_key = @period", new { period });

    // The tables that hold the period on PostgreSQL: its attached slice and any table left beside it (an incoming one).
    private Task<int> SlicesAsync(int period) => Provider.Engine.Kind == EngineKind.PostgreSql
        ? Provider.ScalarAsync<int>("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'slice' AND tablename LIKE @name",
            new { name = $"fact\\_ledger\\_{period}%" })
        : Task.FromResult(0);

    [SkippableFact]
    public async Task ReplaceSlice_ReplacesOnlyItsPeriod_WhenThePeriodIsRestated()
    {
        await ReplaceAsync(201805, Lines(201805, 300, 10m));
        await ReplaceAsync(201806, Lines(201806, 200, 5m));

        await ReplaceAsync(201805, Lines(201805, 100, 7m));

        Assert.Equal(700m, await BudgetAsync(201805));
        Assert.Equal(100, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_ledger WHERE period_key = 201805"));
        Assert.Equal(1000m, await BudgetAsync(201806));
        if (Provider.Engine.Kind == EngineKind.PostgreSql)
        {
            Assert.Equal(1, await SlicesAsync(201805)); // the old slice was dropped and no incoming table is left
            Assert.Equal(1, await Provider.ScalarAsync<int>("""
                SELECT COUNT(*) FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'dw.fact_ledger'::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'FOR VALUES IN (201805)'
                """));
        }
    }

    [SkippableFact]
    public async Task ReplaceSlice_LeavesTheOldSlice_WhenTheNewRowsRepeatAKey()
    {
        await ReplaceAsync(201805, Lines(201805, 50, 10m));
        var slices = await SlicesAsync(201805);
        var repeated = Lines(201805, 40, 1m).Append(new Line(201805, 3, "A3", 1m));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ReplaceAsync(201805, repeated));

        Assert.True(Provider.Engine.IsUniqueViolation(failure), failure.ToString());
        Assert.Equal(500m, await BudgetAsync(201805));
        Assert.Equal(slices, await SlicesAsync(201805));
    }

    [SkippableFact]
    public async Task ReplaceSlice_RefusesARowOfAnotherPeriod_AndLeavesTheOldSlice()
    {
        await ReplaceAsync(201805, Lines(201805, 50, 10m));
        var slices = await SlicesAsync(201805);
        var stray = Lines(201805, 40, 1m).Append(new Line(201806, 999, "A999", 1m));

        await Assert.ThrowsAnyAsync<Exception>(() => ReplaceAsync(201805, stray));

        Assert.Equal(500m, await BudgetAsync(201805));
        Assert.Equal(0m, await BudgetAsync(201806));
        Assert.Equal(slices, await SlicesAsync(201805));
        if (Provider.Engine.Kind == EngineKind.PostgreSql)
            // The attached slice carries its bound as a CHECK, so an attach needs no scan to prove it.
            Assert.Equal("CHECK (((period_key IS NOT NULL) AND (period_key = 201805)))", await Provider.ScalarAsync<string>(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'slice.fact_ledger_201805'::regclass AND contype = 'c'"));
    }

    [SkippableFact]
    public async Task ReplaceSlice_LeavesNothing_WhenTheTransactionRollsBack()
    {
        await ReplaceAsync(201805, Lines(201805, 20, 10m));

        await ReplaceAsync(201805, Lines(201805, 5, 1m), commit: false);
        await ReplaceAsync(201807, Lines(201807, 5, 1m), commit: false);

        Assert.Equal(200m, await BudgetAsync(201805));
        Assert.Equal(0m, await BudgetAsync(201807));
    }

    [SkippableFact]
    public async Task ReplaceSlice_ShowsAnotherSessionTheOldSliceOrMakesItWait_NeverTheNewOneBeforeCommit()
    {
        await ReplaceAsync(201805, Lines(201805, 20, 10m));
        await using var loader = await Provider.OpenAsync();
        await using var tx = await loader.BeginTransactionAsync();
        await Provider.Engine.ReplaceSliceAsync(loader, tx, new TableSlice("dw.fact_ledger", "period_key", 201805),
            Columns.Select(c => c.Name).ToList(), new RowReader<Line>(Lines(201805, 5, 1m), Columns));

        decimal? seen;
        await using (var reader = await Provider.OpenAsync())
        {
            var timeout = Provider.Engine.Kind == EngineKind.PostgreSql ? "SET lock_timeout = '300ms'" : "SET LOCK_TIMEOUT 300";
            await reader.ExecuteAsync(timeout);
            try
            {
                seen = await reader.ExecuteScalarAsync<decimal>("SELECT COALESCE(SUM(budget), 0) FROM dw.fact_ledger WHERE period_key = 201805");
            }
            catch (System.Data.Common.DbException)
            {
                seen = null; // it waited for the swap's lock: also not a half-loaded period
            }
        }
        await tx.CommitAsync();

        Assert.True(seen is null or 200m, $"a reader saw {seen} before the load committed");
        Assert.Equal(5m, await BudgetAsync(201805));
    }
}

public sealed class PostgresSliceReplacementTests : SliceReplacementTests<PostgresProvider>;

public sealed class SqlServerSliceReplacementTests : SliceReplacementTests<SqlServerProvider>;
