using Microsoft.Extensions.Logging;

namespace Warehouse.Etl.Sources.Payments;

/// <summary>
/// Supplier payments over £500 as councils publish them under the Transparency Code (csv or xlsx, any council's
/// headers; docs/formats/payments.md). Declared tolerant (docs/architecture.md): unreadable rows are quarantined
/// in etl.quarantine and the rest loads, and the control totals account for every row read (rows and amount read
/// = loaded + quarantined). Rows stream straight into dw.fact_payment with their keys resolved in memory; each
/// body and quarter the file covers is a slice, and a later file for a slice already loaded restates it (the
/// earlier batch's rows of that slice go; a batch left holding no slice is marked superseded).
/// </summary>
public sealed class SupplierPaymentsSource(PaymentFileOptions? options = null) : ISourceWithOptions, ISlicedSource
{
    private readonly PaymentFileOptions _options = options ?? new PaymentFileOptions();

    public string Name => "supplier-payments";
    public string Description => "Supplier payments over £500 (Transparency Code), any council's published file (csv or xlsx); tolerant";

    public IReadOnlyDictionary<string, string> Options { get; } = new Dictionary<string, string>
    {
        ["--body"] = "whose payments these are, for a file without a body column",
        ["--period"] = "the financial quarter (2018-Q1 = April–June 2018) of rows without a usable date",
    };

    public ISource WithOptions(Func<string, string?> option)
    {
        var quarter = option("--period") is { } text ? FiscalQuarter.Parse(text) : (FiscalQuarter?)null;
        return new SupplierPaymentsSource(new PaymentFileOptions(option("--body") ?? _options.Body, quarter ?? _options.Quarter));
    }

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var quarantine = new Quarantine(context.FileName);
        var reader = new PaymentsReader(context.File!.Path, context.Errors, quarantine, _options, context.RowProgress).Open();
        var keys = await PaymentKeys.LoadAsync(context, cancellationToken);
        var columns = new List<StagingColumn<PaymentFact>>
        {
            StagingColumn<PaymentFact>.Of("body_key", f => f.BodyKey),
            StagingColumn<PaymentFact>.Of("fiscal_year_start", f => (short)f.Row.Quarter.FiscalYearStart),
            StagingColumn<PaymentFact>.Of("fiscal_quarter", f => (short)f.Row.Quarter.Quarter),
            StagingColumn<PaymentFact>.Of("paid_date", f => f.Row.PaidDate?.ToDateTime(TimeOnly.MinValue)),
            StagingColumn<PaymentFact>.Of("service_area_key", f => f.ServiceAreaKey),
            StagingColumn<PaymentFact>.Of("category", f => f.Row.Category),
            StagingColumn<PaymentFact>.Of("expenditure_code", f => f.Row.ExpenditureCode),
            StagingColumn<PaymentFact>.Of("transaction_number", f => f.Row.TransactionNumber),
            StagingColumn<PaymentFact>.Of("supplier_key", f => f.SupplierKey),
            StagingColumn<PaymentFact>.Of("supplier_name", f => f.Row.SupplierName),
            StagingColumn<PaymentFact>.Of("is_redacted", f => f.Row.IsRedacted),
            StagingColumn<PaymentFact>.Of("amount", f => f.Row.Amount),
            StagingColumn<PaymentFact>.Of("irrecoverable_vat", f => f.Row.IrrecoverableVat),
            StagingColumn<PaymentFact>.Of("capital_revenue", f => f.Row.CapitalRevenue),
            StagingColumn<PaymentFact>.Of("merchant_category", f => f.Row.MerchantCategory),
            StagingColumn<PaymentFact>.Of("source_row", f => f.Row.SourceRow),
            new("batch_id", typeof(int), _ => context.BatchId),
        };
        var slices = new HashSet<(int Body, int Year, int Quarter)>();
        var facts = reader.Rows().Select(row =>
        {
            var body = keys.Body(row.Body);
            slices.Add((body, row.Quarter.FiscalYearStart, row.Quarter.Quarter));
            return new PaymentFact(row, body, keys.ServiceArea(body, row.ServiceArea), keys.Supplier(body, row));
        });
        context.RowsLoaded = await context.BulkCopyAsync("dw.fact_payment", facts, columns, cancellationToken, f => f.Row.SourceRow, reader.Sheet);
        context.RowsRead = reader.DataRows;
        if (context.Errors.Any)
            return; // rejected as a whole: the pipeline rolls the batch back

        await SaveNewMembersAsync(context, keys, cancellationToken);
        await quarantine.SaveAsync(context, cancellationToken);
        await RestateAsync(context, slices, cancellationToken);

