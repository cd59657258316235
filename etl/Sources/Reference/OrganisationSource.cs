namespace Warehouse.Etl.Sources.Reference;

/// <summary>
/// The organisation and committee reference: directorates, service groups, budget lines and cost centres
/// with the committee each line reports to, by the financial year they take effect. Loaded as SCD type 2,
/// so a line that moved directorate in a restructure keeps its earlier history.
/// </summary>
public sealed class OrganisationSource : ISource
{
    private const string LineVersionsMeasure = "budget line versions", CostCentreVersionsMeasure = "cost centre versions";

    public string Name => "organisation";
    public string Description => "Organisation and committee reference (directorate → service group → budget line → cost centre)";

    private static readonly Scd2Writer Lines = new("dw.dim_organisation", "organisation_key", "budget_line_code",
        ["budget_line", "service_group", "directorate", "line_type", "dsg_funded", "pooled_budget", "sort_order"]);

    private static readonly Scd2Writer CostCentres = new("dw.dim_cost_centre", "cost_centre_key", "cost_centre_code",
        ["cost_centre", "budget_line_code"]);

    private static readonly IReadOnlyList<StagingColumn<OrganisationRow>> StagingColumns =
    [
        StagingColumn<OrganisationRow>.Of("source_row", r => r.SourceRow),
        StagingColumn<OrganisationRow>.Of("fiscal_year_start", r => (short)r.FiscalYearStart),
        StagingColumn<OrganisationRow>.Of("valid_from", r => r.ValidFrom),
        StagingColumn<OrganisationRow>.Of("directorate", r => r.Directorate),
        StagingColumn<OrganisationRow>.Of("service_group", r => r.ServiceGroup),
        StagingColumn<OrganisationRow>.Of("budget_line_code", r => r.BudgetLineCode),
        StagingColumn<OrganisationRow>.Of("budget_line", r => r.BudgetLine),
        StagingColumn<OrganisationRow>.Of("line_type", r => r.LineType),
        StagingColumn<OrganisationRow>.Of("committee_code", r => r.CommitteeCode),
        StagingColumn<OrganisationRow>.Of("dsg_funded", r => r.DsgFunded),
        StagingColumn<OrganisationRow>.Of("pooled_budget", r => r.PooledBudget),
        StagingColumn<OrganisationRow>.Of("cost_centre_code", r => r.CostCentreCode),
        StagingColumn<OrganisationRow>.Of("cost_centre", r => r.CostCentre),
        StagingColumn<OrganisationRow>.Of("sort_order", r => r.SortOrder),
    ];

    public async Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var committees = (await context.QueryAsync<(short key, string code)>(
            "SELECT committee_key, committee_code FROM dw.dim_committee WHERE committee_key > 0", cancellationToken: cancellationToken)).ToList();
        // Codes the warehouse holds keep its spelling, so the SCD2 merge and the checks below match them on either engine.
        var budgetLineCodes = new CodeSpellings(await context.QueryAsync<string>(
            "SELECT DISTINCT budget_line_code FROM dw.dim_organisation WHERE organisation_key > 0", cancellationToken: cancellationToken));
        var costCentreCodes = new CodeSpellings(await context.QueryAsync<string>(
            "SELECT DISTINCT cost_centre_code FROM dw.dim_cost_centre WHERE cost_centre_key > 0", cancellationToken: cancellationToken));
        // Reference files are a few hundred rows: hold them to check rows against each other.
        var rows = OrganisationReader.Read(context.File!.Path, context.Errors, committees.Select(c => c.code).ToHashSet(),
            budgetLineCodes, costCentreCodes).ToList();
        context.RowsRead = rows.Count;
        CheckConsistency(rows, context);
        if (context.Errors.Any)
            return;

        // Staged first: a value too long for its column is refused here, at its row.
        await context.StageAsync("stg.organisation", rows, StagingColumns, cancellationToken);

        var lineVersions = rows.GroupBy(r => (r.BudgetLineCode, r.FiscalYearStart)).Select(g => g.First()).ToList();
        // The file gives the whole structure of each year it lists: what the latest year omits has ended.
        var latestYearStart = rows.Max(r => r.ValidFrom);
        await Lines.MergeAsync(context, lineVersions.Select(r => new Scd2Version(r.BudgetLineCode, r.ValidFrom, new Dictionary<string, object?>
        {
            ["budget_line"] = r.BudgetLine, ["service_group"] = r.ServiceGroup, ["directorate"] = r.Directorate,
            ["line_type"] = r.LineType, ["dsg_funded"] = r.DsgFunded, ["pooled_budget"] = r.PooledBudget, ["sort_order"] = r.SortOrder,
        }) { NotStated = r.NotStated }), cancellationToken, latestYearStart);
        // A column the file lacks: the staged rows take what each line kept, so they say what dw now holds (and the
        // reconciliation below compares that). The version in effect on the row's date is the one just merged.
        if (rows[0].NotStated.Count > 0)
            await context.ExecuteAsync("""
                UPDATE stg.organisation SET
                    service_group = (SELECT d.service_group FROM dw.dim_organisation AS d WHERE d.budget_line_code = stg.organisation.budget_line_code
                                     AND d.valid_from <= stg.organisation.valid_from AND d.valid_to >= stg.organisation.valid_from),
                    dsg_funded = (SELECT d.dsg_funded FROM dw.dim_organisation AS d WHERE d.budget_line_code = stg.organisation.budget_line_code
                                  AND d.valid_from <= stg.organisation.valid_from AND d.valid_to >= stg.organisation.valid_from),
                    pooled_budget = (SELECT d.pooled_budget FROM dw.dim_organisation AS d WHERE d.budget_line_code = stg.organisation.budget_line_code
                                     AND d.valid_from <= stg.organisation.valid_from AND d.valid_to >= stg.organisation.valid_from),
                    sort_order = (SELECT d.sort_order FROM dw.dim_organisation AS d WHERE d.budget_line_code = stg.organisation.budget_line_code
                                  AND d.valid_from <= stg.organisation.valid_from AND d.valid_to >= stg.organisation.valid_from)
                WHERE batch_id = @batchId
                """, new { batchId = context.BatchId }, cancellationToken);
        await CostCentres.MergeAsync(context, rows.Select(r => new Scd2Version(r.CostCentreCode, r.ValidFrom, new Dictionary<string, object?>
        {
            ["cost_centre"] = r.CostCentre, ["budget_line_code"] = r.BudgetLineCode,
        })), cancellationToken, latestYearStart);

