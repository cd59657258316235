using System.Net.Sockets;
using Npgsql;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Cli;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Tests.Jobs;

/// <summary>
/// Which failures are the infrastructure's (exit 3, "could not be reached", retried when transient) and which are
/// bugs (exit 4, reported with the stack, never retried).
/// </summary>
public sealed class FailureClassificationTests
{
    public static TheoryData<Exception> ProgrammingErrors() =>
    [
        new InvalidOperationException("a bug"),
        new NullReferenceException(),
        new ArgumentOutOfRangeException("polarity"),
        new FormatException("'loading' is not a batch state the pipeline enters"),
        new KeyNotFoundException(),
        // The database answered: the statement names a relation that is not there (schema drift, a typo).
        new PostgresException("relation \"report.load_status\" does not exist", "ERROR", "ERROR", "42P01"),
        new PostgresException("syntax error at or near \"FORM\"", "ERROR", "ERROR", "42601"),
    ];

    public static TheoryData<Exception> InfrastructureFailures() =>
    [
        new SocketException((int)SocketError.ConnectionRefused),
        new TimeoutException(),
        new IOException("the file is in use"),
        new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused)),
        new PostgresException("password authentication failed for user \"warehouse\"", "FATAL", "FATAL", "28P01"),
        new PostgresException("database \"warehouse\" does not exist", "FATAL", "FATAL", "3D000"),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new PostgresException("permission denied for table batch", "ERROR", "ERROR", "42501"),
        new InvalidOperationException("wrapping", new TimeoutException()),
    ];

    [Theory]
    [MemberData(nameof(ProgrammingErrors))]
    public void Classify_IsInternal_WhenTheFailureIsAProgrammingError(Exception exception)
    {
        Assert.Equal(FailureKind.Internal, Failures.Classify(exception));
        Assert.Equal(ExitCodes.Internal, ExitCodes.For(Failures.Classify(exception)));
        Assert.False(Failures.IsTransient(exception));
    }

    [Theory]
    [MemberData(nameof(InfrastructureFailures))]
    public void Classify_IsInfrastructure_WhenTheDatabaseOrNetworkFailed(Exception exception)
    {
        Assert.Equal(FailureKind.Infrastructure, Failures.Classify(exception));
        Assert.Equal(ExitCodes.Infrastructure, ExitCodes.For(Failures.Classify(exception)));
    }

    [Fact]
    public void Classify_IsConfiguration_WhenASettingIsWrong()
    {
        Assert.Equal(FailureKind.Configuration, Failures.Classify(new WarehouseConfigurationException("Warehouse:Engine must be PostgreSql or SqlServer")));
        Assert.Equal(FailureKind.Configuration, Failures.Classify(new LocalDatabaseException(new InvalidOperationException("pg_ctl failed (exit 1): port in use"))));
    }

    [Fact]
    public void IsTransient_IsFalse_ForARefusedLogin_ThoughItIsInfrastructure()
    {
        var refused = new PostgresException("password authentication failed", "FATAL", "FATAL", "28P01");

        Assert.Equal(FailureKind.Infrastructure, Failures.Classify(refused));
        Assert.False(Failures.IsTransient(refused));
    }

    [Fact]
    public void Describe_PointsAtTheConnectionSettings_OnlyForInfrastructure()
    {
        var bug = new InvalidOperationException("Sequence contains no elements");

        var internalText = WarehouseCli.Describe(bug, Failures.Classify(bug));
        var unreachable = WarehouseCli.Describe(new TimeoutException("timed out"), FailureKind.Infrastructure);

        Assert.StartsWith("Internal error", internalText);
        Assert.Contains("Sequence contains no elements", internalText);
        Assert.DoesNotContain("ConnectionStrings", internalText);
        Assert.Contains("could not be reached", unreachable);
        Assert.Contains("ConnectionStrings__Warehouse", unreachable);
    }
}

/// <summary>The CLI against a real database whose schema is not what the code expects: an internal error, not "unreachable".</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CliInternalErrorTests
{
    [Fact]
    public async Task Status_ExitsWithInternalCode_AndWritesTheStack_WhenAViewTheCodeReadsIsMissing()
    {
        var database = $"cli_internal_{Environment.ProcessId}";
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = PostgresProvider.ServerConnectionString(database),
        };
        Assert.Equal(ExitCodes.Ok, await WarehouseCli.RunAsync(["migrate"], new StringWriter(), new StringWriter(), Path.GetTempPath(), settings));
        await using (var connection = new NpgsqlConnection(settings["ConnectionStrings:Warehouse"]))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP VIEW report.load_status CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await WarehouseCli.RunAsync(["status"], output, error, Path.GetTempPath(), settings);

        Assert.Equal(ExitCodes.Internal, code);
        Assert.StartsWith("Internal error", error.ToString());
        Assert.Contains("load_status", error.ToString());
        Assert.DoesNotContain("could not be reached", error.ToString());
        Assert.Contains("   at ", error.ToString());
    }
}
