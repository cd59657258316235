using Warehouse.Database.Engines;

namespace Warehouse.Samples.Placements;

/// <summary>The sample children's social care system: schema plus the seeded synthetic episodes of 2018/19.</summary>
public static class LacSample
{
    public const int Seed = 2018;

    /// <summary>Creates (or recreates) the sample system in the engine's database; returns the episodes written.</summary>
    public static async Task<int> CreateAsync(IWarehouseEngine engine, string samplesFolder, CancellationToken cancellationToken = default)
    {
        engine.EnsureDatabaseExists();
        var episodes = LacSampleGenerator.Generate(LacSampleGenerator.ReadTargets(Path.Combine(samplesFolder, "activity")), Seed);
        await ChildrensSocialCareSystem.CreateSchemaAsync(engine, cancellationToken);
        await ChildrensSocialCareSystem.InsertAsync(engine, episodes, cancellationToken);
        return episodes.Count;
    }
}