        var committeeKeys = committees.ToDictionary(c => c.code, c => c.key, StringComparer.OrdinalIgnoreCase);
        foreach (var line in lineVersions)
        {
            var parameters = new { code = line.BudgetLineCode, fy = (short)line.FiscalYearStart, committee = committeeKeys[line.CommitteeCode], batchId = context.BatchId };
            var changed = await context.ExecuteAsync(
                "UPDATE dw.committee_responsibility SET committee_key = @committee, batch_id = @batchId WHERE budget_line_code = @code AND fiscal_year_start = @fy AND committee_key <> @committee",
                parameters, cancellationToken);
            var exists = await context.ScalarAsync<int>(
                "SELECT COUNT(*) FROM dw.committee_responsibility WHERE budget_line_code = @code AND fiscal_year_start = @fy", parameters, cancellationToken);
            if (exists == 0)
                await context.ExecuteAsync(
                    "INSERT INTO dw.committee_responsibility (budget_line_code, fiscal_year_start, committee_key, batch_id) VALUES (@code, @fy, @committee, @batchId)",
                    parameters, cancellationToken);
        }
        context.RowsLoaded = rows.Count;

        // Every line and cost centre of the file must be in dw, as the file states it, on the date it takes effect.
        context.Control.Expect(ControlMeasures.Rows, "", rows.Count);
        context.Control.Expect(LineVersionsMeasure, "", lineVersions.Count);
        context.Control.Expect(CostCentreVersionsMeasure, "", rows.Select(r => (r.CostCentreCode, r.FiscalYearStart)).Distinct().Count());
        context.Control.LandedQuery = $"""
            SELECT '{ControlMeasures.Rows}' AS measure, '' AS scope, CAST(COUNT(*) AS decimal(19,2)) AS value FROM stg.organisation WHERE batch_id = @batchId
            UNION ALL
            SELECT '{LineVersionsMeasure}', '', CAST(COUNT(*) AS decimal(19,2)) FROM (
                SELECT DISTINCT s.budget_line_code, s.valid_from FROM stg.organisation AS s
                JOIN dw.dim_organisation AS d ON d.budget_line_code = s.budget_line_code
                 AND d.valid_from <= s.valid_from AND d.valid_to >= s.valid_from
                 AND d.budget_line = s.budget_line AND d.directorate = s.directorate
                 AND COALESCE(d.service_group, '') = COALESCE(s.service_group, '')
                WHERE s.batch_id = @batchId) AS lines
            UNION ALL
            SELECT '{CostCentreVersionsMeasure}', '', CAST(COUNT(*) AS decimal(19,2)) FROM (
                SELECT DISTINCT s.cost_centre_code, s.valid_from FROM stg.organisation AS s
                JOIN dw.dim_cost_centre AS d ON d.cost_centre_code = s.cost_centre_code
                 AND d.valid_from <= s.valid_from AND d.valid_to >= s.valid_from
                 AND d.budget_line_code = s.budget_line_code AND d.cost_centre = s.cost_centre
                WHERE s.batch_id = @batchId) AS centres
            """;
    }

    // Within one year a cost centre appears once, and every row of a budget line agrees on the line's attributes.
    private static void CheckConsistency(IReadOnlyList<OrganisationRow> rows, LoadContext context)
    {
        foreach (var duplicate in rows.GroupBy(r => (r.CostCentreCode, r.FiscalYearStart)).Where(g => g.Count() > 1))
            foreach (var row in duplicate.Skip(1))
                context.Reject(null, row.SourceRow, "cost_centre_code", row.CostCentreCode,
                    $"cost centre {row.CostCentreCode} appears more than once for {FiscalPeriod.FiscalYearLabel(row.FiscalYearStart)} (first at row {duplicate.First().SourceRow})");
        foreach (var line in rows.GroupBy(r => (r.BudgetLineCode, r.FiscalYearStart)))
        {
            var first = line.First();
            foreach (var row in line.Skip(1))
            {
                if (row.BudgetLine != first.BudgetLine || row.Directorate != first.Directorate || row.ServiceGroup != first.ServiceGroup
                    || row.CommitteeCode != first.CommitteeCode || row.LineType != first.LineType || row.DsgFunded != first.DsgFunded)
                    context.Reject(null, row.SourceRow, "budget_line_code", row.BudgetLineCode,
                        $"budget line {row.BudgetLineCode} is described differently from row {first.SourceRow} in the same year");
            }
        }
    }
}
