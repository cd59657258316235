using System.Globalization;

namespace Warehouse.Etl.Core.Pipeline;

/// <summary>A row a tolerant source set aside: where it is, why, and the amount it carried when one could be read.</summary>
public sealed record QuarantinedRow(string File, string? Sheet, int? Row, string? Column, string? Value, string Reason, decimal? Amount)
{
    public override string ToString() => new RowError(File, Sheet, Row, Column, Value, Reason).ToString();
}

/// <summary>
/// The quarantine of one batch of a source declared tolerant (docs/architecture.md: published data such as
/// supplier payments). A row with an unreadable value is set aside here instead of rejecting the file; the rest
/// loads. Saved into etl.quarantine inside the batch's transaction, so a batch that fails keeps none of it. The
/// control totals then account for every row read: <see cref="ExpectEveryRow"/> states rows and amount read,
/// and <see cref="LandedSql"/> measures loaded + quarantined. Problems with the file as a whole (no header, no
/// body) still reject it: quarantine is for rows.
/// </summary>
public sealed class Quarantine(string file)
{
    /// <summary>The control-total measure of money read, against money loaded plus money quarantined.</summary>
    public const string AmountMeasure = "amount";

    private readonly List<QuarantinedRow> _rows = [];

    public string File { get; } = file;
    public IReadOnlyList<QuarantinedRow> Rows => _rows;
    public int Count => _rows.Count;
    public decimal Amount => _rows.Sum(r => r.Amount ?? 0m);

    /// <summary>Sets the row aside (once: a row with two bad cells is one quarantined row, named by its first).</summary>
    public void Add(SheetRow row, string? column, object? value, string reason, decimal? amount) =>
        _rows.Add(new QuarantinedRow(row.File, row.Sheet, row.RowNumber, column, value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture), reason, amount));

    /// <summary>Writes the quarantined rows into etl.quarantine in the batch's transaction.</summary>
    public Task<long> SaveAsync(LoadContext context, CancellationToken cancellationToken) =>
        context.BulkCopyAsync("etl.quarantine", _rows,
        [
            new StagingColumn<QuarantinedRow>("batch_id", typeof(int), _ => context.BatchId),
            StagingColumn<QuarantinedRow>.Of("file_name", r => Truncate(r.File, 400)),
            StagingColumn<QuarantinedRow>.Of("sheet", r => Truncate(r.Sheet, 100)),
            StagingColumn<QuarantinedRow>.Of("row_number", r => r.Row),
            StagingColumn<QuarantinedRow>.Of("column_name", r => Truncate(r.Column, 200)),
            StagingColumn<QuarantinedRow>.Of("value", r => Truncate(r.Value, 400)),
            StagingColumn<QuarantinedRow>.Of("reason", r => Truncate(r.Reason, 1000)),
            StagingColumn<QuarantinedRow>.Of("amount", r => r.Amount),
        ], cancellationToken);

    /// <summary>States what the source read: every row and the money in the rows whose amount could be read.</summary>
    public static void ExpectEveryRow(ControlTotals control, long rowsRead, decimal amountRead)
    {
        control.Expect(ControlMeasures.Rows, "", rowsRead);
        control.Expect(AmountMeasure, "", amountRead);
    }

    /// <summary>
    /// What the batch quarantined, as (row_count, amount): a source's landed query adds it to what it loaded, so
    /// the totals of <see cref="ExpectEveryRow"/> compare against loaded + quarantined.
    /// </summary>
    public const string QuarantinedSql =
        "SELECT COUNT(*) AS row_count, COALESCE(SUM(amount), 0) AS amount FROM etl.quarantine WHERE batch_id = @batchId";

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
