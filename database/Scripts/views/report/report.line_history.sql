-- One budget line across periods, following renames and moves (dw.budget_line_mapping): budget_line_code and line
-- are the line's latest code and name; reported_* are as reported in the period. A split line shows in each successor.
-- grain: one row per budget line successor per reporting period
-- reproduces: F&PR Appendix 1 lines across years
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column budget_line_code: the line's latest code (the successor after renames)
-- column line: the latest name of that code
-- column reported_budget_line_code: budget line code as reported in the period
-- column reported_line: budget line name as reported in the period
-- column reported_directorate: directorate as reported in the period
-- column change_type: renamed, moved, merged or split when a later restructure maps the line; null otherwise
-- column previous_forecast_variance_k: forecast variance reported in the previous period's return, £000, rounded at presentation from full-precision pounds (0 when there was none)
-- column budget_k: current full-year budget (original plus virements), £000, rounded at presentation from full-precision pounds; expenditure +, income −
-- column actual_k: actual to date (outturn at closedown), £000, rounded at presentation from full-precision pounds
-- column forecast_variance_k: forecast outturn less budget, £000, rounded at presentation from full-precision pounds; overspend +, underspend −
-- column forecast_variance_pct: forecast variance as a whole percentage of |budget|; null when budget is 0
-- column movement_k: change in forecast variance since the previous period's return, £000, rounded at presentation from full-precision pounds
CREATE VIEW report.line_history AS
SELECT m.period_end, m.fiscal_year, m.period,
       COALESCE(bm.to_budget_line_code, m.budget_line_code) AS budget_line_code,
       COALESCE(latest.budget_line, m.budget_line) AS line,
       m.budget_line_code AS reported_budget_line_code, m.budget_line AS reported_line, m.directorate AS reported_directorate,
       bm.change_type,
       CAST(ROUND(m.previous_forecast_variance / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(m.budget / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(m.actual / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(m.forecast_variance / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN m.budget IS NULL OR m.budget = 0 OR m.forecast_variance IS NULL THEN NULL ELSE CAST(ROUND(100 * m.forecast_variance / ABS(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(m.movement / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
LEFT JOIN dw.budget_line_mapping AS bm ON bm.from_budget_line_code = m.budget_line_code AND bm.effective_fiscal_year > m.fiscal_year_start
LEFT JOIN (
    SELECT o.budget_line_code, o.budget_line
    FROM dw.dim_organisation AS o
    JOIN (SELECT budget_line_code, MAX(valid_from) AS valid_from FROM dw.dim_organisation GROUP BY budget_line_code) AS v
      ON v.budget_line_code = o.budget_line_code AND v.valid_from = o.valid_from) AS latest
  ON latest.budget_line_code = COALESCE(bm.to_budget_line_code, m.budget_line_code);
