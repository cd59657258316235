using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Warehouse.Database.Engines;

/// <summary>
/// Which SQL Server errors are worth retrying. SqlException does not override DbException.IsTransient (always
/// false), so the error numbers decide, as SqlClient's own retry logic and EF Core's execution strategy do.
/// </summary>
public static class SqlServerErrors
{
    // SqlClient 7.1's SqlConfigurableRetryFactory.BaselineTransientErrors (documented: locks, deadlock, Azure
    // throttling and failover, connection loss), plus the client-side and network numbers its earlier lists and
    // Azure SQL's "transient fault error codes" name. Kept here because the baseline "may change at any time".
    private static readonly HashSet<int> Transient =
    [
        -2,     // client timeout expired
        20,     // the instance does not support encryption / connection dropped during login
        64,     // the specified network name is no longer available
        233,    // no process is on the other end of the pipe
        997,    // a connection was established but an error occurred during login
        1204,   // cannot obtain a LOCK resource at this time
        1205,   // chosen as deadlock victim
        1222,   // lock request time out period exceeded
        4060,   // cannot open database requested by the login (recovering, failing over)
        4221,   // login to read-secondary failed: replica not ready
        10053,  // connection aborted by the software in the host
        10054,  // connection reset by peer
        10060,  // connection attempt timed out
        10928,  // Azure: resource limit reached
        10929,  // Azure: minimum guarantee not available, server too busy
        40143,  // Azure: the service encountered an error processing the request
        40197,  // Azure: service error processing the request (reconfiguration, failover)
        40501,  // Azure: the service is currently busy
        40540,  // Azure: the service encountered an error processing the request
        40613,  // Azure: database not currently available
        42108,  // Azure: cannot connect to the SQL pool while it is pausing or paused
        42109,  // Azure: the SQL pool is warming up
        49918,  // Azure: not enough resources to process the request
        49919,  // Azure: too many create or update operations in progress
        49920,  // Azure: too many operations in progress for the subscription
    ];

    // The login or its rights, not the statement (SQL Server has no SQLSTATE for these): infrastructure to report
    // as such — check the login and its grants — but not worth retrying.
    private static readonly HashSet<int> LoginOrPermission =
    [
        229,    // the permission was denied on the object
        230,    // the permission was denied on the column
        262,    // the permission was denied in the database (CREATE …)
        916,    // the server principal cannot access the database under the current security context
        18452,  // login failed: the login is from an untrusted domain
        18456,  // login failed for the user
        18470,  // login failed: the account is disabled
        18486,  // login failed: the account is locked out
        18487,  // login failed: the password has expired
        18488,  // login failed: the password must be changed
    ];

    public static bool IsTransient(int number) => Transient.Contains(number);

    public static bool IsLoginOrPermission(int number) => LoginOrPermission.Contains(number);

    /// <summary>Whether SQL Server refused the login or a grant (the PostgreSQL twins are SQLSTATE 28xxx and 42501).</summary>
    public static bool IsLoginOrPermission(DbException exception) =>
        exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(error => IsLoginOrPermission(error.Number));

    /// <summary>
    /// Whether a provider's failure is worth retrying, for either engine: SQL Server's by its error numbers,
    /// others (Npgsql) by their own <see cref="DbException.IsTransient"/>. The one place the providers differ here.
    /// </summary>
    public static bool IsTransient(DbException exception) =>
        exception is SqlException sql ? IsTransient(sql) : exception.IsTransient;

    /// <summary>Whether any error the exception carries is transient (the first is not always the cause).</summary>
    public static bool IsTransient(SqlException exception) =>
        exception.Errors.Cast<SqlError>().Any(error => IsTransient(error.Number));
}
