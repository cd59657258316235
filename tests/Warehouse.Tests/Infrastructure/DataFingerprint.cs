using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// Like <see cref="WarehouseSnapshot"/> (a fingerprint of every row of dw and stg), but with the schema filter
/// applied in C#: Dapper passes a list parameter to Npgsql as an array, so `IN @schemas` is not valid on PostgreSQL.
/// </summary>
public static class DataFingerprint
{
    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(DatabaseProvider provider, params string[] schemas)
    {
        schemas = schemas.Length == 0 ? ["dw", "stg"] : schemas;
        await using var connection = await provider.OpenAsync();
        var tables = (await connection.QueryAsync<(string schema, string name)>(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"))
            .Where(t => schemas.Contains(t.schema)).ToList();
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (schema, name) in tables)
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
            result[$"{schema}.{name}"] = $"{rows.Count}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))))}";
        }
        return result;
    }
}
