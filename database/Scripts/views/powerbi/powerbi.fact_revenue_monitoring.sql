-- The model's budget monitoring fact at full precision in pounds; keys to powerbi.dim_period, powerbi.dim_organisation
-- and the committee of the year.
-- grain: one row per budget line per reporting period
-- reproduces: F&PR Appendix 1 (at full precision, before rounding to £000)
-- column period_key: reporting period key (YYYYPP of the financial year start)
-- column organisation_key: key of the organisation version the line was reported under (-1 = unknown)
-- column committee_key: key of the committee responsible for the line in that financial year (-1 = none recorded)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column budget_line_code: budget line code as reported in the period
-- column committee: code of the committee responsible in that financial year (UNKNOWN when none)
-- column dsg_role: financing (Financing DSG line), funded (DSG-funded line) or null
-- column budget: current full-year budget, £ full precision; expenditure +, income −
-- column actual: actual to date (outturn at closedown), £ full precision
-- column forecast_variance: forecast outturn less budget, £ full precision; overspend +
-- column forecast_outturn: forecast full-year outturn, £ full precision
-- column previous_forecast_variance: forecast variance of the prior snapshot of the same year, £ (0 when none)
-- column movement: forecast variance less previous forecast variance, £
-- column commentary_ref: commentary reference of the forecast return (Appendix 1 footnote), null when none
-- column ledger_batch_id: batch that loaded the ledger figures (budget, actual)
-- column forecast_batch_id: batch that loaded the forecast return figures; null when none
CREATE VIEW powerbi.fact_revenue_monitoring AS
SELECT m.period_key, m.organisation_key, m.committee_key, m.period_end, m.fiscal_year, m.period,
       m.budget_line_code, m.committee, m.dsg_role,
       m.budget, m.actual, m.forecast_variance, m.forecast_outturn, m.previous_forecast_variance, m.movement,
       m.commentary_ref, m.ledger_batch_id, m.forecast_batch_id
FROM dw.v_revenue_monitoring AS m;
