using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Payments;

namespace Warehouse.Tests.Sources.Payments;

/// <summary>Loads supplier-payment files through the real pipeline and reads the warehouse back.</summary>
public abstract class PaymentsTestBase : DatabaseTest<PostgresProvider>
{
    protected const string Ccc = "Cambridgeshire County Council", Westmere = "Westmere District Council";

    protected static string Sample(string name) => RepositoryPaths.Combine("samples", "payments", name);

    protected Task<LoadOutcome> LoadAsync(string path, PaymentFileOptions? options = null) =>
        new IngestionPipeline(Provider.Engine).LoadFileAsync(new SupplierPaymentsSource(options), path);

    protected async Task<LoadOutcome> LoadedAsync(string path, PaymentFileOptions? options = null)
    {
        var outcome = await LoadAsync(path, options);
        Assert.True(outcome.Status == LoadStatus.Loaded, $"{Path.GetFileName(path)}: {outcome.Status} {outcome.Message} {string.Join("; ", outcome.Errors.Take(5))}");
        return outcome;
    }

    protected async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    protected async Task<T> ScalarAsync<T>(string sql, object? parameters = null) => (await QueryAsync<T>(sql, parameters)).Single();

    /// <summary>A file written for the test, under its own name, removed with the test's folder.</summary>
    protected static string TempFile(string name, string content)
    {
        var path = Path.Combine(TestFolders.New("payments"), name);
        File.WriteAllText(path, content);
        return path;
    }
}
