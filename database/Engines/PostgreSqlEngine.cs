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

    public bool NamesOwnDatabase(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return string.Equals(builder.Database ?? builder.Username, database, StringComparison.Ordinal);
    }

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

    public Task<long> BulkCopyAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken = default) =>
        CopyAsync((NpgsqlConnection)connection, table, table, columns, rows, freeze: false, cancellationToken);

    /// <summary>
    /// Binary COPY of <paramref name="rows"/> into <paramref name="table"/>, with the column types of
    /// <paramref name="typesOf"/> (the same table, or the partitioned table a new slice is made like). Each
    /// column's writer is chosen once: a value the reader can hand over typed (int, decimal, string) goes to the
    /// importer without boxing, through its synchronous writes, which only touch the socket when the buffer is
    /// full; anything else is converted as before. FREEZE (for a table created in this transaction) writes the
    /// rows already frozen, so the first query after the load does not rewrite every page to set hint bits.
    /// </summary>
    private static async Task<long> CopyAsync(NpgsqlConnection connection, string table, string typesOf,
        IReadOnlyList<string> columns, DbDataReader rows, bool freeze, CancellationToken cancellationToken)
    {
        var columnTypes = await ColumnTypesAsync(connection, typesOf, columns, cancellationToken);
        if (CsvCopy.Fits(columnTypes.Select(c => c.Type).ToList(), columns.Select(c => rows.GetFieldType(rows.GetOrdinal(c))).ToList()))
            return await CsvCopy.RunAsync(connection, table, columns, columnTypes, rows, freeze, cancellationToken);
        var copy = new StringBuilder($"COPY {table} (");
        copy.Append(string.Join(", ", columns.Select(c => $"\"{c}\""))).Append(freeze ? ") FROM STDIN (FORMAT BINARY, FREEZE)" : ") FROM STDIN (FORMAT BINARY)");
        var writers = columns.Select((column, i) => ColumnWriter(table, column, rows.GetOrdinal(column), rows.GetFieldType(rows.GetOrdinal(column)),
            columnTypes[i].Type, columnTypes[i].MaxLength)).ToArray();
        long count = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(copy.ToString(), cancellationToken))
        {
            while (rows.Read())
            {
                if ((count & 0xFFF) == 0)
                    cancellationToken.ThrowIfCancellationRequested();
                importer.StartRow();
                foreach (var write in writers)
                    write(importer, rows);
                count++;
            }
            await importer.CompleteAsync(cancellationToken);
        }
        return count;
    }

    private static Action<NpgsqlBinaryImporter, DbDataReader> ColumnWriter(string table, string column, int ordinal, Type fieldType,
        NpgsqlDbType type, int? maxLength) => (type, fieldType) switch
    {
        (NpgsqlDbType.Integer, _) when fieldType == typeof(int) => (importer, rows) =>
        {
            if (rows.IsDBNull(ordinal)) importer.WriteNull();
            else importer.Write(rows.GetInt32(ordinal), NpgsqlDbType.Integer);
        },
        (NpgsqlDbType.Numeric, _) when fieldType == typeof(decimal) => (importer, rows) =>
        {
            if (rows.IsDBNull(ordinal)) importer.WriteNull();
            else importer.Write(rows.GetDecimal(ordinal), NpgsqlDbType.Numeric);
        },
        (NpgsqlDbType.Varchar or NpgsqlDbType.Text, _) when fieldType == typeof(string) => (importer, rows) =>
        {
            if (rows.IsDBNull(ordinal))
            {
                importer.WriteNull();
                return;
            }
            var text = rows.GetString(ordinal);
            if (maxLength is { } limit && text.Length > limit)
                throw new ValueTooLongException(table, column, limit, text);
            importer.Write(text, type);
        },
        _ => (importer, rows) =>
        {
            if (rows.IsDBNull(ordinal))
            {
                importer.WriteNull();
                return;
            }
            var value = Coerce(rows.GetValue(ordinal), type);
            if (value is string text && maxLength is { } limit && text.Length > limit)
                throw new ValueTooLongException(table, column, limit, text);
            importer.Write(value, type);
        },
    };

    /// <summary>
    /// A partitioned fact (dw.fact_ledger, by period) gets its slice as a new table: created like the parent but
    /// with no index, filled by one frozen COPY, indexed once over all its rows (sorted, not row by row), analysed,
    /// and then put in place of the old slice (detached and dropped) with ATTACH PARTITION. All of it is inside
    /// the caller's transaction: a rejected or failed load rolls the new table back and the old slice stays, and
    /// readers see the old slice until commit (the detach holds the parent's lock only for the last moments of
    /// a restatement). A table that is not partitioned gets the old shape: DELETE of the slice and COPY into it.
    /// </summary>
    public async Task<long> ReplaceSliceAsync(DbConnection connection, DbTransaction transaction, TableSlice slice,
        IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken = default, Action<string>? step = null)
    {
        var npgsql = (NpgsqlConnection)connection;
        var parent = SqlIdentifiers.Checked(slice.Table);
        var keyColumn = SqlIdentifiers.Checked(slice.KeyColumn);
        var shape = await npgsql.QuerySingleAsync<(string kind, bool owned)>(new CommandDefinition(
            "SELECT relkind::text, pg_has_role(relowner, 'USAGE') FROM pg_class WHERE oid = @table::regclass",
            new { table = slice.Table }, transaction, cancellationToken: cancellationToken));
        if (shape.kind == "p" && !shape.owned)
            throw new WarehouseConfigurationException(
                $"The login that loads must own {slice.Table}: a load swaps in the period's slice with ATTACH PARTITION, which PostgreSQL allows only to the table's owner. " +
                "Load with the login that ran the migrations, or make the loading login the owner of the warehouse's tables.");
        if (shape.kind != "p")
        {
            await npgsql.ExecuteAsync(new CommandDefinition($"DELETE FROM {parent} WHERE {keyColumn} = @key", new { key = slice.Key },
                transaction, commandTimeout: 0, cancellationToken: cancellationToken));
            var copied = await CopyAsync(npgsql, parent, parent, columns, rows, freeze: false, cancellationToken);
            await RefreshStatisticsAsync(connection, transaction, parent, cancellationToken);
            return copied;
        }

        var name = slice.Table.Split('.')[^1];
        var partition = $"{SliceSchema}.{name}_{slice.Key}";
        var incoming = $"{SliceSchema}.{name}_{slice.Key}_incoming";
        // The sort for the index build runs in memory rather than in temporary files (a million rows need ≈ 100 MB).
        await ExecuteAsync($"SET LOCAL maintenance_work_mem = '{SliceSortMemory}'");
        // The slice's bound as a CHECK, checked row by row as the COPY writes (next to nothing): ATTACH then knows
        // every row is in the partition and skips the scan it would make under the parent's lock (0.6 s at 10M rows).
        await ExecuteAsync($"CREATE TABLE {incoming} (LIKE {parent} INCLUDING DEFAULTS INCLUDING CONSTRAINTS, " +
                           $"CONSTRAINT {name}_{slice.Key}_bound CHECK ({keyColumn} IS NOT NULL AND {keyColumn} = {slice.Key}))");
        var count = await CopyAsync(npgsql, incoming, parent, columns, rows, freeze: true, cancellationToken);
        step?.Invoke("rows read, checked and copied into the new slice");
        // The parent's keys and indexes, so ATTACH finds them built and does not build them under the parent's lock.
        // A repeated key fails here (unique violation), before the old slice is touched.
        var keys = (await npgsql.QueryAsync<string>(new CommandDefinition(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = @table::regclass AND contype IN ('p', 'u') ORDER BY conname",
            new { table = slice.Table }, transaction, cancellationToken: cancellationToken))).ToList();
        for (var k = 0; k < keys.Count; k++)
            await ExecuteAsync($"ALTER TABLE {incoming} ADD CONSTRAINT {name}_{slice.Key}_incoming_key{k} {keys[k]}");
        step?.Invoke("new slice keyed");
        // Statistics from a small sample: enough for the plans after it (the landed totals read the slice whole, and
        // without statistics the planner takes the key's index for it, 0.3 s at 1M rows); the full default sample
        // read nearly every page (0.15 s at 1M rows).
        await ExecuteAsync($"SET LOCAL default_statistics_target = {SliceStatisticsTarget}");
        await ExecuteAsync($"ANALYZE {incoming}");
        await ExecuteAsync("SET LOCAL default_statistics_target = DEFAULT");
        step?.Invoke("new slice analysed (small sample)");
        var old = await npgsql.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT n.nspname || '.' || c.relname FROM pg_inherits AS i
            JOIN pg_class AS c ON c.oid = i.inhrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE i.inhparent = @table::regclass AND pg_get_expr(c.relpartbound, c.oid) = @bound
            """, new { table = slice.Table, bound = $"FOR VALUES IN ({slice.Key})" }, transaction, cancellationToken: cancellationToken));
        if (old is not null)
        {
            await ExecuteAsync($"ALTER TABLE {parent} DETACH PARTITION {old}");
            await ExecuteAsync($"DROP TABLE {old}");
        }
        await ExecuteAsync($"ALTER TABLE {incoming} RENAME TO {name}_{slice.Key}");
        for (var k = 0; k < keys.Count; k++) // the names the next restatement's incoming slice will want are free again
            await ExecuteAsync($"ALTER TABLE {partition} RENAME CONSTRAINT {name}_{slice.Key}_incoming_key{k} TO {name}_{slice.Key}_key{k}");
        await ExecuteAsync($"ALTER TABLE {parent} ATTACH PARTITION {partition} FOR VALUES IN ({slice.Key})");
        step?.Invoke(old is null ? "new slice attached" : "old slice detached and dropped, new one attached");
        return count;

        Task ExecuteAsync(string sql) => npgsql.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
    }

    /// <summary>The schema that holds the slices of partitioned facts (migration 0700); they are read through their parent only.</summary>
    public const string SliceSchema = "slice";

    private const string SliceSortMemory = "256MB";
    private const int SliceStatisticsTarget = 10;

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

    /// <summary>
    /// COPY in csv text, written by hand: for rows of whole numbers, decimals and text (the ledger's), the server
    /// parses text as fast as the limit does (it is the limit's own path), while Npgsql's binary encoding of a
    /// numeric, value by value, cost the client three times the server's COPY of the same rows. Text is always
    /// quoted (a quote doubled), so an empty text stays empty and only a null is left unquoted (NULL in csv COPY).
    /// </summary>
    private static class CsvCopy
    {
        public static bool Fits(IReadOnlyList<NpgsqlDbType> types, IReadOnlyList<Type> fields) =>
            types.Select((type, i) => (type, fields[i])).All(c => c switch
            {
                (NpgsqlDbType.Integer, var f) => f == typeof(int),
                (NpgsqlDbType.Numeric, var f) => f == typeof(decimal),
                (NpgsqlDbType.Varchar or NpgsqlDbType.Text, var f) => f == typeof(string),
                _ => false,
            });

        public static async Task<long> RunAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns,
            (NpgsqlDbType Type, int? MaxLength)[] columnTypes, DbDataReader rows, bool freeze, CancellationToken cancellationToken)
        {
            var ordinals = columns.Select(rows.GetOrdinal).ToArray();
            var command = $"COPY {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT csv{(freeze ? ", FREEZE" : "")})";
            var buffer = new char[1 << 16];
            var used = 0;
            long count = 0;
            TextWriter? writer = null;
            await using (writer = await connection.BeginTextImportAsync(command, cancellationToken))
            {
                while (rows.Read())
                {
                    if ((count & 0xFFF) == 0)
                        cancellationToken.ThrowIfCancellationRequested();
                    for (var i = 0; i < ordinals.Length; i++)
                    {
                        if (i > 0)
                            Append(',');
                        if (rows.IsDBNull(ordinals[i]))
                            continue;
                        switch (columnTypes[i].Type)
                        {
                            case NpgsqlDbType.Integer:
                                Format(rows.GetInt32(ordinals[i]));
                                break;
                            case NpgsqlDbType.Numeric:
                                Format(rows.GetDecimal(ordinals[i]));
                                break;
                            default:
                                var text = rows.GetString(ordinals[i]);
                                if (columnTypes[i].MaxLength is { } limit && text.Length > limit)
                                    throw new ValueTooLongException(table, columns[i], limit, text);
                                Quoted(text);
                                break;
                        }
                    }
                    Append('\n');
                    count++;
                }
                Flush();
            }
            return count;

            void Flush()
            {
                if (used > 0)
                    writer!.Write(buffer, 0, used);
                used = 0;
            }

            void Room(int length)
            {
                if (buffer.Length - used < length)
                    Flush();
                if (buffer.Length < length)
                    Array.Resize(ref buffer, length);
            }

            void Append(char c)
            {
                Room(1);
                buffer[used++] = c;
            }

            void Format<T>(T value) where T : ISpanFormattable
            {
                Room(64);
                value.TryFormat(buffer.AsSpan(used), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
                used += written;
            }

            void Quoted(string text)
            {
                Room(text.Length * 2 + 2);
                buffer[used++] = '"';
                foreach (var c in text)
                {
                    if (c == '"')
                        buffer[used++] = '"';
                    buffer[used++] = c;
                }
                buffer[used++] = '"';
            }
        }
    }
}
