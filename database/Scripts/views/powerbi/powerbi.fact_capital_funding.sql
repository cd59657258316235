-- Capital funding by source as printed, with keys to period, publication and council service, in £000.
-- grain: one row per printed source of funding (or total), period and publication
-- column period_key: reporting period (powerbi.dim_period)
-- column period_end: last day of the reporting period (powerbi.dim_date)
-- column publication_key: the paper (powerbi.dim_publication)
-- column service_key: council service (powerbi.dim_council_service; 0 = a total of the whole table)
-- column source_of_funding: the source as printed
-- column line_type: source, or total
-- column sort_order: the line's place in the printed table
-- column original_funding_k: original funding allocation as per the Business Plan, £000
-- column revised_funding_k: revised funding for the year, £000
-- column forecast_outturn_k: forecast funding outturn, £000
-- column forecast_variance_k: forecast funding variance, £000
-- column batch_id: the load batch (lineage)
CREATE VIEW powerbi.fact_capital_funding AS
SELECT period_key, period_end, publication_key, COALESCE(service_key, 0) AS service_key, line AS source_of_funding,
       CASE WHEN row_type = 'source' THEN 'source' ELSE 'total' END AS line_type, sort_order,
       original_funding_k, revised_funding_k, forecast_outturn_k, forecast_variance_k, batch_id
FROM dw.v_statement_line
WHERE statement = 'capital_funding';
