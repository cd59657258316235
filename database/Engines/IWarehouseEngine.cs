using System.Data.Common;
using DbUp.Builder;

namespace Warehouse.Database.Engines;

/// <summary>
/// The one seam between the warehouse's model and a database engine: it answers, as operations, only what
/// PostgreSQL and SQL Server do differently for the warehouse itself (connecting, naming another database on
/// the server, creating and preparing the database, running its scripts, bulk copy, identity retrieval, the load
/// lock, statistics, recognising a unique violation). Tools that merely use the database keep their own
/// per-engine choice beside their users: Respawn in the tests, Hangfire's storage in jobs/.
/// </summary>
public interface IWarehouseEngine
{
    EngineKind Kind { get; }

    string ConnectionString { get; }


    DbConnection CreateConnection();

    /// <summary>
    /// The connection string of another database on the same server, with the same login and options, built
    /// with the provider's own connection-string builder (so whichever spelling names the database, Database or
    /// Initial Catalog, is replaced, and a name holding a separator is quoted). The one place a connection
    /// string is rewritten: sample and scratch databases, the server's admin database, the tests' databases.
    /// </summary>
    string WithDatabase(string database);

    /// <summary>
    /// Whether a database name is the one this connection reaches, compared as the server compares database
    /// names (PostgreSQL: exactly, and a string that names none reaches the login's namesake; SQL Server: without
    /// letter case, which refuses too much on a case-sensitive server rather than too little). The benches truncate,
    /// drop and rebuild their scratch database, so it must never be the warehouse's own.
    /// </summary>
    bool NamesOwnDatabase(string database);

    /// <summary>
    /// Creates the target database when the server is reachable but the database is not there yet, and refuses one
    /// whose text comparison the scripts and loaders do not expect (SQL Server: a collation that is not _CI_AS).
    /// </summary>
    void EnsureDatabaseExists();

    /// <summary>
    /// Database settings that cannot be set inside a migration's transaction, applied by the migrator before
    /// the scripts (READ_COMMITTED_SNAPSHOT on SQL Server). Returns what it changed, or null when nothing.
    /// </summary>
    string? PrepareDatabase();

    UpgradeEngineBuilder DbUpBuilder();

    /// <summary>Streams rows into a table (binary COPY on PostgreSQL, SqlBulkCopy on SQL Server) inside the caller's transaction.</summary>
    Task<long> BulkCopyAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces one slice of a fact (its rows whose <see cref="TableSlice.KeyColumn"/> is <see cref="TableSlice.Key"/>,
    /// e.g. one period of dw.fact_ledger) with <paramref name="rows"/>, inside the caller's transaction. PostgreSQL
    /// loads a new partition with no index, analyses it from a small sample and swaps it for the old one; a table
    /// that is not partitioned, and SQL Server, delete the slice and bulk-copy into the table. Either way the old
    /// slice stays until commit, and a repeated key is a unique violation (<see cref="IsUniqueViolation"/>).
    /// <paramref name="step"/> is told as each part ends (rows copied, key built, slice swapped), for timings.
    /// </summary>
    Task<long> ReplaceSliceAsync(DbConnection connection, DbTransaction transaction, TableSlice slice,
        IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken = default, Action<string>? step = null);

    /// <summary>
    /// Inserts one row (column name → value, each sent as a parameter) and hands back the identity the database
    /// generated for <paramref name="identityColumn"/> (RETURNING / OUTPUT INSERTED). An operation rather than
    /// a SQL fragment, so no caller's text is rewritten. Row limits need no seam: both engines take the standard
    /// <c>OFFSET … ROWS FETCH NEXT … ROWS ONLY</c>.
    /// </summary>
    Task<int> InsertReturningIdentityAsync(DbConnection connection, DbTransaction? transaction, string table, string identityColumn,
        IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default);

    /// <summary>Takes a transaction-scoped advisory lock so no two loads of one source run at once, across servers.</summary>
    Task<bool> TryAcquireLoadLockAsync(DbConnection connection, DbTransaction transaction, string resource,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Refreshes the planner's statistics of a table after a bulk load inside the caller's transaction, so the
    /// queries that follow in the same transaction are planned for the rows just written. PostgreSQL's
    /// autovacuum cannot see uncommitted rows, so there it is an ANALYZE; SQL Server refreshes statistics
    /// itself when the next query compiles, so there it does nothing.
    /// </summary>
    Task RefreshStatisticsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken = default);

    /// <summary>Whether a failure (or one it wraps) is a primary-key or unique-index violation (23505 / 2627, 2601).</summary>
    bool IsUniqueViolation(Exception failure);

    /// <summary>
    /// When a failure (or one it wraps) is the database refusing a value of the data (numeric overflow, a byte
    /// the encoding cannot hold, a text too long, a key the calendar or a dimension does not hold), why, in the
    /// user's terms and naming the column when the database does; null for anything else (the server, the login,
    /// a bug). The pipeline turns these into rejections: a data fault is never reported as an outage.
    /// </summary>
    string? DataFault(Exception failure);
}

/// <summary>One slice of a fact table: the rows whose key column (a period key) holds one value.</summary>
public sealed record TableSlice(string Table, string KeyColumn, int Key);
