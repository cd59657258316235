using System.Security.Cryptography;
using System.Text;
using Dapper;
using Warehouse.Tests.Infrastructure;

namespace Warehouse.Tests.Activity;

/// <summary>
/// Fingerprint of every row of dw and stg, as <see cref="WarehouseSnapshot"/> means it. That helper binds
/// `IN @schemas` to an array, which Dapper hands to Npgsql as one array parameter (a syntax error on
/// PostgreSQL); this one filters the schemas in C#, so it runs on both engines.
/// </summary>
public static class WarehouseFingerprint
{
    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(DatabaseProvider provider)
    {
        await using var connection = await provider.OpenAsync();
        var tables = (await connection.QueryAsync<(string schema, string name)>(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"))
            .Where(t => t.schema is "dw" or "stg").ToList();
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
