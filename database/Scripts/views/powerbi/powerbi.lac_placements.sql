-- Looked-after children placements with the budget in force for the period (the budget line with the latest
-- effective period not after it), at full precision.
-- grain: one row per placement type per reporting period
-- column period_key: reporting period key (YYYYPP of the financial year start)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column placement_type_code: placement type code
-- column placement_type: placement type as printed
-- column block: external, in_house or permanence
-- column counts_in_block_total: false for rows repeating other rows' children (Skills), so counts do not add them twice
-- column sort_order: printed order
-- column external_client_group: client group of the external placements table, null for types not in it
-- column budgeted_placements: placements the budget in force was set for
-- column annual_budget: annual budget in force, £ full precision
-- column weeks_funded: weeks a year the placement is paid for (52 or 56)
-- column budget_weekly_cost: budgeted weekly cost per placement, £
-- column snapshot_placements: children in placement at the month-end snapshot
-- column previous_snapshot_placements: children in placement at the previous month-end snapshot
-- column yearly_average: average placements over the year to date
-- column spend_to_date: spend to date, £ full precision
-- column committed_spend: spend committed to the year end by open placements, £
-- column forecast_spend: forecast full-year spend (to date plus committed), £
-- column average_weekly_cost: average weekly cost per placement, £
-- column yearly_average_variance: yearly average less budgeted placements
-- column net_variance: forecast spend less annual budget, £; overspend +
-- column weekly_cost_difference: average weekly cost less budgeted weekly cost, £
-- column batch_id: batch that loaded the row (etl.batch; see report.load_status)
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
