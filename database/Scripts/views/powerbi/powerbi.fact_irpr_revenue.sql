-- The council-wide IRPR revenue table by service as printed, with keys to period, publication and council
-- service, in £000.
-- grain: one row per printed line of the IRPR revenue table and period
-- column period_key: reporting period (powerbi.dim_period)
-- column period_end: last day of the reporting period (powerbi.dim_date)
-- column publication_key: the paper (powerbi.dim_publication; always irpr)
-- column service_key: council service (powerbi.dim_council_service; 0 = a subtotal or total)
-- column line: the service or total as printed
-- column line_type: service, subtotal, total or memorandum
-- column sort_order: the line's place in the printed table
-- column previous_forecast_variance_k: the previous month's forecast variance, £000
-- column budget_k: current net budget, £000
-- column actual_k: net actual to date, £000
-- column forecast_variance_k: forecast variance, £000
-- column forecast_variance_pct: forecast variance as a per cent of budget, as printed
-- column status: overall status: Red, Amber or Green
-- column direction: direction of travel: ↑ improved, ↓ worsened, → unchanged
-- column batch_id: the load batch (lineage)
CREATE VIEW powerbi.fact_irpr_revenue AS
SELECT period_key, period_end, publication_key, COALESCE(service_key, 0) AS service_key, line, row_type AS line_type, sort_order,
       previous_forecast_variance_k, budget_k, actual_k, forecast_variance_k, forecast_variance_pct, status, direction, batch_id
FROM dw.v_statement_line
WHERE statement = 'irpr_revenue';
