-- dw.v_revenue_monitoring with each whole-service line shared among committees by dw.v_committee_allocation:
-- a line of one committee once, a shared line once per committee with its amounts times the committee's share
-- (the shares of a line sum to 1, so its committees' amounts sum to the line). Pounds, full precision.
-- grain: one row per budget line per reporting period per committee (a shared whole-service line once per committee)
-- column period_key: reporting period key, YYYYPP of the financial year start
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19
-- column period: reporting period: 1 = April … 12 = March, 13 = closedown
-- column budget_line_code: budget line code as reported in the period
-- column directorate: directorate of the organisation version the line was reported under
-- column line_type: expenditure, grant or unknown
-- column sort_order: printed order of the line in Appendix 1
-- column committee: committee the row counts in (the line's own, or the sharing committee of a whole-service line)
-- column share: the committee's share of the line (1 for a line of one committee)
-- column budget: current full-year budget times share, £ full precision; expenditure +, income −
-- column actual: actual to date (outturn at closedown) times share, £ full precision
-- column forecast_variance: forecast outturn less budget, times share, £ full precision; overspend +
-- column previous_forecast_variance: forecast variance of the prior snapshot of the same year, times share, £ full precision
-- column movement: forecast variance less previous forecast variance, times share, £ full precision
CREATE VIEW dw.v_committee_revenue_monitoring AS
SELECT m.period_key, m.period_end, m.fiscal_year, m.period, m.budget_line_code, m.directorate, m.line_type, m.sort_order,
       m.committee, 1 AS share,
       m.budget, m.actual, m.forecast_variance, m.previous_forecast_variance, m.movement
FROM dw.v_revenue_monitoring AS m
WHERE m.committee <> 'All'
UNION ALL
SELECT m.period_key, m.period_end, m.fiscal_year, m.period, m.budget_line_code, m.directorate, m.line_type, m.sort_order,
       a.committee_code AS committee, a.share,
       m.budget * a.share AS budget, m.actual * a.share AS actual, m.forecast_variance * a.share AS forecast_variance,
       m.previous_forecast_variance * a.share AS previous_forecast_variance, m.movement * a.share AS movement
FROM dw.v_revenue_monitoring AS m
JOIN dw.v_committee_allocation AS a ON a.period_key = m.period_key AND a.budget_line_code = m.budget_line_code
WHERE m.committee = 'All';
