-- LAC placements published: one row per placement type and period at full precision (powerbi), and the
-- committee table T000-4 with its block totals and overall total, and Appendix 2 (report, £000 as printed).
CREATE VIEW powerbi.dim_placement_type AS
SELECT placement_type_code, placement_type, block, weeks_funded, counts_in_block_total, sort_order, external_client_group
FROM dw.dim_placement_type;

-- The budget in force for a period is the line with the latest effective period not after it.
CREATE VIEW powerbi.lac_placements AS
SELECT f.period_key, p.period_end, p.fiscal_year, p.period, t.placement_type_code, t.placement_type, t.block,
       t.counts_in_block_total, t.sort_order, t.external_client_group,
       b.budgeted_placements, b.annual_budget, t.weeks_funded, b.budget_weekly_cost,
       f.snapshot_placements, f.previous_snapshot_placements, f.yearly_average,
       f.spend_to_date, f.committed_spend, f.forecast_spend, f.average_weekly_cost,
       f.yearly_average - b.budgeted_placements AS yearly_average_variance,
       f.forecast_spend - COALESCE(b.annual_budget, 0) AS net_variance,
       f.average_weekly_cost - b.budget_weekly_cost AS weekly_cost_difference,
       f.batch_id
FROM dw.fact_lac_placement_month AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
JOIN dw.dim_placement_type AS t ON t.placement_type_code = f.placement_type_code
LEFT JOIN dw.lac_budget AS b
       ON b.fiscal_year_start = p.fiscal_year_start AND b.placement_type_code = f.placement_type_code
      AND b.effective_period = (SELECT MAX(b2.effective_period) FROM dw.lac_budget AS b2
                                WHERE b2.fiscal_year_start = p.fiscal_year_start
                                  AND b2.placement_type_code = f.placement_type_code
                                  AND b2.effective_period <= p.period);

-- Counts add into a block total only where counts_in_block_total (the Skills rows are the Basic carers again);
-- money always adds. Block yearly-average variance is computed (the printed permanence total copies a row: a defect).
CREATE VIEW report.kad_lac_placements AS
SELECT period_end, fiscal_year, period, sort_order, 'line' AS row_type, block, placement_type_code,
       placement_type AS service_type,
       budgeted_placements,
       ROUND(annual_budget / 1000, 0) AS annual_budget,
       weeks_funded,
       ROUND(budget_weekly_cost, 2) AS budget_weekly_cost,
       snapshot_placements,
       ROUND(yearly_average, 2) AS yearly_average,
       ROUND(forecast_spend / 1000, 0) AS actual_spend,
       ROUND(average_weekly_cost, 2) AS actual_weekly_cost,
       ROUND(yearly_average_variance, 2) AS yearly_average_variance,
       ROUND(net_variance / 1000, 0) AS net_variance,
       ROUND(weekly_cost_difference, 2) AS weekly_cost_difference
FROM powerbi.lac_placements
UNION ALL
SELECT period_end, fiscal_year, period, MAX(sort_order) + 5 AS sort_order, 'block_total' AS row_type, block,
       NULL AS placement_type_code, 'TOTAL' AS service_type,
       CAST(SUM(CASE WHEN CAST(counts_in_block_total AS integer) = 1 THEN budgeted_placements ELSE 0 END) AS integer) AS budgeted_placements,
       ROUND(SUM(COALESCE(annual_budget, 0)) / 1000, 0) AS annual_budget,
       NULL AS weeks_funded, NULL AS budget_weekly_cost,
       CAST(SUM(CASE WHEN CAST(counts_in_block_total AS integer) = 1 THEN snapshot_placements ELSE 0 END) AS integer) AS snapshot_placements,
       ROUND(SUM(CASE WHEN CAST(counts_in_block_total AS integer) = 1 THEN yearly_average ELSE 0 END), 2) AS yearly_average,
       ROUND(SUM(forecast_spend) / 1000, 0) AS actual_spend,
       NULL AS actual_weekly_cost,
       ROUND(SUM(CASE WHEN CAST(counts_in_block_total AS integer) = 1 THEN yearly_average - COALESCE(budgeted_placements, 0) ELSE 0 END), 2) AS yearly_average_variance,
       ROUND(SUM(net_variance) / 1000, 0) AS net_variance,
       NULL AS weekly_cost_difference
FROM powerbi.lac_placements
GROUP BY period_end, fiscal_year, period, block
UNION ALL
SELECT period_end, fiscal_year, period, 1000 AS sort_order, 'overall_total' AS row_type, NULL AS block,
       NULL AS placement_type_code, 'OVERALL TOTAL' AS service_type,
       CAST(SUM(CASE WHEN CAST(counts_in_block_total AS integer) = 1 THEN budgeted_placements ELSE 0 END) AS integer) AS budgeted_placements,
       ROUND(SUM(COALESCE(annual_budget, 0)) / 1000, 0) AS annual_budget,
       NULL AS weeks_funded, NULL AS budget_weekly_cost,
       CAST(SUM(CASE WHEN CAST(counts_in_block_total AS integer) = 1 THEN snapshot_placements ELSE 0 END) AS integer) AS snapshot_placements,
       ROUND(SUM(CASE WHEN CAST(counts_in_block_total AS integer) = 1 THEN yearly_average ELSE 0 END), 2) AS yearly_average,
       ROUND(SUM(forecast_spend) / 1000, 0) AS actual_spend,
       NULL AS actual_weekly_cost,
       ROUND(SUM(CASE WHEN CAST(counts_in_block_total AS integer) = 1 THEN yearly_average - COALESCE(budgeted_placements, 0) ELSE 0 END), 2) AS yearly_average_variance,
       ROUND(SUM(net_variance) / 1000, 0) AS net_variance,
       NULL AS weekly_cost_difference
FROM powerbi.lac_placements
GROUP BY period_end, fiscal_year, period;

-- Appendix 2: external placements by client group (excludes UASC; the rows with a client group).
CREATE VIEW report.kad_lac_external_placements AS
SELECT period_end, fiscal_year, period, sort_order, external_client_group AS client_group, placement_type_code,
       budgeted_placements AS budgeted_packages,
       previous_snapshot_placements AS previous_month_packages,
       snapshot_placements AS this_month_packages,
       snapshot_placements - COALESCE(budgeted_placements, 0) AS variance
FROM powerbi.lac_placements
WHERE external_client_group IS NOT NULL
UNION ALL
SELECT period_end, fiscal_year, period, 1000 AS sort_order, 'TOTAL' AS client_group, NULL AS placement_type_code,
       CAST(SUM(COALESCE(budgeted_placements, 0)) AS integer) AS budgeted_packages,
       CAST(SUM(previous_snapshot_placements) AS integer) AS previous_month_packages,
       CAST(SUM(snapshot_placements) AS integer) AS this_month_packages,
       CAST(SUM(snapshot_placements - COALESCE(budgeted_placements, 0)) AS integer) AS variance
FROM powerbi.lac_placements
WHERE external_client_group IS NOT NULL
GROUP BY period_end, fiscal_year, period;
