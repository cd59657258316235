using System.Data.Common;
using System.Net.Sockets;
using Warehouse.Database.Engines;
using Warehouse.Database.Local;
using Warehouse.Database.Migrations;
using Warehouse.Jobs.Inbox;

namespace Warehouse.Jobs.Scheduling;

/// <summary>
/// The private local PostgreSQL cluster could not be created or started (initdb or pg_ctl failed): the
/// machine's problem, reported with the programs' own words, not as a bug.
/// </summary>
public sealed class LocalDatabaseException(Exception inner)
    : Exception($"The local PostgreSQL database could not be started: {inner.Message.Split('\n')[0].Trim()} " +
                "Its log is server.log in the data folder; or set ConnectionStrings__Warehouse to use another database.", inner);

/// <summary>What kind of failure an exception is, for the exit code, the message and whether to retry.</summary>
public enum FailureKind
{
    /// <summary>A setting is wrong or missing (engine, connection string, listen address, PostgreSQL programs).</summary>
    Configuration,
    /// <summary>The database or network: unreachable, dropped, timed out, refused the login or a grant, a file locked.</summary>
    Infrastructure,
    /// <summary>Anything else: a bug or a state the code did not expect. Reported with its stack, never retried.</summary>
    Internal,
}

/// <summary>
/// The one classification of failures, used by the CLI (exit codes), the jobs (retries) and the run verb.
/// Invalid data is not here: it is a rejection, recorded as an outcome, never an exception that escapes.
/// </summary>
public static class Failures
{
    // SQLSTATE classes (standard, so engine-independent where a provider reports them) that mean the server or
    // the login, not the statement: connection exception, invalid authorization, unknown database, insufficient
    // resources, operator intervention (shutdown, statement timeout), system error; and a missing grant, a lock wait.
    private static readonly string[] InfrastructureSqlStateClasses = ["08", "28", "3D", "53", "57", "58"];
    private static readonly string[] InfrastructureSqlStates = ["42501", "55P03"];

    public static FailureKind Classify(Exception exception) => exception switch
    {
        WarehouseConfigurationException or PostgresNotFoundException or LocalDatabaseException => FailureKind.Configuration,
        // A migration fails on the database's state (a script against a schema someone changed), reported as such.
        MigrationFailedException => FailureKind.Infrastructure,
        _ when IsInfrastructure(exception) => FailureKind.Infrastructure,
        _ => FailureKind.Internal,
    };

    /// <summary>The database or the network failed, whatever wraps it.</summary>
    public static bool IsInfrastructure(Exception? exception) => exception switch
    {
        null => false,
        SourceBusyException or SocketException or TimeoutException or IOException => true,
        DbException db => SqlServerErrors.IsTransient(db) || SqlServerErrors.IsLoginOrPermission(db) || IsServerOrLogin(db.SqlState)
            || IsInfrastructure(db.InnerException),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsInfrastructure),
        // A wrapper fails for its cause: a socket error inside is still the network.
        _ => IsInfrastructure(exception.InnerException),
    };

    /// <summary>
    /// Worth retrying after a back-off: database errors the provider marks transient (on SQL Server, whose
    /// SqlException never says so, the numbers in <see cref="SqlServerErrors"/>), socket errors, timeouts, a locked
    /// file, a busy source, and any exception whose cause is one of these. A refused login is infrastructure but
    /// not transient: retrying it does not help.
    /// </summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,
        SourceBusyException or SocketException or TimeoutException or IOException => true,
        DbException db => SqlServerErrors.IsTransient(db) || IsTransient(db.InnerException),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        _ => IsTransient(exception.InnerException),
    };

    private static bool IsServerOrLogin(string? sqlState) => sqlState is { Length: 5 }
        && (InfrastructureSqlStateClasses.Contains(sqlState[..2], StringComparer.Ordinal) || InfrastructureSqlStates.Contains(sqlState, StringComparer.Ordinal));
}
