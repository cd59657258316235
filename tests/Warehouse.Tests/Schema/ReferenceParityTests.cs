using System.Data.Common;
using System.Globalization;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Warehouse.Database.Engines;
using Warehouse.Database.Migrations;

namespace Warehouse.Tests.Schema;

/// <summary>
/// The reference rows PostgreSQL holds after a migrate (and a reset) are the rows the SQL Server rendering would
/// write: the SQL Server MERGE/INSERT statements are parsed with ScriptDom and their rows compared, value by
/// value, with the PostgreSQL tables.
/// </summary>
public sealed class ReferenceParityTests : DatabaseTest<PostgresProvider>
{
    [SkippableFact]
    public async Task SqlServerReferenceScripts_HoldTheRows_MigratedPostgresHolds()
    {
        var sqlServer = ReferenceRows.FromTSql(Migrator.ReferenceScripts(EngineKind.SqlServer).Select(s => s.Contents));
        await using var connection = await Provider.OpenAsync();
        var postgres = await ReferenceRows.FromDatabaseAsync(connection);

        Assert.Equal(87, sqlServer["dw.published_figure"].Count);
        Assert.Equal(16 * 13, sqlServer["dw.dim_period"].Count);
        var differences = ReferenceRows.Differences(postgres, sqlServer);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [SkippableFact]
    public async Task ReferenceParity_Fails_WhenTheSqlServerRenderingLacksARow()
    {
        var sqlServer = ReferenceRows.FromTSql(Migrator.ReferenceScripts(EngineKind.SqlServer).Select(s =>
            string.Join('\n', s.Contents.Split('\n').Where(line => !line.Contains("N'GPC'", StringComparison.Ordinal)))));
        await using var connection = await Provider.OpenAsync();
        var postgres = await ReferenceRows.FromDatabaseAsync(connection);

        var difference = Assert.Single(ReferenceRows.Differences(postgres, sqlServer));
        Assert.Equal("dw.dim_committee (committee_key=4): in PostgreSQL only", difference);
    }

    [SkippableFact]
    public async Task ReferenceParity_Fails_WhenAValueDiffers()
    {
        await Provider.ExecuteAsync("UPDATE dw.published_figure SET value_k = value_k + 1 WHERE period_key = 201813 AND scope = 'Education' AND measure = 'published actual'");
        var sqlServer = ReferenceRows.FromTSql(Migrator.ReferenceScripts(EngineKind.SqlServer).Select(s => s.Contents));
        await using var connection = await Provider.OpenAsync();
        var postgres = await ReferenceRows.FromDatabaseAsync(connection);

        var difference = Assert.Single(ReferenceRows.Differences(postgres, sqlServer));
        Assert.Equal("dw.published_figure (period_key=201813, source=finance-gl, measure=published actual, scope=Education): value_k PostgreSQL 90694 vs SQL Server 90693", difference);
    }

    [SkippableTheory]
    [InlineData(10)]
    [InlineData(ReferenceSql.ChunkSize + 1)] // rendered as array literals on PostgreSQL
    public async Task PostgresRendering_StoresTextAsWritten_WithQuotesBackslashesAndNulls(int rows)
    {
        const string tricky = "O'Brien \"quoted\" back\\slash, {braces} NULL";
        var table = new ReferenceTable("9999_tricky", "pg_temp.tricky", ["k"], ReferenceMode.Upsert, null,
            [new("k", ReferenceType.Int), new("v", ReferenceType.Text)],
            Enumerable.Range(1, rows).Select(k => (IReadOnlyList<string?>)[k.ToString(CultureInfo.InvariantCulture), k == 2 ? null : tricky]).ToList());
        await using var connection = await Provider.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TEMP TABLE tricky (k int PRIMARY KEY, v text NULL)";
            await create.ExecuteNonQueryAsync();
        }

        await using (var render = connection.CreateCommand())
        {
            render.CommandText = ReferenceSql.Render(table, EngineKind.PostgreSql);
            await render.ExecuteNonQueryAsync();
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT COUNT(*) FILTER (WHERE v = @v), COUNT(*) FILTER (WHERE v IS NULL) FROM tricky";
        var parameter = read.CreateParameter();
        parameter.ParameterName = "v";
        parameter.Value = tricky;
        read.Parameters.Add(parameter);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((rows - 1L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
    }
}

/// <summary>Reference rows as canonical text (table → key → column → value), read from T-SQL or from PostgreSQL.</summary>
public static class ReferenceRows
{
    public sealed class Table : Dictionary<string, Dictionary<string, string?>>
    {
        public Table() : base(StringComparer.Ordinal) { }
    }

    private static ReferenceTable Definition(string table) => Migrator.ReferenceTables().Single(t => t.Table == table);

    private static string KeyOf(ReferenceTable definition, Func<string, string?> value) =>
        string.Join(", ", definition.Key.Select(k => $"{k}={value(k)}"));

    public static SortedDictionary<string, Table> FromTSql(IEnumerable<string> scripts)
    {
        var tables = new SortedDictionary<string, Table>(StringComparer.Ordinal);
        foreach (var sql in scripts)
        {
            using var reader = new StringReader(sql);
            var fragment = SqlServerModel.Parser().Parse(reader, out var errors);
            if (errors.Count > 0)
                throw new InvalidOperationException($"({errors[0].Line},{errors[0].Column}): {errors[0].Message}");
            fragment.Accept(new Collector(tables));
        }
        return tables;
    }

    public static async Task<SortedDictionary<string, Table>> FromDatabaseAsync(DbConnection connection)
    {
        var tables = new SortedDictionary<string, Table>(StringComparer.Ordinal);
        foreach (var definition in Migrator.ReferenceTables())
        {
            var table = tables.TryGetValue(definition.Table, out var t) ? t : tables[definition.Table] = new Table();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", definition.Columns.Select(c => c.Name))} FROM {definition.Table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < definition.Columns.Count; i++)
                    row[definition.Columns[i].Name] = reader.IsDBNull(i) ? null : Canonical(definition.Columns[i].Type, reader.GetValue(i));
                table[KeyOf(definition, c => row[c])] = row;
            }
        }
        return tables;
    }

    /// <summary>One line per row or value that differs, naming table, key and column.</summary>
    public static IReadOnlyList<string> Differences(SortedDictionary<string, Table> postgres, SortedDictionary<string, Table> sqlServer)
    {
        var differences = new List<string>();
        foreach (var name in postgres.Keys.Union(sqlServer.Keys).Order(StringComparer.Ordinal))
        {
            var pg = postgres.GetValueOrDefault(name) ?? new Table();
            var ms = sqlServer.GetValueOrDefault(name) ?? new Table();
            foreach (var key in pg.Keys.Union(ms.Keys).Order(StringComparer.Ordinal))
            {
                if (!ms.TryGetValue(key, out var msRow))
                    differences.Add($"{name} ({key}): in PostgreSQL only");
                else if (!pg.TryGetValue(key, out var pgRow))
                    differences.Add($"{name} ({key}): in the SQL Server rendering only");
                else
                    foreach (var column in pgRow.Keys.Union(msRow.Keys).Order(StringComparer.Ordinal))
                        if (pgRow.GetValueOrDefault(column) != msRow.GetValueOrDefault(column))
                            differences.Add($"{name} ({key}): {column} PostgreSQL {pgRow.GetValueOrDefault(column) ?? "NULL"} vs SQL Server {msRow.GetValueOrDefault(column) ?? "NULL"}");
            }
        }
        return differences;
    }

    private static string Canonical(ReferenceType type, object value) => type switch
    {
        ReferenceType.Bool => value is bool b ? (b ? "1" : "0") : Number(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        ReferenceType.Int or ReferenceType.Decimal => Number(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        ReferenceType.Date => value switch
        {
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Date((string)value),
        },
        ReferenceType.TimestampTz => value switch
        {
            DateTime utc => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            _ => DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        },
        _ => (string)value,
    };

    private static string Number(string text) =>
        decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("G29", CultureInfo.InvariantCulture);

    private static string Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Collector(SortedDictionary<string, Table> tables) : TSqlFragmentVisitor
    {
        public override void Visit(MergeStatement node)
        {
            if (node.MergeSpecification.TableReference is not InlineDerivedTable source)
                throw new InvalidOperationException("A reference MERGE reads USING (VALUES …).");
            Add(Name(node.MergeSpecification.Target), source.Columns.Select(c => c.Value).ToList(), source.RowValues);
        }

        public override void Visit(InsertStatement node)
        {
            if (node.InsertSpecification.InsertSource is ValuesInsertSource values)
                Add(Name(node.InsertSpecification.Target), node.InsertSpecification.Columns
                    .Select(c => c.MultiPartIdentifier.Identifiers.Last().Value).ToList(), values.RowValues);
        }

        private void Add(string name, IReadOnlyList<string> columns, IList<RowValue> rows)
        {
            var definition = Definition(name);
            var table = tables.TryGetValue(name, out var t) ? t : tables[name] = new Table();
            foreach (var rowValue in rows)
            {
                var row = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < columns.Count; i++)
                {
                    var type = definition.Columns[definition.IndexOf(columns[i])].Type;
                    row[columns[i]] = Value(rowValue.ColumnValues[i]) is { } text ? Canonical(type, text) : null;
                }
                table[KeyOf(definition, c => row[c])] = row;
            }
        }

        private static string? Value(ScalarExpression expression) => expression switch
        {
            NullLiteral => null,
            Literal literal => literal.Value,
            UnaryExpression { UnaryExpressionType: UnaryExpressionType.Negative } minus => "-" + Value(minus.Expression),
            CastCall cast => Value(cast.Parameter),
            ParenthesisExpression parenthesis => Value(parenthesis.Expression),
            _ => throw new InvalidOperationException($"Unexpected reference value at line {expression.StartLine}."),
        };

        private static string Name(TableReference target) => target is NamedTableReference named
            ? $"{named.SchemaObject.SchemaIdentifier.Value}.{named.SchemaObject.BaseIdentifier.Value}".ToLowerInvariant()
            : throw new InvalidOperationException("A reference statement writes a named table.");
    }
}
