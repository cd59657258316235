-- Lines whose forecast variance needs commentary in Appendix 2: |variance| greater than 2% of |budget| or £100k,
-- whichever is greater. commentary_ref shows whether the return gave one.
-- grain: one row per budget line per reporting period over the threshold
-- reproduces: F&PR Appendix 2 (lines needing commentary)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column directorate: directorate of the line as reported
-- column line: budget line name as reported
-- column budget_line_code: budget line code as reported
-- column commentary_ref: commentary reference the return gave, null when none (commentary missing)
-- column previous_forecast_variance_k: forecast variance reported in the previous period's return, £000, rounded at presentation from full-precision pounds (0 when there was none)
-- column budget_k: current full-year budget (original plus virements), £000, rounded at presentation from full-precision pounds; expenditure +, income −
-- column actual_k: actual to date (outturn at closedown), £000, rounded at presentation from full-precision pounds
-- column forecast_variance_k: forecast outturn less budget, £000, rounded at presentation from full-precision pounds; overspend +, underspend −
-- column forecast_variance_pct: forecast variance as a whole percentage of |budget|; null when budget is 0
-- column movement_k: change in forecast variance since the previous period's return, £000, rounded at presentation from full-precision pounds
-- column threshold_k: commentary threshold: the greater of 2% of |budget| and £100k, in £000
CREATE VIEW report.fpr_commentary_required AS
SELECT m.period_end, m.fiscal_year, m.period, m.directorate, m.budget_line AS line, m.budget_line_code, m.commentary_ref,
       CAST(ROUND(m.previous_forecast_variance / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(m.budget / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(m.actual / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(m.forecast_variance / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN m.budget IS NULL OR m.budget = 0 OR m.forecast_variance IS NULL THEN NULL ELSE CAST(ROUND(100 * m.forecast_variance / ABS(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(m.movement / 1000, 0) AS decimal(19,0)) AS movement_k,
       CAST(ROUND(CASE WHEN 0.02 * ABS(m.budget) > 100000 THEN 0.02 * ABS(m.budget) ELSE 100000 END / 1000, 0) AS decimal(19,0)) AS threshold_k
FROM dw.v_revenue_monitoring AS m
WHERE m.forecast_variance IS NOT NULL AND ABS(m.forecast_variance) > CASE WHEN 0.02 * ABS(m.budget) > 100000 THEN 0.02 * ABS(m.budget) ELSE 100000 END;
