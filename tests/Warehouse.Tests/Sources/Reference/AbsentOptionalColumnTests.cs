using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Activity;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Sources.Reference;

/// <summary>
/// An optional column absent from a reference file says nothing, so what the warehouse holds for it stays
/// (docs/decisions.md, issue 20): the type-1 references and the line mapping. (The SCD2 references, organisation
/// and indicator catalogue, are tested with their sources.)
/// </summary>
public abstract class AbsentOptionalColumnTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private Task<LoadOutcome> LoadAsync(ISource source, string path) => new IngestionPipeline(Provider.Engine).LoadFileAsync(source, path);

    private async Task LoadedAsync(ISource source, string path)
    {
        var outcome = await LoadAsync(source, path);
        Assert.True(outcome.Status == LoadStatus.Loaded, $"{outcome.Status}: {outcome.Message} {string.Join("; ", outcome.Errors)}");
    }

    /// <summary>A copy of a csv without one column, with extra rows (in the new layout) after it.</summary>
    private static string Without(string sample, string column, params string[] extra)
    {
        var lines = File.ReadAllLines(sample);
        var dropped = Fields(lines[0]).IndexOf(column);
        Assert.True(dropped >= 0, column);
        var path = Path.Combine(TestFolders.New("reference"), Path.GetFileName(sample));
        File.WriteAllLines(path, [.. lines.Select(l => string.Join(",", Fields(l).Where((_, i) => i != dropped))), .. extra]);
        return path;
    }

    // A csv line's fields as written (quotes kept), for names with a comma.
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var (start, quoted) = (0, false);
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == '"')
                quoted = !quoted;
            else if (i == line.Length || (line[i] == ',' && !quoted))
            {
                fields.Add(line[start..i]);
                start = i + 1;
            }
        }
        return fields;
    }

    private async Task<List<(string Key, string? Value)>> ValuesAsync(string sql)
    {
        await using var connection = await Provider.OpenAsync();
        return (await connection.QueryAsync<(string, string?)>(sql)).ToList();
    }

    [SkippableFact]
    public async Task ServiceTypes_KeepTheirStoredUnits_WhenTheFileOmitsTheUnitColumn()
    {
        var sample = RepositoryPaths.Combine("samples", "activity", "activity-service-types.csv");
        await LoadedAsync(new ActivityServiceTypeSource(), sample);
        const string Units = "SELECT service_area + ':' + code, unit FROM dw.dim_activity_service_type WHERE code <> 'new_type' ORDER BY service_area, code";
        var sql = Provider is PostgresProvider ? Units.Replace("service_area + ':' + code", "service_area || ':' || code") : Units;
        var before = await ValuesAsync(sql);
        Assert.Contains(before, u => u.Value == "week");

        await LoadedAsync(new ActivityServiceTypeSource(), Without(sample, "unit", "LD,new_type,Learning Disability Services,New Type,expenditure,999"));

        Assert.Equal(before, await ValuesAsync(sql));
        Assert.Null(await Provider.ScalarAsync<string?>("SELECT unit FROM dw.dim_activity_service_type WHERE code = 'new_type'"));
    }

    [SkippableFact]
    public async Task PlacementTypes_KeepTheirStoredClientGroups_WhenTheFileOmitsTheColumn()
    {
        var sample = RepositoryPaths.Combine("samples", "activity", "lac-placement-types.csv");
        await LoadedAsync(new PlacementTypeSource(), sample);
        const string Groups = "SELECT placement_type_code, external_client_group FROM dw.dim_placement_type WHERE placement_type_code <> 'new_type' ORDER BY placement_type_code";
        var before = await ValuesAsync(Groups);
        Assert.Contains(before, g => g.Value == "Residential Disability – Children");

        await LoadedAsync(new PlacementTypeSource(), Without(sample, "external_client_group", "new_type,New type,external,52,Y,999"));

        Assert.Equal(before, await ValuesAsync(Groups));
        Assert.Null(await Provider.ScalarAsync<string?>("SELECT external_client_group FROM dw.dim_placement_type WHERE placement_type_code = 'new_type'"));
    }

    [SkippableFact]
    public async Task LineMapping_KeepsTheStoredNotes_WhenTheFileOmitsTheNoteColumn()
    {
        await LoadedAsync(new OrganisationSource(), RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"));
        var sample = RepositoryPaths.Combine("samples", "finance", "line-mapping.csv");
        await LoadedAsync(new LineMappingSource(), sample);
        const string Notes = "SELECT from_budget_line_code, note FROM dw.budget_line_mapping ORDER BY from_budget_line_code, to_budget_line_code";
        var before = await ValuesAsync(Notes);
        Assert.Equal(62, before.Count(n => n.Value is not null));

        await LoadedAsync(new LineMappingSource(), Without(sample, "note"));

        Assert.Equal(before, await ValuesAsync(Notes));
    }
}

public sealed class PostgresAbsentOptionalColumnTests : AbsentOptionalColumnTests<PostgresProvider>;

public sealed class SqlServerAbsentOptionalColumnTests : AbsentOptionalColumnTests<SqlServerProvider>;
