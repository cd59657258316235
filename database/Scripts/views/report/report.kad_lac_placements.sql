-- Looked-after children key activity as printed: counts add into a block total only where counts_in_block_total (the
-- Skills rows are the Basic carers again); money always adds; amounts in £000, weekly costs in £.
-- grain: one row per placement type per reporting period, plus one per block total and the overall total
-- reproduces: LAC key activity data (placements)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column sort_order: printed order (overall total 1000)
-- column row_type: line, block_total or overall_total
-- column block: external, in_house or permanence; null on the overall total
-- column placement_type_code: placement type code; null on totals
-- column service_type: placement type as printed, or TOTAL, OVERALL TOTAL
-- column budgeted_placements: placements budgeted
-- column annual_budget: annual budget, £000 rounded
-- column weeks_funded: weeks a year paid for (52 or 56); null on totals
-- column budget_weekly_cost: budgeted weekly cost per placement, £ to 2 dp
-- column snapshot_placements: children in placement at the month-end snapshot
-- column yearly_average: average placements over the year to date, 2 dp
-- column actual_spend: forecast full-year spend, £000 rounded (the paper's 'actual spend')
-- column actual_weekly_cost: average weekly cost per placement, £ to 2 dp; null on totals
-- column yearly_average_variance: yearly average less budgeted placements, 2 dp
-- column net_variance: forecast spend less budget, £000 rounded; overspend +
-- column weekly_cost_difference: actual less budgeted weekly cost, £ to 2 dp; null on totals
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
