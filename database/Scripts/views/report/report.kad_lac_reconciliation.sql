-- Each printed LAC total against its own arithmetic (yearly average − budgeted; spend − budget) and against the
-- warehouse's figure for the same period; 'source defect' marks printed arithmetic that does not hold.
-- grain: one row per printed total per measure per reporting period
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column row_type: block_total or overall_total
-- column block: block of the total (empty for the overall total)
-- column measure: yearly_average_variance, net_variance or snapshot_placements
-- column printed: the printed figure (net variance in £000)
-- column recomputed: the figure recomputed from the printed total's own parts (£000 for net variance)
-- column printed_difference: printed less recomputed
-- column warehouse: the same figure from report.kad_lac_placements
-- column result: match or source defect
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
