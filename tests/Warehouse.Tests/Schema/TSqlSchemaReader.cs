using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Warehouse.Tests.Schema;

/// <summary>
/// Reads the tables, columns (with type and nullability), views and indexes that T-SQL scripts declare, from the
/// ScriptDom syntax tree, in the canonical form <see cref="SchemaModel"/> compares across engines.
/// </summary>
public static class TSqlSchemaReader
{
    public static IReadOnlyList<ParseError> Parse(string sql, out TSqlFragment fragment)
    {
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        fragment = parser.Parse(reader, out var errors);
        return errors.ToList();
    }

    public static SchemaModel Read(IEnumerable<(string Name, string Sql)> scripts)
    {
        var model = new SchemaModel();
        foreach (var (name, sql) in scripts)
        {
            var errors = Parse(sql, out var fragment);
            if (errors.Count > 0)
                throw new InvalidOperationException($"{name}({errors[0].Line},{errors[0].Column}): {errors[0].Message}");
            fragment.Accept(new Collector(model));
        }
        return model;
    }

    private sealed class Collector(SchemaModel model) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node)
        {
            var table = Qualified(node.SchemaObjectName);
            var keyColumns = node.Definition.TableConstraints.OfType<UniqueConstraintDefinition>()
                .Where(c => c.IsPrimaryKey)
                .SelectMany(c => c.Columns.Select(col => col.Column.MultiPartIdentifier.Identifiers.Last().Value))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            var columns = model.AddTable(table);
            foreach (var column in node.Definition.ColumnDefinitions)
                columns[column.ColumnIdentifier.Value.ToLowerInvariant()] = Describe(column, keyColumns);
        }

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            var table = Qualified(node.SchemaObjectName);
            var columns = model.AddTable(table);
            foreach (var column in node.Definition.ColumnDefinitions)
                columns[column.ColumnIdentifier.Value.ToLowerInvariant()] = Describe(column, new HashSet<string>());
        }

        // A later migration may drop what an earlier one created (stg.gl_line, migration 0151).
        public override void Visit(DropTableStatement node)
        {
            foreach (var name in node.Objects)
            {
                var table = Qualified(name);
                model.Tables.Remove(table);
                foreach (var index in model.Indexes.Keys.Where(k => k.StartsWith(table + ".", StringComparison.Ordinal)).ToList())
                    model.Indexes.Remove(index);
            }
        }

        public override void Visit(CreateIndexStatement node) =>
            model.Indexes[$"{Qualified(node.OnName)}.{node.Name.Value.ToLowerInvariant()}"] = string.Join(", ",
                node.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers.Last().Value.ToLowerInvariant()));

        // DROP INDEX name ON schema.table (migration 0151).
        public override void Visit(DropIndexStatement node)
        {
            foreach (var clause in node.DropIndexClauses.OfType<DropIndexClause>())
                model.Indexes.Remove($"{Qualified(clause.Object)}.{clause.Index.Value.ToLowerInvariant()}");
        }

        public override void Visit(CreateViewStatement node)
        {
            var names = new List<string>();
            if (node.Columns.Count > 0)
                names.AddRange(node.Columns.Select(c => c.Value.ToLowerInvariant()));
            else if (FirstSpecification(node.SelectStatement.QueryExpression) is { } spec)
                names.AddRange(spec.SelectElements.Select(ColumnName));
            model.Views[Qualified(node.SchemaObjectName)] = names;
        }

        private static QuerySpecification? FirstSpecification(QueryExpression expression) => expression switch
        {
            QuerySpecification spec => spec,
            BinaryQueryExpression binary => FirstSpecification(binary.FirstQueryExpression),
            QueryParenthesisExpression parenthesis => FirstSpecification(parenthesis.QueryExpression),
            _ => null,
        };

        private static string ColumnName(SelectElement element) => element switch
        {
            SelectScalarExpression { ColumnName: not null } aliased => aliased.ColumnName.Value.ToLowerInvariant(),
            SelectScalarExpression { Expression: ColumnReferenceExpression reference } =>
                reference.MultiPartIdentifier.Identifiers.Last().Value.ToLowerInvariant(),
            _ => throw new InvalidOperationException(
                $"View column at line {element.StartLine} needs an alias so both engines name it the same."),
        };

        private static ColumnShape Describe(ColumnDefinition column, IReadOnlySet<string> keyColumns)
        {
            var nullable = column.Constraints.OfType<NullableConstraintDefinition>().FirstOrDefault()?.Nullable ?? true;
            var isKey = keyColumns.Contains(column.ColumnIdentifier.Value)
                        || column.Constraints.OfType<UniqueConstraintDefinition>().Any(c => c.IsPrimaryKey)
                        || column.IdentityOptions is not null;
            return new ColumnShape(CanonicalType(column.DataType), nullable && !isKey);
        }

        private static string CanonicalType(DataTypeReference type)
        {
            if (type is not SqlDataTypeReference sql)
                return type.Name.BaseIdentifier.Value.ToLowerInvariant();
            var args = sql.Parameters.Select(p => p.Value.ToLowerInvariant()).ToList();
            return sql.SqlDataTypeOption switch
            {
                SqlDataTypeOption.Int => "int",
                SqlDataTypeOption.BigInt => "bigint",
                SqlDataTypeOption.SmallInt or SqlDataTypeOption.TinyInt => "smallint",
                SqlDataTypeOption.Bit => "bool",
                SqlDataTypeOption.Date => "date",
                SqlDataTypeOption.DateTimeOffset => "timestamptz",
                SqlDataTypeOption.DateTime2 or SqlDataTypeOption.DateTime => "timestamp",
                SqlDataTypeOption.Decimal or SqlDataTypeOption.Numeric => $"decimal({args[0]},{(args.Count > 1 ? args[1] : "0")})",
                SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar => args.Count == 0 || args[0] == "max" ? "text" : $"varchar({args[0]})",
                SqlDataTypeOption.NChar or SqlDataTypeOption.Char => $"char({(args.Count == 0 ? "1" : args[0])})",
                SqlDataTypeOption.UniqueIdentifier => "uuid",
                SqlDataTypeOption.VarBinary => "bytea",
                SqlDataTypeOption.Float => "double",
                var other => other.ToString().ToLowerInvariant(),
            };
        }

        private static string Qualified(SchemaObjectName name) =>
            $"{name.SchemaIdentifier?.Value ?? "dbo"}.{name.BaseIdentifier.Value}".ToLowerInvariant();
    }
}
