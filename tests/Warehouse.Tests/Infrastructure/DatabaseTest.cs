namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// Base of every integration test: the provider's database, reset before each test. Tests that share
/// the database run in one collection, one at a time.
/// </summary>
[Collection(DatabaseCollection.Name)]
public abstract class DatabaseTest<TProvider> : IAsyncLifetime where TProvider : DatabaseProvider, new()
{
    private static readonly TProvider SharedProvider = new();

    protected DatabaseTest()
    {
        Skip.If(SharedProvider.SkipReason is not null, SharedProvider.SkipReason);
    }

    protected TProvider Provider => SharedProvider;

    public virtual Task InitializeAsync() => SharedProvider.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseRunLifetime>
{
    public const string Name = "database";
}

/// <summary>Lives as long as the database collection: tears the run's PostgreSQL and SQL Server databases down when it ends.</summary>
public sealed class DatabaseRunLifetime : IDisposable
{
    public void Dispose()
    {
        PostgresProvider.ShutdownIfStarted();
        SqlServerProvider.DropIfCreated();
    }
}
