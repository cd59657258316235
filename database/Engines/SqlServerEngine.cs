using System.Data.Common;
using Dapper;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.SqlClient;

namespace Warehouse.Database.Engines;

public sealed class SqlServerEngine(string connectionString) : IWarehouseEngine
{
    public EngineKind Kind => EngineKind.SqlServer;
    public string ConnectionString { get; } = connectionString;

    public DbConnection CreateConnection() => new SqlConnection(ConnectionString);

    public string WithDatabase(string database) =>
        new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = database }.ConnectionString;

    public bool NamesOwnDatabase(string database) =>
        string.Equals(new SqlConnectionStringBuilder(ConnectionString).InitialCatalog, database, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The collation a database the warehouse creates gets: case-insensitive like the loaders' comparison of codes
    /// (docs/decisions.md, "Codes and letter case"), accent-sensitive so é and e stay two codes as they do in .NET,
    /// and with supplementary characters (_SC) so text functions count a character outside the BMP once.
    /// </summary>
    public const string Collation = "Latin1_General_100_CI_AS_SC";

    /// <summary>
    /// Creates the database with <see cref="Collation"/> when it is not there (the server's default could be
    /// case-sensitive), then refuses one that compares text differently from the loaders (a DBA-created
    /// database): its keys would accept codes the loaders treat as one, or refuse codes they treat as two, and
    /// the scripts' unquoted names would not resolve under a case-sensitive collation.
    /// </summary>
    public void EnsureDatabaseExists()
    {
        EnsureDatabase.For.SqlDatabase(ConnectionString, collation: Collation);
        using var connection = new SqlConnection(ConnectionString);
        connection.Open();
        var (database, collation) = connection.QuerySingle<(string, string)>(
            "SELECT DB_NAME(), CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS nvarchar(128))");
        if (!IsCaseInsensitiveAccentSensitive(collation))
            throw new WarehouseConfigurationException(
                $"Database '{database}' has collation {collation}; the warehouse needs a case-insensitive, accent-sensitive one (_CI_AS), " +
                $"because its loaders compare codes without letter case. Create the database with COLLATE {Collation} " +
                $"(or let the warehouse create it), or change it with ALTER DATABASE [{database}] COLLATE {Collation}.");
    }

    /// <summary>Whether a SQL Server collation name is case-insensitive and accent-sensitive (…_CI_AS…), as the loaders compare.</summary>
    public static bool IsCaseInsensitiveAccentSensitive(string collation) =>
        collation.Contains("_CI_AS", StringComparison.OrdinalIgnoreCase);

    // Under locking READ COMMITTED (the default) the status page, `status`, another file's registration and
    // Power BI wait for a load's locks (its etl.batch row until commit); with row versioning they read the last
    // committed rows. ALTER DATABASE cannot run in a transaction, so not in a DbUp script. It needs every other
    // session out: ROLLBACK IMMEDIATE ends them (an idle pooled connection of a running host would block it for
    // ever). Safe at migrate time: a load is one transaction the next run resumes, Hangfire retries, readers
    // read again; and it happens once, while the setting is off.
    public string? PrepareDatabase()
    {
        using var connection = new SqlConnection(ConnectionString);
        connection.Open();
        if (connection.ExecuteScalar<bool>("SELECT is_read_committed_snapshot_on FROM sys.databases WHERE name = DB_NAME()"))
            return null;
        connection.Execute("ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE", commandTimeout: 0);
        return "turned READ_COMMITTED_SNAPSHOT on (other sessions were rolled back)";
    }

    public UpgradeEngineBuilder DbUpBuilder() => DeployChanges.To.SqlDatabase(ConnectionString);

    public async Task<long> BulkCopyAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken = default)
    {
        // KeepNulls: without it a NULL into a column with a default gets the default, unlike an INSERT or PostgreSQL's COPY.
        using var bulk = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.KeepNulls,
            (SqlTransaction)transaction)
        {
            DestinationTableName = table,
            BatchSize = 10_000,
            BulkCopyTimeout = 0,
            EnableStreaming = true,
        };
        foreach (var column in columns)
            bulk.ColumnMappings.Add(column, column);
        var limits = await TextLimitsAsync((SqlConnection)connection, (SqlTransaction)transaction, table, columns, rows, cancellationToken);
        var counter = new CountingReader(rows, table, limits);
        await bulk.WriteToServerAsync(counter, cancellationToken);
        return counter.Count;
    }

    /// <summary>
    /// The slice's rows are deleted and the new ones bulk-copied, in the caller's transaction; under
    /// READ_COMMITTED_SNAPSHOT readers see the old slice until commit. (Partition switching, the equivalent of
    /// PostgreSQL's swap, is not used yet: docs/decisions.md, "Ledger loads at the limit".)
    /// </summary>
    public async Task<long> ReplaceSliceAsync(DbConnection connection, DbTransaction transaction, TableSlice slice,
        IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken = default, Action<string>? step = null)
    {
        await connection.ExecuteAsync(new CommandDefinition(DeleteSliceSql(slice.Table, slice.KeyColumn), new { key = slice.Key }, transaction,
            commandTimeout: 0, cancellationToken: cancellationToken));
        step?.Invoke("old slice deleted");
        var copied = await BulkCopyAsync(connection, transaction, slice.Table, columns, rows, cancellationToken);
        step?.Invoke("rows read, checked and bulk-copied");
        // A row of another slice would land outside the one replaced (PostgreSQL's new partition refuses it by its bound).
        var inSlice = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSliceSql(slice.Table, slice.KeyColumn), new { key = slice.Key },
            transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        if (inSlice != copied)
            throw new InvalidOperationException($"A replacement of {slice.Table} {slice.KeyColumn} {slice.Key} was given {copied - inSlice:N0} rows of another {slice.KeyColumn}.");
        return copied;
    }

    /// <summary>The statement <see cref="ReplaceSliceAsync"/> counts the new slice with (the SQL Server model test compiles it).</summary>
    public static string CountSliceSql(string table, string keyColumn) =>
        $"SELECT COUNT_BIG(*) FROM {SqlIdentifiers.Checked(table)} WHERE {SqlIdentifiers.Checked(keyColumn)} = @key";

    /// <summary>The statement <see cref="ReplaceSliceAsync"/> deletes a slice with (the SQL Server model test compiles it).</summary>
    public static string DeleteSliceSql(string table, string keyColumn) =>
        $"DELETE FROM {SqlIdentifiers.Checked(table)} WHERE {SqlIdentifiers.Checked(keyColumn)} = @key";

    // SqlBulkCopy fails the whole copy on an over-long string without naming the row; the reader checks first.
    private static async Task<IReadOnlyList<(int Ordinal, string Column, int MaxLength)>> TextLimitsAsync(SqlConnection connection,
        SqlTransaction transaction, string table, IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken)
    {
        var parts = table.Replace("[", "").Replace("]", "").Split('.');
        var limits = (await connection.QueryAsync<(string COLUMN_NAME, int CHARACTER_MAXIMUM_LENGTH)>(new CommandDefinition(
            "SELECT COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = @schema AND TABLE_NAME = @name AND CHARACTER_MAXIMUM_LENGTH > 0",
            new { schema = parts[0], name = parts[1] }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.COLUMN_NAME, r => r.CHARACTER_MAXIMUM_LENGTH, StringComparer.OrdinalIgnoreCase);
        return columns.Where(limits.ContainsKey).Select(c => (rows.GetOrdinal(c), c, limits[c])).ToList();
    }

    public async Task<int> InsertReturningIdentityAsync(DbConnection connection, DbTransaction? transaction, string table, string identityColumn,
        IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertReturningIdentitySql(table, identityColumn, values.Keys.ToList()),
            SqlIdentifiers.Parameters(values), transaction, cancellationToken: cancellationToken));

    /// <summary>The statement <see cref="InsertReturningIdentityAsync"/> sends (the SQL Server model test compiles it).</summary>
    public static string InsertReturningIdentitySql(string table, string identityColumn, IReadOnlyList<string> columns)
    {
        var (into, values) = SqlIdentifiers.Insert(table, columns);
        return $"{into} OUTPUT INSERTED.{SqlIdentifiers.Checked(identityColumn)} {values}";
    }

    public async Task<bool> TryAcquireLoadLockAsync(DbConnection connection, DbTransaction transaction, string resource,
        CancellationToken cancellationToken = default) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "DECLARE @result int; EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', " +
            "@LockOwner = 'Transaction', @LockTimeout = 0; SELECT @result;", new { resource }, transaction, cancellationToken: cancellationToken)) >= 0;

    // Nothing to do: with AUTO_UPDATE_STATISTICS (on by default) SQL Server refreshes a table's statistics itself
    // when the next query is compiled after that many rows changed. UPDATE STATISTICS would also need ALTER
    // permission on the table, which a loading login should not need.
    public Task RefreshStatisticsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public bool IsUniqueViolation(Exception failure) =>
        ExceptionChain.Find<SqlException>(failure, e => e.Errors.Cast<SqlError>().Any(error => error.Number is 2627 or 2601)) is not null;

    // Arithmetic overflow (8115, 220, 232), conversion (241, 242, 245, 8114), truncation (2628, 8152),
    // NULL into NOT NULL (515), FOREIGN KEY or CHECK conflict (547).
    public string? DataFault(Exception failure)
    {
        var number = ExceptionChain.Find<SqlException>(failure)?.Errors.Cast<SqlError>()
            .Select(e => e.Number).FirstOrDefault(n => n is 8115 or 220 or 232 or 241 or 242 or 245 or 8114 or 2628 or 8152 or 515 or 547);
        return number switch
        {
            null or 0 => null,
            8115 or 220 or 232 => "the file holds a figure too large for the warehouse",
            2628 or 8152 => "the file holds a text longer than the warehouse holds",
            515 => "the file leaves empty a value the warehouse requires",
            547 => "the file refers to something the warehouse does not hold (a period outside its calendar, or a code not loaded)",
            _ => "the file holds a value the warehouse cannot store",
        };
    }

    // SqlBulkCopy does not report how many rows it wrote; count them as they stream past, checking text lengths.
    private sealed class CountingReader(DbDataReader inner, string table, IReadOnlyList<(int Ordinal, string Column, int MaxLength)> limits) : DbDataReader
    {
        public long Count { get; private set; }
        public override bool Read() => Counted(inner.Read());
        public override async Task<bool> ReadAsync(CancellationToken cancellationToken) => Counted(await inner.ReadAsync(cancellationToken));

        private bool Counted(bool ok)
        {
            if (!ok)
                return false;
            Count++;
            foreach (var (ordinal, column, maxLength) in limits)
                if (!inner.IsDBNull(ordinal) && inner.GetValue(ordinal) is string text && text.Length > maxLength)
                    throw new ValueTooLongException(table, column, maxLength, text);
            return true;
        }
        public override int FieldCount => inner.FieldCount;
        public override object this[int ordinal] => inner[ordinal];
        public override object this[string name] => inner[name];
        public override int Depth => inner.Depth;
        public override bool HasRows => inner.HasRows;
        public override bool IsClosed => inner.IsClosed;
        public override int RecordsAffected => inner.RecordsAffected;
        public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
        public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
        public override char GetChar(int ordinal) => inner.GetChar(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
        public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
        public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
        public override System.Collections.IEnumerator GetEnumerator() => ((System.Collections.IEnumerable)inner).GetEnumerator();
        public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
        public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
        public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
        public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
        public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
        public override string GetName(int ordinal) => inner.GetName(ordinal);
        public override int GetOrdinal(string name) => inner.GetOrdinal(name);
        public override string GetString(int ordinal) => inner.GetString(ordinal);
        public override object GetValue(int ordinal) => inner.GetValue(ordinal);
        public override int GetValues(object[] values) => inner.GetValues(values);
        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
        public override bool NextResult() => inner.NextResult();
    }
}
