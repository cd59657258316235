-- Appendix 1, the service-level budgetary control report: every budget line with its commentary reference, the
-- directorate totals, Total (expenditure), Grant Funding Total and Net Total. % is whole as printed.
-- grain: one row per budget line per reporting period, plus one per directorate total and the three totals of the period
-- reproduces: F&PR Appendix 1
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column directorate: directorate (Grant Funding on the grant total; null on Total and Net Total)
-- column service_group: service group of the line; null on total rows
-- column line: budget line name, or the directorate on its total row, or Total, Grant Funding Total, Net Total
-- column footnote: commentary reference printed beside the line (Appendix 2), null when none
-- column sort_order: printed order (line order × 10; totals after their lines)
-- column previous_forecast_variance_k: forecast variance reported in the previous period's return, £000, rounded at presentation from full-precision pounds (0 when there was none)
-- column budget_k: current full-year budget (original plus virements), £000, rounded at presentation from full-precision pounds; expenditure +, income −
-- column actual_k: actual to date (outturn at closedown), £000, rounded at presentation from full-precision pounds
-- column forecast_variance_k: forecast outturn less budget, £000, rounded at presentation from full-precision pounds; overspend +, underspend −
-- column forecast_variance_pct: forecast variance as a whole percentage: of |budget| on lines, of budget on totals; null when budget is 0
-- column movement_k: change in forecast variance since the previous period's return, £000, rounded at presentation from full-precision pounds
-- column row_type: line, directorate_total, total, grant_total or net_total
-- column budget_line_code: budget line code; null on total rows
-- column dsg_role: financing, funded or null (see report.fpr_dsg_offset)
-- column pooled_budget: pooled budget of the line, null otherwise
CREATE VIEW report.fpr_service_lines AS
SELECT m.period_end, m.fiscal_year, m.period, m.directorate, m.service_group, m.budget_line AS line, m.commentary_ref AS footnote,
       m.sort_order * 10 AS sort_order,
       CAST(ROUND(m.previous_forecast_variance / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(m.budget / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(m.actual / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(m.forecast_variance / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN m.budget IS NULL OR m.budget = 0 OR m.forecast_variance IS NULL THEN NULL ELSE CAST(ROUND(100 * m.forecast_variance / ABS(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(m.movement / 1000, 0) AS decimal(19,0)) AS movement_k,
       'line' AS row_type, m.budget_line_code, m.dsg_role, m.pooled_budget
FROM dw.v_revenue_monitoring AS m
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, m.directorate, NULL AS service_group, m.directorate AS line, NULL AS footnote,
       MAX(m.sort_order) * 10 + 5 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k,
       'directorate_total' AS row_type, NULL AS budget_line_code, NULL AS dsg_role, NULL AS pooled_budget
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.directorate
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, NULL AS directorate, NULL AS service_group, 'Total' AS line, NULL AS footnote,
       MAX(m.sort_order) * 10 + 7 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k,
       'total' AS row_type, NULL AS budget_line_code, NULL AS dsg_role, NULL AS pooled_budget
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, 'Grant Funding' AS directorate, NULL AS service_group, 'Grant Funding Total' AS line, NULL AS footnote,
       MAX(m.sort_order) * 10 + 5 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k,
       'grant_total' AS row_type, NULL AS budget_line_code, NULL AS dsg_role, NULL AS pooled_budget
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'grant'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, NULL AS directorate, NULL AS service_group, 'Net Total' AS line, NULL AS footnote,
       99999 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k,
       'net_total' AS row_type, NULL AS budget_line_code, NULL AS dsg_role, NULL AS pooled_budget
FROM dw.v_revenue_monitoring AS m
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period;
