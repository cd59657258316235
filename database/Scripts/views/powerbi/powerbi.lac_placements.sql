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
