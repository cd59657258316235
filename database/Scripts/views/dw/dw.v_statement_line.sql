-- The printed statement lines (capital programme, capital funding, capital variation, IRPR revenue) with their
-- figures side by side, in £000 as printed (percentages in per cent), and their period, publication and service.
-- grain: one row per printed line of a statement, period and publication
-- column line_id: surrogate key of the printed line
-- column statement: capital_programme, capital_funding, capital_variation or irpr_revenue
-- column period_key: reporting period (yyyypp of the financial year)
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year label, e.g. 2018/19
-- column period: period of the financial year (1 = April, 13 = closedown)
-- column publication_key: the paper the line is printed in (dw.dim_publication)
-- column publication: publication code: fpr or irpr
-- column service_key: council service of the line; NULL for a total of the whole table
-- column service_code: council service code (P&C, C&I …); NULL for a total of the whole table
-- column service_name: council service name; NULL for a total of the whole table
-- column row_type: scheme, source, service, memorandum, subtotal or total, as the return types it
-- column line: the line's label as printed
-- column scheme_group: the heading a scheme sits under (Schools), when printed
-- column sort_order: the line's place in the printed table
-- column status: overall status (Red, Amber, Green), IRPR revenue only
-- column direction: direction of travel (↑ improved, ↓ worsened, → unchanged), IRPR revenue only
-- column batch_id: the load batch the line came from (lineage)
-- column original_budget_k: original budget as per the Business Plan, £000
-- column revised_budget_k: revised budget for the year, £000
-- column actual_k: actual spend to date (or net actual for revenue), £000
-- column forecast_outturn_k: forecast outturn (capital spend or funding), £000
-- column forecast_variance_k: forecast (or outturn) variance as printed, £000
-- column total_scheme_revised_budget_k: total scheme (all years) revised budget, £000
-- column total_scheme_forecast_variance_k: total scheme (all years) forecast variance, £000
-- column original_funding_k: original funding allocation as per the Business Plan, £000
-- column revised_funding_k: revised funding for the year, £000
-- column variations_budget_k: capital programme variations budget (negative: the slippage allowance), £000
-- column budget_used_k: variations budget used, £000
-- column budget_used_pct: variations budget used as printed, per cent
-- column revised_forecast_variance_k: revised forecast (outturn) variance after the variations budget, £000
-- column previous_forecast_variance_k: the previous month's forecast variance, £000
-- column budget_k: current net revenue budget, £000
-- column forecast_variance_pct: forecast variance as a per cent of budget, as printed
CREATE VIEW dw.v_statement_line AS
SELECT l.line_id, l.statement, l.period_key, p.period_end, p.fiscal_year, p.period,
       l.publication_key, pub.publication_code AS publication, l.service_key, s.service_code, s.service_name,
       l.row_type, l.line, l.scheme_group, l.sort_order, l.status, l.direction, l.batch_id,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'original_budget' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS original_budget_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'revised_budget' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS revised_budget_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'actual' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'forecast_outturn' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS forecast_outturn_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'forecast_variance' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'total_scheme_revised_budget' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS total_scheme_revised_budget_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'total_scheme_forecast_variance' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS total_scheme_forecast_variance_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'original_funding' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS original_funding_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'revised_funding' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS revised_funding_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'variations_budget' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS variations_budget_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'budget_used' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS budget_used_k,
       CAST(MAX(CASE WHEN f.measure = 'budget_used_pct' THEN f.value END) AS decimal(9,2)) AS budget_used_pct,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'revised_forecast_variance' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS revised_forecast_variance_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'previous_forecast_variance' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(MAX(CASE WHEN f.measure = 'budget' THEN f.value END) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(MAX(CASE WHEN f.measure = 'forecast_variance_pct' THEN f.value END) AS decimal(9,2)) AS forecast_variance_pct
FROM dw.fact_statement_line AS l
JOIN dw.dim_period AS p ON p.period_key = l.period_key
JOIN dw.dim_publication AS pub ON pub.publication_key = l.publication_key
LEFT JOIN dw.dim_council_service AS s ON s.service_key = l.service_key
LEFT JOIN dw.fact_statement_figure AS f ON f.line_id = l.line_id
GROUP BY l.line_id, l.statement, l.period_key, p.period_end, p.fiscal_year, p.period, l.publication_key, pub.publication_code,
         l.service_key, s.service_code, s.service_name, l.row_type, l.line, l.scheme_group, l.sort_order, l.status, l.direction, l.batch_id;
