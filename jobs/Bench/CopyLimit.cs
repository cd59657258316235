using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Warehouse.Jobs.Bench;

/// <summary>
/// The physical limit a ledger load is measured against: the csv's data rows (between its header and its Total
/// row) sent to the server as they are, <c>COPY … FROM STDIN (FORMAT csv)</c> into a table with the file's seven
/// columns and no index, key or check, nothing parsed on the client. That is what <c>psql \copy</c> does; the
/// server's own parsing and writing of the same bytes is the floor any load of them pays. PostgreSQL only.
/// </summary>
public static class CopyLimit
{
    private const string Table = "public.bench_copy_limit";

    public static async Task<(TimeSpan Elapsed, long Rows)> MeasureAsync(string connectionString, string csvPath, CancellationToken cancellationToken)
    {
        var (start, end) = DataRows(csvPath);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, $"DROP TABLE IF EXISTS {Table}", cancellationToken);
        await Execute(connection, $"""
            CREATE TABLE {Table} (cost_centre_code varchar(20) NOT NULL, account_code varchar(20) NOT NULL, account_name varchar(100) NULL,
                fiscal_year varchar(10) NOT NULL, period integer NOT NULL, budget numeric(19,2) NOT NULL, actual numeric(19,2) NOT NULL)
            """, cancellationToken);
        var clock = Stopwatch.StartNew();
        await using (var file = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            file.Position = start;
            await using var copy = await connection.BeginTextImportAsync($"COPY {Table} FROM STDIN (FORMAT csv)", cancellationToken);
            var decoder = Encoding.UTF8.GetDecoder();
            var bytes = new byte[1 << 16];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            for (var left = end - start; left > 0;)
            {
                var read = await file.ReadAsync(bytes.AsMemory(0, (int)Math.Min(bytes.Length, left)), cancellationToken);
                if (read == 0)
                    break;
                left -= read;
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: left == 0);
                await copy.WriteAsync(chars.AsMemory(0, count), cancellationToken);
            }
        }
        var elapsed = clock.Elapsed;
        long rows;
        await using (var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {Table}", connection))
            rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await Execute(connection, $"DROP TABLE {Table}", cancellationToken);
        return (elapsed, rows);
    }

    /// <summary>The byte range of the data rows: after the title and header lines, before the Total row.</summary>
    public static (long Start, long End) DataRows(string csvPath)
    {
        using var file = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long start = 0;
        for (var lines = 0; lines < 2;)
        {
            var b = file.ReadByte();
            if (b < 0)
                throw new InvalidDataException($"{csvPath} has no data rows.");
            start++;
            if (b == '\n')
                lines++;
        }
        // The Total row is the last line: find the line break before it, reading backwards from the end.
        var end = file.Length;
        var tail = new byte[Math.Min(4096, file.Length - start)];
        file.Position = file.Length - tail.Length;
        file.ReadExactly(tail);
        var last = tail.Length - 1;
        if (tail[last] == '\n')
            last--;
        for (var i = last; i >= 0; i--)
            if (tail[i] == '\n')
            {
                end = file.Length - tail.Length + i + 1;
                break;
            }
        return (start, end);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
