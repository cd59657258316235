-- dw.v_revenue_monitoring with each whole-service line shared among committees by dw.v_committee_allocation:
-- a line of one committee once, a shared line once per committee with its amounts times the committee's share
-- (the shares of a line sum to 1, so its committees' amounts sum to the line). Pounds, full precision.
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