        Quarantine.ExpectEveryRow(context.Control, reader.DataRows, reader.AmountRead);
        context.Control.LandedQuery = LandedQuery;
        if (reader.AbsentColumns.Count > 0)
            context.Logger.LogInformation("batch {BatchId}: {File} has no column for {Absent}; stored as absent", context.BatchId,
                context.FileName, string.Join(", ", reader.AbsentColumns));
        if (quarantine.Count > 0)
        {
            var summary = reader.DatedRows == 0 && _options.Quarter is null
                ? $"no row of {context.FileName} has a usable date, so its quarter is unknown: all {reader.DataRows:N0} rows quarantined; load it again with --period 2018-Q1 (its quarter)"
                : PaymentsReader.Summary(quarantine, reader.DataRows);
            context.Logger.LogWarning("batch {BatchId}: {Summary}", context.BatchId, summary);
        }
    }

    private const string LandedQuery = $"""
        WITH landed AS (
            SELECT COUNT(*) AS row_count, COALESCE(SUM(amount), 0) AS amount FROM dw.fact_payment WHERE batch_id = @batchId),
        quarantined AS ({Quarantine.QuarantinedSql})
        SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(l.row_count + q.row_count AS decimal(19,2)) AS value
        FROM landed AS l CROSS JOIN quarantined AS q
        UNION ALL
        SELECT '{Quarantine.AmountMeasure}', '', l.amount + q.amount FROM landed AS l CROSS JOIN quarantined AS q
        """;

    private sealed record PaymentFact(PaymentRow Row, int BodyKey, int? ServiceAreaKey, int? SupplierKey);

    // Bodies before the members that point at them.
    private static async Task SaveNewMembersAsync(LoadContext context, PaymentKeys keys, CancellationToken cancellationToken)
    {
        await context.BulkCopyAsync("dw.dim_body", keys.NewBodies,
        [
            StagingColumn<NewMember>.Of("body_key", m => m.Key),
            StagingColumn<NewMember>.Of("body_name", m => m.Name),
            StagingColumn<NewMember>.Of("match_key", m => m.MatchKey),
            new("batch_id", typeof(int), _ => context.BatchId),
        ], cancellationToken);
        await context.BulkCopyAsync("dw.dim_service_area", keys.NewServiceAreas,
        [
            StagingColumn<NewMember>.Of("service_area_key", m => m.Key),
            StagingColumn<NewMember>.Of("body_key", m => m.BodyKey),
            StagingColumn<NewMember>.Of("service_area", m => m.Name),
            StagingColumn<NewMember>.Of("match_key", m => m.MatchKey),
            new("batch_id", typeof(int), _ => context.BatchId),
        ], cancellationToken);
        await context.BulkCopyAsync("dw.dim_supplier", keys.NewSuppliers,
        [
            StagingColumn<NewMember>.Of("supplier_key", m => m.Key),
            StagingColumn<NewMember>.Of("body_key", m => m.BodyKey),
            StagingColumn<NewMember>.Of("supplier_id", m => m.SupplierId),
            StagingColumn<NewMember>.Of("supplier_name", m => m.Name),
            StagingColumn<NewMember>.Of("match_key", m => m.MatchKey),
            new("batch_id", typeof(int), _ => context.BatchId),
        ], cancellationToken);
    }

    /// <summary>
    /// Each body × quarter this batch loaded replaces what an earlier batch held of it; an earlier batch left
    /// holding nothing is superseded (its rows are gone, its record stays in etl for audit).
    /// </summary>
    private static async Task RestateAsync(LoadContext context, IReadOnlySet<(int Body, int Year, int Quarter)> slices,
        CancellationToken cancellationToken)
    {
        var earlier = new HashSet<int>();
        foreach (var (body, year, quarter) in slices.Order())
        {
            var slice = new { batchId = context.BatchId, body, year, quarter };
            var holder = await context.ScalarAsync<int?>("""
                SELECT batch_id FROM dw.payment_slice WHERE body_key = @body AND fiscal_year_start = @year AND fiscal_quarter = @quarter
                """, slice, cancellationToken);
            if (holder is { } previous)
            {
                earlier.Add(previous);
                await context.ExecuteAsync("""
                    DELETE FROM dw.fact_payment
                    WHERE batch_id = @previous AND body_key = @body AND fiscal_year_start = @year AND fiscal_quarter = @quarter
                    """, new { previous, body, year, quarter }, cancellationToken);
                await context.ExecuteAsync("""
                    UPDATE dw.payment_slice SET batch_id = @batchId
                    WHERE body_key = @body AND fiscal_year_start = @year AND fiscal_quarter = @quarter
                    """, slice, cancellationToken);
            }
            else
                await context.ExecuteAsync("""
                    INSERT INTO dw.payment_slice (body_key, fiscal_year_start, fiscal_quarter, batch_id) VALUES (@body, @year, @quarter, @batchId)
                    """, slice, cancellationToken);
        }
        var ledger = new BatchLedger(context.Engine, context.Time);
        foreach (var previous in earlier.Where(id => id != context.BatchId).Order())
        {
            if (await context.ScalarAsync<int>("SELECT COUNT(*) FROM dw.payment_slice WHERE batch_id = @previous", new { previous }, cancellationToken) > 0)
                continue; // it still holds another body's or quarter's payments
            await context.ExecuteAsync("UPDATE etl.batch SET superseded_by_batch_id = @batchId WHERE batch_id = @previous",
                new { batchId = context.BatchId, previous }, cancellationToken);
            await ledger.TransitionAsync(context.Connection, context.Transaction, previous, BatchState.Superseded,
                $"Restated by batch {context.BatchId}", cancellationToken);
            context.Logger.LogInformation("batch {BatchId}: restates the payments of batch {Previous}, now superseded", context.BatchId, previous);
        }
    }
}
