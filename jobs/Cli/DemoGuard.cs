using Dapper;
using Warehouse.Database.Engines;
using Warehouse.Etl.Core.Reading;
using Warehouse.Samples;

namespace Warehouse.Jobs.Cli;

/// <summary>
/// `demo` loads the samples' 2017/18 to 2019/20 figures and reference data through the pipeline. In a warehouse that
/// holds a council's own files they would supersede its periods and rewrite its organisation, so the demo runs
/// only in a warehouse that holds nothing but its own samples (an empty one, or an earlier demo's).
/// </summary>
public static class DemoGuard
{
    /// <summary>The registered files whose bytes are not one of the demo's samples, by name, first registered first.</summary>
    public static async Task<IReadOnlyList<string>> ForeignFilesAsync(IWarehouseEngine engine, string samplesFolder, CancellationToken cancellationToken = default)
    {
        var samples = DemoCatalog.Loads
            .Select(l => Path.Combine(samplesFolder, l.SamplePath))
            .Where(File.Exists)
            .Select(path => SourceFile.Open(path).Sha256) // hashed as the registry hashes a file it loads
            .ToHashSet(StringComparer.Ordinal);
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        // A database not yet migrated holds no files.
        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'etl' AND table_name = 'file_registry'",
                cancellationToken: cancellationToken)) == 0)
            return [];
        var registered = await connection.QueryAsync<(string FileName, string Sha256)>(new CommandDefinition(
            "SELECT file_name, sha256 FROM etl.file_registry ORDER BY file_id", cancellationToken: cancellationToken));
        return registered.Where(f => !samples.Contains(f.Sha256)).Select(f => f.FileName).ToList();
    }
}
