-- The use of the capital programme variations budget by service as printed, with keys to period, publication
-- and council service, in £000.
-- grain: one row per printed line of the variations table, period and publication
-- column period_key: reporting period (powerbi.dim_period)
-- column period_end: last day of the reporting period (powerbi.dim_date)
-- column publication_key: the paper (powerbi.dim_publication)
-- column service_key: council service (powerbi.dim_council_service; 0 = a subtotal or total)
-- column line: the service or total as printed
-- column line_type: service, subtotal or total
-- column sort_order: the line's place in the printed table
-- column variations_budget_k: capital programme variations budget (negative), £000
-- column forecast_variance_k: forecast (at closedown: outturn) variance, £000
-- column budget_used_k: variations budget used, £000
-- column budget_used_pct: variations budget used as printed, per cent
-- column revised_forecast_variance_k: revised forecast variance after the variations budget, £000
-- column batch_id: the load batch (lineage)
CREATE VIEW powerbi.fact_capital_variation AS
SELECT period_key, period_end, publication_key, COALESCE(service_key, 0) AS service_key, line, row_type AS line_type, sort_order,
       variations_budget_k, forecast_variance_k, budget_used_k, budget_used_pct, revised_forecast_variance_k, batch_id
FROM dw.v_statement_line
WHERE statement = 'capital_variation';
