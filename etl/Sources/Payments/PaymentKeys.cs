namespace Warehouse.Etl.Sources.Payments;

/// <summary>A member of a payments dimension the load added: written after the fact rows, in the same transaction.</summary>
public sealed record NewMember(int Key, int? BodyKey, string? SupplierId, string Name, string MatchKey);

/// <summary>
/// Surrogate keys of bodies, service areas and suppliers, resolved in memory while the rows stream into the fact
/// (one bulk copy, as the ledger does): the dimensions are read once at the start, a new member gets the next
/// key, and the new members are bulk-copied into their tables after the facts. Safe because no two loads of the
/// source run at once (the pipeline's load lock) and the whole batch is one transaction.
/// </summary>
public sealed class PaymentKeys
{
    private readonly Members _bodies, _serviceAreas, _suppliers;
    // The same spelling recurs on most rows: normalise each once.
    private readonly Dictionary<(int, string?, string), int> _supplierBySpelling = new();
    private readonly Dictionary<(int, string), int> _serviceAreaBySpelling = new();
    private readonly Dictionary<string, int> _bodyBySpelling = new(StringComparer.Ordinal);

    private PaymentKeys(Members bodies, Members serviceAreas, Members suppliers) =>
        (_bodies, _serviceAreas, _suppliers) = (bodies, serviceAreas, suppliers);

    public static async Task<PaymentKeys> LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var bodies = await context.QueryAsync<(int, string)>("SELECT body_key, match_key FROM dw.dim_body", cancellationToken: cancellationToken);
        var areas = await context.QueryAsync<(int, int, string)>("SELECT service_area_key, body_key, match_key FROM dw.dim_service_area", cancellationToken: cancellationToken);
        var suppliers = await context.QueryAsync<(int, int, string)>("SELECT supplier_key, body_key, match_key FROM dw.dim_supplier", cancellationToken: cancellationToken);
        return new PaymentKeys(new Members(bodies.Select(b => (b.Item1, 0, b.Item2))), new Members(areas), new Members(suppliers));
    }

    public IReadOnlyList<NewMember> NewBodies => _bodies.Added;
    public IReadOnlyList<NewMember> NewServiceAreas => _serviceAreas.Added;
    public IReadOnlyList<NewMember> NewSuppliers => _suppliers.Added;

    public int Body(string name)
    {
        if (!_bodyBySpelling.TryGetValue(name, out var key))
            _bodyBySpelling[name] = key = _bodies.KeyOf(0, Cells.NameKey(name), () => (null, Cells.CleanText(name)), storedBody: null);
        return key;
    }

    public int? ServiceArea(int bodyKey, string? name)
    {
        if (name is null)
            return null;
        if (!_serviceAreaBySpelling.TryGetValue((bodyKey, name), out var key))
            _serviceAreaBySpelling[(bodyKey, name)] = key = _serviceAreas.KeyOf(bodyKey, Cells.NameKey(name), () => (null, Cells.CleanText(name)), bodyKey);
        return key;
    }

    /// <summary>The supplier of a payment; a redacted payee has none, so two redacted payments are never one supplier.</summary>
    public int? Supplier(int bodyKey, PaymentRow row)
    {
        if (row.IsRedacted)
            return null;
        if (!_supplierBySpelling.TryGetValue((bodyKey, row.SupplierId, row.SupplierName), out var key))
            _supplierBySpelling[(bodyKey, row.SupplierId, row.SupplierName)] = key = _suppliers.KeyOf(bodyKey,
                PaymentCells.SupplierMatchKey(row.SupplierId, row.SupplierName), () => (row.SupplierId, Cells.CleanText(row.SupplierName)), bodyKey);
        return key;
    }

    private sealed class Members
    {
        private readonly Dictionary<(int Body, string Match), int> _keys = new();
        private int _next;

        public Members(IEnumerable<(int Key, int Body, string Match)> existing)
        {
            foreach (var (key, body, match) in existing)
                _keys[(body, match)] = key;
            _next = _keys.Count == 0 ? 1 : _keys.Values.Max() + 1;
        }

        public List<NewMember> Added { get; } = [];

        public int KeyOf(int body, string match, Func<(string? Id, string Name)> describe, int? storedBody)
        {
            if (_keys.TryGetValue((body, match), out var key))
                return key;
            key = _next++;
            _keys[(body, match)] = key;
            var (id, name) = describe();
            Added.Add(new NewMember(key, storedBody, id, name, match));
            return key;
        }
    }
}
