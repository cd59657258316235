using System.Data.Common;
using System.Text;
using Dapper;
using DbUp;
using DbUp.Builder;
using Npgsql;
using NpgsqlTypes;

namespace Warehouse.Database.Engines;

public sealed class PostgreSqlEngine(string connectionString) : IWarehouseEngine
{
    public EngineKind Kind => EngineKind.PostgreSql;
    public string ConnectionString { get; } = connectionString;

    public DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    public string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public void EnsureDatabaseExists()
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database
                       ?? throw new InvalidOperationException("The Warehouse connection string names no database.");
        // Unpooled: an idle admin connection left in the pool would hold the postgres database for nothing.
        var admin = new NpgsqlConnectionStringBuilder(WithDatabase("postgres")) { Pooling = false };
        using var connection = new NpgsqlConnection(admin.ConnectionString);
        connection.Open();
        var exists = connection.ExecuteScalar<int?>("SELECT 1 FROM pg_database WHERE datname = @database", new { database });
        if (exists is null)
            connection.Execute($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\" ENCODING 'UTF8'");
    }

    // Nothing to prepare: under MVCC a reader sees the last committed rows and never waits for a load's locks.
    public string? PrepareDatabase() => null;

    public UpgradeEngineBuilder DbUpBuilder() => DeployChanges.To.PostgresqlDatabase(ConnectionString);

    public async Task<long> BulkCopyAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken = default)
    {
        var npgsql = (NpgsqlConnection)connection;
        var columnTypes = await ColumnTypesAsync(npgsql, table, columns, cancellationToken);
        var copy = new StringBuilder($"COPY {table} (");
        copy.Append(string.Join(", ", columns.Select(c => $"\"{c}\""))).Append(") FROM STDIN (FORMAT BINARY)");
        var ordinals = columns.Select(rows.GetOrdinal).ToArray();
        long count = 0;
        await using (var importer = await npgsql.BeginBinaryImportAsync(copy.ToString(), cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < ordinals.Length; i++)
                {
                    if (rows.IsDBNull(ordinals[i]))
                    {
                        await importer.WriteNullAsync(cancellationToken);
                        continue;
                    }
                    var value = Coerce(rows.GetValue(ordinals[i]), columnTypes[i].Type);
                    if (value is string text && columnTypes[i].MaxLength is { } maxLength && text.Length > maxLength)
                        throw new ValueTooLongException(table, columns[i], maxLength, text);
                    await importer.WriteAsync(value, columnTypes[i].Type, cancellationToken);
                }
                count++;
            }
            await importer.CompleteAsync(cancellationToken);
        }
        return count;
    }

    // Binary COPY needs each value's exact server type, and text its length limit; ask the catalogue once per copy.
    private static async Task<(NpgsqlDbType Type, int? MaxLength)[]> ColumnTypesAsync(NpgsqlConnection connection, string table,
        IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var parts = table.Replace("\"", "").Split('.');
        var rows = (await connection.QueryAsync<(string column_name, string data_type, int? character_maximum_length)>(new CommandDefinition(
            "SELECT column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_schema = @schema AND table_name = @name",
            new { schema = parts[0], name = parts[1] }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.column_name, r => (MapType(r.data_type), r.character_maximum_length));
        return columns.Select(c => rows.TryGetValue(c, out var type)
            ? type
            : throw new InvalidOperationException($"Column {c} is not in {table}.")).ToArray();
    }

    // Binary COPY is strict about CLR types (an int will not go into a smallint): convert to the column's type,
    // as SqlBulkCopy does on SQL Server, so sources need not care which engine they stage into.
    private static object Coerce(object value, NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Smallint when value is not short => Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture),
        NpgsqlDbType.Integer when value is not int => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
        NpgsqlDbType.Bigint when value is not long => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        NpgsqlDbType.Numeric when value is not decimal => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
        NpgsqlDbType.Boolean when value is not bool => Convert.ToBoolean(value, System.Globalization.CultureInfo.InvariantCulture),
        NpgsqlDbType.Date when value is DateTimeOffset offset => offset.Date,
        NpgsqlDbType.Varchar or NpgsqlDbType.Text or NpgsqlDbType.Char when value is not string =>
            Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        _ => value,
    };

    private static NpgsqlDbType MapType(string dataType) => dataType switch
    {
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "smallint" => NpgsqlDbType.Smallint,
        "numeric" => NpgsqlDbType.Numeric,
        "boolean" => NpgsqlDbType.Boolean,
        "date" => NpgsqlDbType.Date,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "timestamp without time zone" => NpgsqlDbType.Timestamp,
        "character" => NpgsqlDbType.Char,
        "text" => NpgsqlDbType.Text,
        "character varying" => NpgsqlDbType.Varchar,
        "double precision" => NpgsqlDbType.Double,
        _ => throw new NotSupportedException($"Bulk copy does not map the PostgreSQL type '{dataType}'."),
    };

    public async Task<int> InsertReturningIdentityAsync(DbConnection connection, DbTransaction? transaction, string table, string identityColumn,
        IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        var (into, valueList) = SqlIdentifiers.Insert(table, values.Keys);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"{into} {valueList} RETURNING {SqlIdentifiers.Checked(identityColumn)}",
            SqlIdentifiers.Parameters(values), transaction, cancellationToken: cancellationToken));
    }

    public async Task<bool> TryAcquireLoadLockAsync(DbConnection connection, DbTransaction transaction, string resource,
        CancellationToken cancellationToken = default) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT pg_try_advisory_xact_lock(hashtextextended(@resource, 0))", new { resource }, transaction, cancellationToken: cancellationToken));

    // ANALYZE samples the rows this transaction wrote; it needs the table's owner (a warning, not an error, otherwise).
    public Task RefreshStatisticsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition($"ANALYZE {table}", transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));

    public bool IsUniqueViolation(Exception failure) =>
        ExceptionChain.Find<PostgresException>(failure, e => e.SqlState == PostgresErrorCodes.UniqueViolation) is not null;

    public string? DataFault(Exception failure)
    {
        if (ExceptionChain.Find<PostgresException>(failure, e => e.SqlState.StartsWith("22", StringComparison.Ordinal)
                || e.SqlState is PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.NotNullViolation or PostgresErrorCodes.CheckViolation)
            is not { } data)
            return null;
        var column = data.ColumnName ?? ColumnOfCopy(data.Where);
        var reason = data.SqlState switch
        {
            PostgresErrorCodes.NumericValueOutOfRange => "holds a figure too large for the warehouse",
            PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
                "holds a character the warehouse cannot store (a NUL byte, or text in another encoding)",
            PostgresErrorCodes.StringDataRightTruncation => "holds a text longer than the warehouse holds",
            PostgresErrorCodes.ForeignKeyViolation => "refers to something the warehouse does not hold (a period outside its calendar, or a code not loaded)",
            PostgresErrorCodes.NotNullViolation => "leaves empty a value the warehouse requires",
            PostgresErrorCodes.CheckViolation => "holds a value outside the range the warehouse allows",
            _ => "holds a value the warehouse cannot store",
        };
        return column is null ? $"the file {reason}" : $"the file {reason} (warehouse column {column})";
    }

    // COPY errors say where: "COPY fact_ledger, line 5, column amount: ...".
    private static string? ColumnOfCopy(string? where)
    {
        if (where is null)
            return null;
        var at = where.IndexOf(", column ", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var rest = where[(at + 9)..];
        var end = rest.IndexOf(':');
        return end < 0 ? rest.Trim() : rest[..end].Trim();
    }
}
