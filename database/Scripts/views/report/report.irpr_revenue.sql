-- The IRPR revenue budget by council service as printed, with its subtotals, totals and memorandum items, in £000.
-- grain: one row per printed line of the IRPR revenue table and period
-- reproduces: IRPR revenue budget by service (section 3)
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year label, e.g. 2018/19
-- column period: period of the financial year (1 = April, 13 = closedown)
-- column service: the service or total as printed (People & Communities, Service Net Spending …)
-- column line_type: service, subtotal, total or memorandum
-- column sort_order: the line's place in the printed table
-- column previous_forecast_variance_k: the previous month's forecast variance, £000
-- column budget_k: current net budget for the year, £000
-- column actual_k: net actual to date, £000 (NULL when printed as TBC)
-- column forecast_variance_k: forecast variance, £000
-- column forecast_variance_pct: forecast variance as a per cent of budget, as printed (NULL when printed "-")
-- column status: overall status: Red, Amber or Green
-- column direction: direction of travel: ↑ improved, ↓ worsened, → unchanged since last month
CREATE VIEW report.irpr_revenue AS
SELECT period_end, fiscal_year, period, line AS service, row_type AS line_type, sort_order,
       previous_forecast_variance_k, budget_k, actual_k, forecast_variance_k, forecast_variance_pct, status, direction
FROM dw.v_statement_line
WHERE statement = 'irpr_revenue' AND publication = 'irpr';
