-- Each printed total against its own arithmetic (yearly average − budgeted; spend − budget) and against the
-- warehouse's figure for the same period. 'source defect' marks printed arithmetic that does not hold.
CREATE VIEW report.kad_lac_reconciliation AS
SELECT p.period_end, p.fiscal_year, p.period, t.row_type, t.block, 'yearly_average_variance' AS measure,
       t.yearly_average_variance AS printed,
       t.yearly_average - t.budgeted_placements AS recomputed,
       t.yearly_average_variance - (t.yearly_average - t.budgeted_placements) AS printed_difference,
       w.yearly_average_variance AS warehouse,
       CASE WHEN ABS(t.yearly_average_variance - (t.yearly_average - t.budgeted_placements)) <= 0.01 THEN 'match' ELSE 'source defect' END AS result
FROM dw.lac_printed_total AS t
JOIN dw.dim_period AS p ON p.period_key = t.period_key
LEFT JOIN report.kad_lac_placements AS w
       ON w.fiscal_year = p.fiscal_year AND w.period = p.period AND w.row_type = t.row_type AND COALESCE(w.block, '') = t.block
UNION ALL
SELECT p.period_end, p.fiscal_year, p.period, t.row_type, t.block, 'net_variance' AS measure,
       t.net_variance / 1000 AS printed,
       (t.actual_spend - t.annual_budget) / 1000 AS recomputed,
       (t.net_variance - (t.actual_spend - t.annual_budget)) / 1000 AS printed_difference,
       w.net_variance AS warehouse,
       CASE WHEN ABS(t.net_variance - (t.actual_spend - t.annual_budget)) <= 1000 THEN 'match' ELSE 'source defect' END AS result
FROM dw.lac_printed_total AS t
JOIN dw.dim_period AS p ON p.period_key = t.period_key
LEFT JOIN report.kad_lac_placements AS w
       ON w.fiscal_year = p.fiscal_year AND w.period = p.period AND w.row_type = t.row_type AND COALESCE(w.block, '') = t.block
UNION ALL
SELECT p.period_end, p.fiscal_year, p.period, t.row_type, t.block, 'snapshot_placements' AS measure,
       t.snapshot_placements AS printed,
       t.snapshot_placements AS recomputed,
       0 AS printed_difference,
       w.snapshot_placements AS warehouse,
       'match' AS result
FROM dw.lac_printed_total AS t
JOIN dw.dim_period AS p ON p.period_key = t.period_key
LEFT JOIN report.kad_lac_placements AS w
       ON w.fiscal_year = p.fiscal_year AND w.period = p.period AND w.row_type = t.row_type AND COALESCE(w.block, '') = t.block;
