using System.Collections;
using System.Data.Common;

namespace Warehouse.Etl.Core.Writing;

/// <summary>
/// A staging column: its name in the table and how to take its value from a row. <see cref="Typed"/>, when set,
/// is the same value without boxing (a <c>Func&lt;T, int&gt;</c>, <c>Func&lt;T, decimal&gt;</c>, …): a bulk copy of a
/// million rows reads it through the reader's typed getters instead of one boxed object per value.
/// </summary>
public sealed record StagingColumn<T>(string Name, Type Type, Func<T, object?> Value)
{
    public Delegate? Typed { get; init; }

    public static StagingColumn<T> Of<TValue>(string name, Func<T, TValue> value) =>
        new(name, Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue), row => value(row)) { Typed = value };
}

/// <summary>
/// Presents a stream of typed rows as a forward-only <see cref="DbDataReader"/>, so bulk copy pulls rows
/// straight from the extractor: nothing is buffered, memory stays flat whatever the file size.
/// </summary>
public sealed class RowReader<T>(IEnumerable<T> rows, IReadOnlyList<StagingColumn<T>> columns) : DbDataReader
{
    private readonly IEnumerator<T> _rows = rows.GetEnumerator();
    private T _current = default!;
    private bool _closed;

    public long RowsRead { get; private set; }

    /// <summary>The row the reader is on: when a bulk copy stops on a value, the row it came from.</summary>
    public T Current => _current;

    public override bool Read()
    {
        if (!_rows.MoveNext())
            return false;
        _current = _rows.Current;
        RowsRead++;
        return true;
    }

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public override object GetValue(int ordinal) => columns[ordinal].Value(_current) ?? DBNull.Value;

    // A non-nullable value type is never null, and a string is null or not without boxing anything.
    public override bool IsDBNull(int ordinal) => columns[ordinal].Typed switch
    {
        Func<T, int> or Func<T, long> or Func<T, short> or Func<T, decimal> or Func<T, bool> or Func<T, DateTime> or Func<T, DateOnly> => false,
        Func<T, string?> text => text(_current) is null,
        _ => columns[ordinal].Value(_current) is null,
    };
    public override int FieldCount => columns.Count;
    public override string GetName(int ordinal) => columns[ordinal].Name;
    public override Type GetFieldType(int ordinal) => columns[ordinal].Type;
    public override string GetDataTypeName(int ordinal) => columns[ordinal].Type.Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        throw new IndexOutOfRangeException($"No staging column named {name}.");
    }

    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));
    public override int Depth => 0;
    public override bool HasRows => true;
    public override bool IsClosed => _closed;
    public override int RecordsAffected => -1;
    public override bool NextResult() => false;
    public override void Close() => _closed = true;

    public override bool GetBoolean(int ordinal) => columns[ordinal].Typed is Func<T, bool> typed ? typed(_current) : (bool)GetValue(ordinal);
    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);
    public override char GetChar(int ordinal) => (char)GetValue(ordinal);
    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);
    public override decimal GetDecimal(int ordinal) => columns[ordinal].Typed switch
    {
        Func<T, decimal> typed => typed(_current),
        Func<T, decimal?> nullable => nullable(_current)!.Value,
        _ => (decimal)GetValue(ordinal),
    };
    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);
    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);
    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);
    public override short GetInt16(int ordinal) => Convert.ToInt16(GetValue(ordinal));
    public override int GetInt32(int ordinal) => columns[ordinal].Typed switch
    {
        Func<T, int> typed => typed(_current),
        Func<T, int?> nullable => nullable(_current)!.Value,
        _ => Convert.ToInt32(GetValue(ordinal)),
    };
    public override long GetInt64(int ordinal) => Convert.ToInt64(GetValue(ordinal));
    public override string GetString(int ordinal) => columns[ordinal].Typed is Func<T, string?> typed ? typed(_current)! : (string)GetValue(ordinal);
    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, columns.Count);
        for (var i = 0; i < n; i++)
            values[i] = GetValue(i);
        return n;
    }
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override IEnumerator GetEnumerator() => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _rows.Dispose();
        base.Dispose(disposing);
    }
}
