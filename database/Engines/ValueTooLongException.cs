namespace Warehouse.Database.Engines;

/// <summary>
/// A text value is longer than the column it is copied into. The engines check this as rows stream into a
/// bulk copy, before the server fails the whole copy with no place named, so the load can reject the file
/// naming the row (<see cref="IWarehouseEngine.BulkCopyAsync"/> stops on the first such value).
/// </summary>
public sealed class ValueTooLongException(string table, string column, int maxLength, string value)
    : Exception($"A value for {table}.{column} is {value.Length} characters long; the column holds at most {maxLength}.")
{
    public string Table { get; } = table;
    public string Column { get; } = column;
    public int MaxLength { get; } = maxLength;
    public string Value { get; } = value;
}
