using Warehouse.Etl.Core.Writing;

namespace Warehouse.Tests.Database;

/// <summary>Bulk copy through the engine seam: binary COPY on PostgreSQL, SqlBulkCopy on SQL Server.</summary>
public abstract class BulkCopyTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private sealed record Mapping(int Row, int Year, string From, string To, string? Note);

    private static readonly IReadOnlyList<StagingColumn<Mapping>> Columns =
    [
        StagingColumn<Mapping>.Of("batch_id", _ => 7),
        StagingColumn<Mapping>.Of("source_row", m => m.Row),
        // An int into a smallint column: the seam converts, as SqlBulkCopy does.
        StagingColumn<Mapping>.Of("effective_fiscal_year", m => m.Year),
        StagingColumn<Mapping>.Of("from_budget_line_code", m => m.From),
        StagingColumn<Mapping>.Of("to_budget_line_code", m => m.To),
        StagingColumn<Mapping>.Of("change_type", _ => "renamed"),
        StagingColumn<Mapping>.Of("note", m => m.Note),
    ];

    [SkippableFact]
    public async Task BulkCopy_StreamsEveryRow_WithNullsAndNarrowerColumnTypes()
    {
        var rows = Enumerable.Range(1, 5000).Select(i => new Mapping(i, 2018, $"L{i}", $"M{i}", i % 2 == 0 ? null : "moved"));
        await using var connection = await Provider.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();

        var copied = await Provider.Engine.BulkCopyAsync(connection, tx, "stg.line_mapping", Columns.Select(c => c.Name).ToList(),
            new RowReader<Mapping>(rows, Columns));
        await tx.CommitAsync();

        Assert.Equal(5000, copied);
        Assert.Equal(5000, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM stg.line_mapping WHERE effective_fiscal_year = 2018"));
        Assert.Equal(2500, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM stg.line_mapping WHERE note IS NULL"));
        Assert.Equal("M4999", await Provider.ScalarAsync<string>("SELECT to_budget_line_code FROM stg.line_mapping WHERE source_row = 4999"));
    }

    private sealed record Noted(int Id, string? Note);

    [SkippableFact]
    public async Task BulkCopy_KeepsNull_WhenTheColumnHasADefault()
    {
        await using var connection = await Provider.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        // A scratch table in the caller's transaction (DDL is transactional on both engines): rolled back, nothing stays.
        await connection.ExecuteAsync(
            "CREATE TABLE stg.bulk_copy_default (id int NOT NULL, note varchar(20) DEFAULT 'defaulted' NULL)", transaction: tx);
        IReadOnlyList<StagingColumn<Noted>> columns = [StagingColumn<Noted>.Of("id", n => n.Id), StagingColumn<Noted>.Of("note", n => n.Note)];

        await Provider.Engine.BulkCopyAsync(connection, tx, "stg.bulk_copy_default", ["id", "note"],
            new RowReader<Noted>([new Noted(1, null), new Noted(2, "given")], columns));

        var notes = (await connection.QueryAsync<(int id, string? note)>("SELECT id, note FROM stg.bulk_copy_default ORDER BY id", transaction: tx)).ToList();
        await tx.RollbackAsync();
        Assert.Equal([(1, null), (2, "given")], notes);
    }

    private sealed record Awkward(int Id, string? Note, decimal? Amount);

    // Whole numbers, decimals and text are the rows PostgreSQL copies as csv text written by hand: every value
    // must come back exactly, the quoting characters, an empty text and a null included.
    [SkippableFact]
    public async Task BulkCopy_KeepsEveryTextAndFigureExactly_WhenTheRowsAreWholeNumbersDecimalsAndText()
    {
        Awkward[] rows =
        [
            new(1, "a \"quoted\" name, with a comma", -0.01m),
            new(2, "two\nlines\r\nand \\ a backslash", 12345678901234567.89m),
            new(3, "", 0m),
            new(4, null, null),
            new(5, " padded ", 100m),
            new(6, "NULL", -1234.5m),
        ];
        IReadOnlyList<StagingColumn<Awkward>> columns =
            [StagingColumn<Awkward>.Of("id", r => r.Id), StagingColumn<Awkward>.Of("note", r => r.Note), StagingColumn<Awkward>.Of("amount", r => r.Amount)];
        await using var connection = await Provider.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "CREATE TABLE stg.bulk_copy_text (id int NOT NULL, note varchar(40) NULL, amount numeric(19,2) NULL)", transaction: tx);

        var copied = await Provider.Engine.BulkCopyAsync(connection, tx, "stg.bulk_copy_text", ["id", "note", "amount"],
            new RowReader<Awkward>(rows, columns));

        var back = (await connection.QueryAsync<(int id, string? note, decimal? amount)>(
            "SELECT id, note, amount FROM stg.bulk_copy_text ORDER BY id", transaction: tx)).ToList();
        await tx.RollbackAsync();
        Assert.Equal(6, copied);
        Assert.Equal(rows.Select(r => (r.Id, r.Note, r.Amount)), back);
    }

    [SkippableFact]
    public async Task BulkCopy_WritesNothing_WhenTheTransactionRollsBack()
    {
        await using var connection = await Provider.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await Provider.Engine.BulkCopyAsync(connection, tx, "stg.line_mapping", Columns.Select(c => c.Name).ToList(),
                new RowReader<Mapping>([new Mapping(1, 2018, "A", "B", null)], Columns));
            await tx.RollbackAsync();
        }

        Assert.Equal(0, await Provider.ScalarAsync<int>("SELECT COUNT(*) FROM stg.line_mapping"));
    }
}

public sealed class PostgresBulkCopyTests : BulkCopyTests<PostgresProvider>;

public sealed class SqlServerBulkCopyTests : BulkCopyTests<SqlServerProvider>;
