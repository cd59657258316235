namespace Warehouse.Etl.Sources.Finance;

/// <summary>A validated GL row with its cost-centre key resolved: what goes into dw.fact_ledger.</summary>
public readonly record struct LedgerFact(int CostCentreKey, GlRow Row);

/// <summary>
/// The cost centres of the organisation reference version in effect at the period end, by code, with the budget
/// line each rolls up to: a few thousand, read once, so each streamed GL row's key is found in memory and the
/// rows can be bulk-copied straight into dw.fact_ledger. Look-ups are exact: the GL source settles each file code
/// to the reference's spelling first (<see cref="CodeSpellings"/> over <see cref="Codes"/>), so letter case does
/// not matter.
/// </summary>
public sealed class CostCentreKeys
{
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _lines = [];

    public CostCentreKeys(IEnumerable<(string Code, int Key, string BudgetLine)> costCentresInEffect)
    {
        foreach (var (code, key, line) in costCentresInEffect)
        {
            if (!_keys.TryAdd(code, key))
                throw new InvalidOperationException(
                    $"dw.dim_cost_centre has two versions of cost centre {code} in effect on the same day (keys {_keys[code]} and {key}); the organisation reference is inconsistent.");
            _lines[key] = line;
        }
    }

    public bool TryGet(string code, out int key) => _keys.TryGetValue(code, out key);

    /// <summary>The budget line a cost centre key of this version rolls up to.</summary>
    public string BudgetLineOf(int key) => _lines[key];

    /// <summary>The codes in effect, as the reference spells them.</summary>
    public IEnumerable<string> Codes => _keys.Keys;
}

/// <summary>
/// The budget and actual of the rows sent, summed by budget line as they stream (on the reading thread). Rows of a
/// cost centre come together in an extract, so a run of them is summed in place and added to its line once, at
/// the run's end; the line totals are what the revenue roll-up is built from (stg.ledger_line_total), instead of
/// reading the new slice back.
/// </summary>
public sealed class LedgerLineTotals(CostCentreKeys keys)
{
    private readonly Dictionary<string, (decimal Budget, decimal Actual)> _lines = new(StringComparer.Ordinal);
    private int _runKey = int.MinValue;
    private decimal _runBudget, _runActual;

    public void Add(int costCentreKey, decimal budget, decimal actual)
    {
        if (costCentreKey != _runKey)
        {
            EndRun();
            _runKey = costCentreKey;
        }
        _runBudget += budget;
        _runActual += actual;
    }

    /// <summary>Budget and actual by budget line, once every row has been added.</summary>
    public IReadOnlyDictionary<string, (decimal Budget, decimal Actual)> ByLine()
    {
        EndRun();
        return _lines;
    }

    private void EndRun()
    {
        if (_runKey == int.MinValue)
            return;
        var line = keys.BudgetLineOf(_runKey);
        var (budget, actual) = _lines.GetValueOrDefault(line);
        _lines[line] = (budget + _runBudget, actual + _runActual);
        (_runKey, _runBudget, _runActual) = (int.MinValue, 0, 0);
    }
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
