-- Budget monitoring of each line across years, following renames and moves (dw.budget_line_mapping) at full
-- precision in pounds: budget_line_code is the line it became, so the trend of a 2018/19 line includes the 2017/18
-- line it was renamed from; reported_* are as reported in the period. A split line shows under each successor.
-- grain: one row per successor budget line per reported line per reporting period
-- reproduces: report.line_history at full precision
-- column period_key: reporting period key (YYYYPP of the financial year start)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year, e.g. 2018/19
-- column fiscal_year_start: calendar year in which the financial year starts
-- column period: reporting period: 1 = April … 12 = March, 13 = closedown
-- column budget_line_code: the code the line has after the restructures that followed the period (the successor)
-- column reported_budget_line_code: budget line code as reported in the period
-- column reported_line: budget line name as reported in the period
-- column reported_directorate: directorate as reported in the period
-- column change_type: renamed, moved, merged or split when a later restructure maps the line; null otherwise
-- column budget: current full-year budget, £ full precision; expenditure +, income −
-- column actual: actual to date (outturn at closedown), £ full precision
-- column forecast_variance: forecast outturn less budget, £ full precision; overspend +; null without a forecast
-- column previous_forecast_variance: forecast variance of the prior snapshot of the same year, £ (0 when none)
-- column movement: forecast variance less previous forecast variance, £
-- column ledger_batch_id: batch that loaded the ledger figures (budget, actual)
-- column forecast_batch_id: batch that loaded the forecast return figures; null when none
CREATE VIEW powerbi.fact_line_trend AS
SELECT m.period_key, m.period_end, m.fiscal_year, m.fiscal_year_start, m.period,
       COALESCE(bm.to_budget_line_code, m.budget_line_code) AS budget_line_code,
       m.budget_line_code AS reported_budget_line_code, m.budget_line AS reported_line, m.directorate AS reported_directorate,
       bm.change_type, m.budget, m.actual, m.forecast_variance, m.previous_forecast_variance, m.movement,
       m.ledger_batch_id, m.forecast_batch_id
FROM dw.v_revenue_monitoring AS m
LEFT JOIN dw.budget_line_mapping AS bm ON bm.from_budget_line_code = m.budget_line_code AND bm.effective_fiscal_year > m.fiscal_year_start;
