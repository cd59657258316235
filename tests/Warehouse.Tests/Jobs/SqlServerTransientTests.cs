using System.Reflection;
using Microsoft.Data.SqlClient;
using Warehouse.Database.Engines;
using Warehouse.Jobs.Scheduling;

namespace Warehouse.Tests.Jobs;

/// <summary>SQL Server failures are retried by error number, since SqlException.IsTransient is always false.</summary>
public sealed class SqlServerTransientTests
{
    [Theory]
    [InlineData(1205, true)]   // deadlock victim
    [InlineData(-2, true)]     // client timeout
    [InlineData(4060, true)]
    [InlineData(40197, true)]
    [InlineData(40501, true)]
    [InlineData(40613, true)]
    [InlineData(49918, true)]
    [InlineData(49919, true)]
    [InlineData(49920, true)]
    [InlineData(10053, true)]
    [InlineData(10054, true)]
    [InlineData(10060, true)]
    [InlineData(10928, true)]
    [InlineData(10929, true)]
    [InlineData(233, true)]
    [InlineData(64, true)]
    [InlineData(20, true)]
    [InlineData(4221, true)]
    [InlineData(547, false)]   // foreign key violation: a bug or bad data, the same every time
    [InlineData(2627, false)]  // primary key violation
    [InlineData(2601, false)]  // unique index violation
    [InlineData(8152, false)]  // string would be truncated
    [InlineData(208, false)]   // invalid object name
    public void IsTransient_ClassifiesByNumber_ForSqlServerErrors(int number, bool transient)
    {
        Assert.Equal(transient, SqlServerErrors.IsTransient(number));
    }

    [Theory]
    [InlineData(1205, true)]
    [InlineData(-2, true)]
    [InlineData(40613, true)]
    [InlineData(547, false)]
    [InlineData(2627, false)]
    public void IsTransient_DecidesByErrorNumber_WhenGivenASqlException(int number, bool transient)
    {
        var failure = SqlFailure(number);

        Assert.Equal(number, failure.Number);
        Assert.False(((System.Data.Common.DbException)failure).IsTransient); // the reason for the classifier
        Assert.Equal(transient, Failures.IsTransient(failure));
    }

    [Fact]
    public void IsTransient_IsTrue_WhenTheTransientErrorIsNotTheFirst()
    {
        Assert.True(Failures.IsTransient(SqlFailure(3621, 1205))); // "statement terminated", then the deadlock
        Assert.False(Failures.IsTransient(SqlFailure(3621, 547)));
    }

    [Fact]
    public void IsTransient_LooksThroughWrappers_WhenTheSqlExceptionIsInside()
    {
        Assert.True(Failures.IsTransient(new InvalidOperationException("load failed", SqlFailure(1205))));
        Assert.True(Failures.IsTransient(new AggregateException(SqlFailure(-2), SqlFailure(40501))));
        Assert.True(Failures.IsTransient(new TargetInvocationException(SqlFailure(1205))));
        Assert.False(Failures.IsTransient(new InvalidOperationException("load failed", SqlFailure(547))));
        Assert.False(Failures.IsTransient(new AggregateException(SqlFailure(1205), SqlFailure(547))));
    }

    [Theory]
    [InlineData(18456)] // login failed
    [InlineData(229)]   // permission denied on the object
    [InlineData(916)]   // the login cannot access the database
    public void Classify_IsInfrastructure_ButNotTransient_WhenSqlServerRefusesTheLoginOrAGrant(int number)
    {
        Assert.Equal(FailureKind.Infrastructure, Failures.Classify(SqlFailure(number)));
        Assert.False(Failures.IsTransient(SqlFailure(number)));
    }

    [Fact]
    public void Classify_IsInternal_WhenSqlServerRejectsTheStatementItself()
    {
        Assert.Equal(FailureKind.Internal, Failures.Classify(SqlFailure(208))); // invalid object name: our SQL, not the server
    }

    // SqlException has no public constructor: build one as SqlClient does (SqlError, SqlErrorCollection.Add,
    // SqlException.CreateException), through their internal members in Microsoft.Data.SqlClient 7.1.
    private static SqlException SqlFailure(params int[] numbers)
    {
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        var errorConstructor = typeof(SqlError).GetConstructor(Any,
            [typeof(int), typeof(byte), typeof(byte), typeof(string), typeof(string), typeof(string), typeof(int), typeof(Exception)])!;
        var add = typeof(SqlErrorCollection).GetMethod("Add", Any, [typeof(SqlError)])!;
        foreach (var number in numbers)
            add.Invoke(errors, [errorConstructor.Invoke([number, (byte)0, (byte)16, "server", $"error {number}", "", 0, null])]);
        var create = typeof(SqlException).GetMethod("CreateException", Any, [typeof(SqlErrorCollection), typeof(string)])!;
        return (SqlException)create.Invoke(null, [errors, "16.00.0000"])!;
    }
}
