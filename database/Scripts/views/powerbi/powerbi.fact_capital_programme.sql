-- The capital programme lines as printed (F&PR by scheme, IRPR by service), with keys to period, publication
-- and council service, in £000.
-- grain: one row per printed line of a capital programme table, period and publication
-- column period_key: reporting period (powerbi.dim_period)
-- column period_end: last day of the reporting period (powerbi.dim_date)
-- column publication_key: the paper (powerbi.dim_publication)
-- column service_key: council service (powerbi.dim_council_service; 0 = a total of the whole table)
-- column scheme_group: the heading a scheme sits under (Schools), when printed
-- column line: the scheme, scheme category or service as printed
-- column line_type: scheme, or total (a printed total, and each IRPR service line)
-- column sort_order: the line's place in the printed table
-- column original_budget_k: original budget as per the Business Plan, £000
-- column revised_budget_k: revised budget for the year, £000
-- column actual_k: actual spend to date, £000
-- column forecast_outturn_k: forecast outturn for the year, £000
-- column forecast_variance_k: forecast (at closedown: outturn) variance, £000
-- column total_scheme_revised_budget_k: total scheme (all years) revised budget, £000
-- column total_scheme_forecast_variance_k: total scheme (all years) forecast variance, £000
-- column batch_id: the load batch (lineage)
CREATE VIEW powerbi.fact_capital_programme AS
SELECT period_key, period_end, publication_key, COALESCE(service_key, 0) AS service_key, scheme_group, line,
       CASE WHEN row_type = 'scheme' THEN 'scheme' ELSE 'total' END AS line_type, sort_order,
       original_budget_k, revised_budget_k, actual_k, forecast_outturn_k, forecast_variance_k,
       total_scheme_revised_budget_k, total_scheme_forecast_variance_k, batch_id
FROM dw.v_statement_line
WHERE statement = 'capital_programme';
