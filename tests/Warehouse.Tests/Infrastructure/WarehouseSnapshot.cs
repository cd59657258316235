using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// A fingerprint of every row of the data schemas (dw, stg), to assert that rejected input left the
/// warehouse exactly as it was. The etl schema is left out on purpose: a rejection is recorded there.
/// </summary>
public static class WarehouseSnapshot
{
    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(DatabaseProvider provider, params string[] schemas)
    {
        schemas = schemas.Length == 0 ? ["dw", "stg"] : schemas;
        await using var connection = await provider.OpenAsync();
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            var tables = await connection.QueryAsync<string>(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = @schema", new { schema });
            foreach (var name in tables)
                result[$"{schema}.{name}"] = await HashTableAsync(connection, schema, name);
        }
        return result;
    }

    private static async Task<string> HashTableAsync(DbConnection connection, string schema, string name)
    {
        var rows = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {schema}.{name}";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join("\u001f", values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }
        rows.Sort(StringComparer.Ordinal);
        return $"{rows.Count}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))))}";
    }
}
