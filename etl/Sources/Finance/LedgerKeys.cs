namespace Warehouse.Etl.Sources.Finance;

/// <summary>A validated GL row with its cost-centre key resolved: what goes into dw.fact_ledger.</summary>
public readonly record struct LedgerFact(int CostCentreKey, GlRow Row);

/// <summary>
/// The cost centres of the organisation reference version in effect at the period end, by code: a few
/// thousand, read once, so each streamed GL row's key is found in memory and the rows can be bulk-copied
/// straight into dw.fact_ledger. Look-ups are exact: the GL source settles each file code to the reference's
/// spelling first (<see cref="CodeSpellings"/> over <see cref="Codes"/>), so letter case does not matter.
/// </summary>
public sealed class CostCentreKeys
{
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);

    public CostCentreKeys(IEnumerable<(string Code, int Key)> costCentresInEffect)
    {
        foreach (var (code, key) in costCentresInEffect)
            if (!_keys.TryAdd(code, key))
                throw new InvalidOperationException(
                    $"dw.dim_cost_centre has two versions of cost centre {code} in effect on the same day (keys {_keys[code]} and {key}); the organisation reference is inconsistent.");
    }

    public bool TryGet(string code, out int key) => _keys.TryGetValue(code, out key);

    /// <summary>The codes in effect, as the reference spells them.</summary>
    public IEnumerable<string> Codes => _keys.Keys;
}

/// <summary>
/// Finds the repeated cost centre × account lines of a GL file by reading it again. The load does not hold
/// a key per row while it streams (memory stays flat at any size): dw.fact_ledger's primary key refuses a
/// repeat, and only then, or when the file is rejected for other errors, is the file read a second time to
/// name every repeat with the row of its first occurrence.
/// </summary>
public static class LedgerRepeats
{
    public static IEnumerable<(int Row, string CostCentre, string Account, int FirstRow)> Find(string path, string fileName)
    {
        using var rows = WorkbookReader.ReadRows(path).GetEnumerator();
        var header = HeaderLocator.Locate(rows, GeneralLedgerReader.Columns, fileName);
        var firstRow = new Dictionary<(string CostCentre, string Account), int>();
        while (rows.MoveNext())
        {
            var row = rows.Current;
            var costCentre = row.Text(header["cost_centre"]);
            var account = row.Text(header["account"]);
            if (costCentre is null || account is null)
                continue;
            if (costCentre.Equals("Total", StringComparison.OrdinalIgnoreCase))
                yield break;
            if (!firstRow.TryAdd((costCentre, account), row.RowNumber))
                yield return (row.RowNumber, costCentre, account, firstRow[(costCentre, account)]);
        }
    }
}
