-- The capital programme as printed: the F&PR's Appendix 6.1 by scheme (with its total) and the IRPR's capital
-- summary by service (each service's line is that service's total), in £000.
-- grain: one row per printed line of a capital programme table, period and publication
-- reproduces: F&PR Appendix 6.1 Capital Expenditure; IRPR section 6.1 capital summary by service
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year label, e.g. 2018/19
-- column period: period of the financial year (1 = April, 13 = closedown)
-- column publication: the paper: fpr (Finance & Performance Report) or irpr (Integrated Resources and Performance Report)
-- column service: council service code (P&C, CFA, C&I …); All services for a total of the whole table
-- column scheme_group: the heading a scheme sits under (Schools), when printed
-- column line: the scheme, scheme category or service as printed
-- column line_type: scheme, or total (a printed total, and each IRPR service line)
-- column sort_order: the line's place in the printed table
-- column original_budget_k: original budget as per the Business Plan, £000
-- column revised_budget_k: revised budget for the year, £000
-- column actual_k: actual spend to date, £000 (NULL when not printed)
-- column forecast_outturn_k: forecast outturn for the year, £000 (NULL when not printed)
-- column forecast_variance_k: forecast (at closedown: outturn) variance, £000 (NULL when not printed)
-- column total_scheme_revised_budget_k: total scheme (all years) revised budget, £000
-- column total_scheme_forecast_variance_k: total scheme (all years) forecast variance, £000
CREATE VIEW report.capital_programme AS
SELECT period_end, fiscal_year, period, publication, COALESCE(service_code, 'All services') AS service, scheme_group, line,
       CASE WHEN row_type = 'scheme' THEN 'scheme' ELSE 'total' END AS line_type, sort_order,
       original_budget_k, revised_budget_k, actual_k, forecast_outturn_k, forecast_variance_k,
       total_scheme_revised_budget_k, total_scheme_forecast_variance_k
FROM dw.v_statement_line
WHERE statement = 'capital_programme';
