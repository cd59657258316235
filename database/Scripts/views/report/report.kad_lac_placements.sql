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
       CAST(SUM(CASE WHEN CAST(counts_in_block_total AS int) = 1 THEN budgeted_placements ELSE 0 END) AS int) AS budgeted_placements,
       ROUND(SUM(COALESCE(annual_budget, 0)) / 1000, 0) AS annual_budget,
       NULL AS weeks_funded, NULL AS budget_weekly_cost,
       CAST(SUM(CASE WHEN CAST(counts_in_block_total AS int) = 1 THEN snapshot_placements ELSE 0 END) AS int) AS snapshot_placements,
       ROUND(SUM(CASE WHEN CAST(counts_in_block_total AS int) = 1 THEN yearly_average ELSE 0 END), 2) AS yearly_average,
       ROUND(SUM(forecast_spend) / 1000, 0) AS actual_spend,
       NULL AS actual_weekly_cost,
       ROUND(SUM(CASE WHEN CAST(counts_in_block_total AS int) = 1 THEN yearly_average - COALESCE(budgeted_placements, 0) ELSE 0 END), 2) AS yearly_average_variance,
       ROUND(SUM(net_variance) / 1000, 0) AS net_variance,
       NULL AS weekly_cost_difference
FROM powerbi.lac_placements
GROUP BY period_end, fiscal_year, period, block
UNION ALL
SELECT period_end, fiscal_year, period, 1000 AS sort_order, 'overall_total' AS row_type, NULL AS block,
       NULL AS placement_type_code, 'OVERALL TOTAL' AS service_type,
       CAST(SUM(CASE WHEN CAST(counts_in_block_total AS int) = 1 THEN budgeted_placements ELSE 0 END) AS int) AS budgeted_placements,
       ROUND(SUM(COALESCE(annual_budget, 0)) / 1000, 0) AS annual_budget,
       NULL AS weeks_funded, NULL AS budget_weekly_cost,
       CAST(SUM(CASE WHEN CAST(counts_in_block_total AS int) = 1 THEN snapshot_placements ELSE 0 END) AS int) AS snapshot_placements,
       ROUND(SUM(CASE WHEN CAST(counts_in_block_total AS int) = 1 THEN yearly_average ELSE 0 END), 2) AS yearly_average,
       ROUND(SUM(forecast_spend) / 1000, 0) AS actual_spend,
       NULL AS actual_weekly_cost,
       ROUND(SUM(CASE WHEN CAST(counts_in_block_total AS int) = 1 THEN yearly_average - COALESCE(budgeted_placements, 0) ELSE 0 END), 2) AS yearly_average_variance,
       ROUND(SUM(net_variance) / 1000, 0) AS net_variance,
       NULL AS weekly_cost_difference
FROM powerbi.lac_placements
GROUP BY period_end, fiscal_year, period;
