using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Finance;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>Loads finance samples through the real pipeline and reads the published views back.</summary>
public abstract class FinanceTestBase<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    protected static string Sample(string name) => RepositoryPaths.Combine("samples", "finance", name);

    protected Task<LoadOutcome> LoadAsync(ISource source, string path) =>
        new IngestionPipeline(Provider.Engine).LoadFileAsync(source, path);

    protected async Task LoadReferenceAsync()
    {
        Assert.Equal(LoadStatus.Loaded, (await LoadAsync(new OrganisationSource(), Sample("organisation-reference.csv"))).Status);
        Assert.Equal(LoadStatus.Loaded, (await LoadAsync(new LineMappingSource(), Sample("line-mapping.csv"))).Status);
    }

    protected async Task<LoadOutcome> LoadGlAsync(string path)
    {
        var outcome = await LoadAsync(new GeneralLedgerSource(), path);
        return outcome;
    }

    protected async Task LoadedAsync(ISource source, string sample)
    {
        var outcome = await LoadAsync(source, Sample(sample));
        Assert.True(outcome.Status == LoadStatus.Loaded, $"{sample}: {outcome.Message} {string.Join("; ", outcome.Errors.Take(5))}");
    }

    protected async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    /// <summary>
    /// PostgreSQL only. A fingerprint of every dw and stg table, to show rejected input changed nothing. (The shared
    /// WarehouseSnapshot helper binds its schema list as one array parameter, which Npgsql refuses.)
    /// </summary>
    protected async Task<string> FingerprintAsync()
    {
        var tables = await QueryAsync<(string schema, string name)>(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema IN ('dw', 'stg') ORDER BY 1, 2");
        var parts = new List<string>();
        foreach (var (schema, name) in tables)
            parts.Add($"{schema}.{name}:{(await QueryAsync<string>($"SELECT md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {schema}.{name} AS t")).Single()}");
        return string.Join("\n", parts);
    }

    /// <summary>A temporary copy of a sample (or any text) under its own name, removed with the test's folder.</summary>
    protected string TempFile(string name, string content)
    {
        var folder = TestFolders.New("finance");
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
