using Warehouse.Etl.Extract.Finance;

namespace Warehouse.Etl.Load.Finance;

/// <summary>A validated GL row with its cost-centre key resolved: what goes into dw.fact_ledger.</summary>
public readonly record struct LedgerFact(int CostCentreKey, GlRow Row);

/// <summary>
/// The two checks a GL row needs from the warehouse, done in memory while the rows stream past so the rows
/// can be bulk-copied straight into dw.fact_ledger: the cost centre must be one of the organisation
/// reference version in effect at the period end (a few thousand codes, read once), and each cost centre ×
/// account may appear once. Accounts are numbered as they are first seen, so the duplicate check holds two
/// numbers and a row number per line (about 30 MB at a million rows) rather than a million strings.
/// </summary>
public sealed class LedgerKeys
{
    private readonly IReadOnlyDictionary<string, int> _costCentres;
    private readonly Dictionary<string, int> _accounts = new(StringComparer.Ordinal);
    // Keyed by a tuple, not a long packed from the two numbers: long's hash folds its halves together by XOR,
    // so small cost-centre and account numbers collide into a few thousand buckets.
    private readonly Dictionary<(int CostCentreKey, int AccountId), int> _firstRow = new();

    public LedgerKeys(IEnumerable<(string Code, int Key)> costCentresInEffect)
    {
        var costCentres = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, key) in costCentresInEffect)
            if (!costCentres.TryAdd(code, key))
                throw new InvalidOperationException(
                    $"dw.dim_cost_centre has two versions of cost centre {code} in effect on the same day (keys {costCentres[code]} and {key}); the organisation reference is inconsistent.");
        _costCentres = costCentres;
    }

    public int CostCentres => _costCentres.Count;

    /// <summary>Whether the row can be loaded; if so its cost-centre key, if it repeats a line the row it first appeared on.</summary>
    public LedgerRowCheck Check(GlRow row, out int costCentreKey, out int firstRow)
    {
        firstRow = 0;
        if (!_costCentres.TryGetValue(row.CostCentreCode, out costCentreKey))
            return LedgerRowCheck.UnknownCostCentre;
        if (!_accounts.TryGetValue(row.AccountCode, out var accountId))
            _accounts.Add(row.AccountCode, accountId = _accounts.Count);
        var line = (costCentreKey, accountId);
        if (_firstRow.TryAdd(line, row.SourceRow))
            return LedgerRowCheck.Loadable;
        firstRow = _firstRow[line];
        return LedgerRowCheck.RepeatedLine;
    }
}

public enum LedgerRowCheck { Loadable, UnknownCostCentre, RepeatedLine }
