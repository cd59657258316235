using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Warehouse.Tests.Schema;

/// <summary>
/// The built-in functions of SQL Server 2019 (the oldest target). DacFx does not flag an unknown built-in
/// (it takes <c>date_trunc(…)</c> for a function it cannot see) and the 2019 parser accepts any name in call
/// syntax, so every unqualified call is checked against this list. Calls that ScriptDom parses into their
/// own nodes (CAST, CONVERT, COALESCE, NULLIF, IIF, LEFT, RIGHT, TRY_CAST, PARSE) never reach it.
/// Newer names (GREATEST, LEAST, DATETRUNC, GENERATE_SERIES, DATE_BUCKET, JSON_OBJECT …) are 2022 only.
/// </summary>
public static class TSqlBuiltIns
{
    public static readonly IReadOnlySet<string> Sql2019 = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // aggregates
        "AVG", "CHECKSUM_AGG", "COUNT", "COUNT_BIG", "GROUPING", "GROUPING_ID", "MAX", "MIN", "STDEV", "STDEVP", "STRING_AGG",
        "SUM", "VAR", "VARP", "APPROX_COUNT_DISTINCT",
        // ranking and analytic
        "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "CUME_DIST", "PERCENT_RANK",
        "PERCENTILE_CONT", "PERCENTILE_DISC",
        // date and time
        "CURRENT_TIMESTAMP", "DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEFROMPARTS", "DATETIME2FROMPARTS", "DATETIMEFROMPARTS",
        "DATETIMEOFFSETFROMPARTS", "DATENAME", "DATEPART", "DAY", "EOMONTH", "GETDATE", "GETUTCDATE", "ISDATE", "MONTH",
        "SMALLDATETIMEFROMPARTS", "SWITCHOFFSET", "SYSDATETIME", "SYSDATETIMEOFFSET", "SYSUTCDATETIME", "TIMEFROMPARTS",
        "TODATETIMEOFFSET", "YEAR",
        // strings
        "ASCII", "CHAR", "CHARINDEX", "CONCAT", "CONCAT_WS", "DIFFERENCE", "FORMAT", "LEN", "LOWER", "LTRIM", "NCHAR",
        "PATINDEX", "QUOTENAME", "REPLACE", "REPLICATE", "REVERSE", "RTRIM", "SOUNDEX", "SPACE", "STR", "STRING_ESCAPE",
        "STUFF", "SUBSTRING", "TRANSLATE", "TRIM", "UNICODE", "UPPER", "STRING_SPLIT", "DATALENGTH",
        // maths
        "ABS", "ACOS", "ASIN", "ATAN", "ATN2", "CEILING", "COS", "COT", "DEGREES", "EXP", "FLOOR", "LOG", "LOG10", "PI",
        "POWER", "RADIANS", "RAND", "ROUND", "SIGN", "SIN", "SQRT", "SQUARE", "TAN",
        // logical, conversion, system, metadata, json
        "CHOOSE", "ISNULL", "ISNUMERIC", "TRY_CONVERT", "TRY_PARSE", "NEWID", "NEWSEQUENTIALID", "SCOPE_IDENTITY", "IDENT_CURRENT",
        "@@IDENTITY", "ERROR_MESSAGE", "ERROR_NUMBER", "ERROR_LINE", "ERROR_SEVERITY", "ERROR_STATE", "ERROR_PROCEDURE",
        "XACT_STATE", "OBJECT_ID", "OBJECT_NAME", "SCHEMA_ID", "SCHEMA_NAME", "DB_ID", "DB_NAME", "COL_LENGTH", "COLUMNPROPERTY",
        "OBJECTPROPERTY", "DATABASEPROPERTYEX", "DATABASE_PRINCIPAL_ID", "USER_NAME", "SUSER_SNAME", "SUSER_NAME", "SESSION_USER",
        "SYSTEM_USER", "HOST_NAME", "APP_NAME", "IS_MEMBER", "IS_ROLEMEMBER", "HAS_PERMS_BY_NAME", "TYPE_ID", "TYPE_NAME",
        "COLLATIONPROPERTY", "SERVERPROPERTY", "CHECKSUM", "BINARY_CHECKSUM", "HASHBYTES", "COMPRESS", "DECOMPRESS",
        "ISJSON", "JSON_VALUE", "JSON_QUERY", "JSON_MODIFY", "OPENJSON", "SESSION_CONTEXT", "CONTEXT_INFO", "ROWCOUNT_BIG",
        "FILEPROPERTY", "INDEXPROPERTY", "PARSENAME", "EVENTDATA", "CURSOR_STATUS", "APPLOCK_MODE", "APPLOCK_TEST",
        "SQL_VARIANT_PROPERTY", "FORMATMESSAGE", "CERTENCODED",
    };

    /// <summary>Every unqualified function call whose name SQL Server 2019 does not know, with its line and column.</summary>
    public static IReadOnlyList<(string Name, int Line, int Column)> UnknownCalls(TSqlFragment fragment)
    {
        var visitor = new Calls();
        fragment.Accept(visitor);
        return visitor.Unknown;
    }

    private sealed class Calls : TSqlFragmentVisitor
    {
        public List<(string Name, int Line, int Column)> Unknown { get; } = [];

        public override void Visit(FunctionCall node)
        {
            // dbo.f(…) or x.method(…): resolved by the model, not a built-in.
            if (node.CallTarget is not null)
                return;
            if (!Sql2019.Contains(node.FunctionName.Value))
                Unknown.Add((node.FunctionName.Value, node.StartLine, node.StartColumn));
        }
    }
}
