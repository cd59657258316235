-- Each council service's figures as each publication prints them, for comparison across publications: the
-- printed statements' service lines and service totals, and the F&PR directorate summary's Total for the service
-- dw.fpr_council_service names. Amounts in £000 as printed, percentages in per cent.
-- grain: one row per period, statement, service, publication and measure
-- column period_key: reporting period (yyyypp of the financial year)
-- column statement: revenue, capital_programme, capital_variation or capital_funding
-- column service_key: council service (dw.dim_council_service)
-- column publication_key: the paper (dw.dim_publication)
-- column measure: the figure (revised_budget, actual, budget_used_pct …)
-- column value: the figure as printed, £000 or per cent
CREATE VIEW dw.v_publication_figure AS
SELECT l.period_key, CASE WHEN l.statement = 'irpr_revenue' THEN 'revenue' ELSE l.statement END AS statement,
       l.service_key, l.publication_key, f.measure,
       CAST(CASE WHEN RIGHT(f.measure, 4) = '_pct' THEN f.value ELSE ROUND(f.value / 1000, 0) END AS decimal(19,2)) AS value
FROM dw.fact_statement_line AS l
JOIN dw.fact_statement_figure AS f ON f.line_id = l.line_id
WHERE l.service_key IS NOT NULL AND l.row_type IN ('service', 'total')
UNION ALL
SELECT dp.period_key, 'revenue' AS statement, fs.service_key, pub.publication_key, m.measure,
       CAST(CASE m.measure WHEN 'budget' THEN d.budget_k WHEN 'actual' THEN d.actual_k WHEN 'forecast_variance' THEN d.forecast_variance_k
                           WHEN 'forecast_variance_pct' THEN d.forecast_variance_pct ELSE d.previous_forecast_variance_k END AS decimal(19,2)) AS value
FROM report.fpr_directorate_summary AS d
JOIN dw.dim_period AS dp ON dp.fiscal_year = d.fiscal_year AND dp.period = d.period
JOIN dw.fpr_council_service AS fs ON fs.fiscal_year_start = (SELECT MAX(x.fiscal_year_start) FROM dw.fpr_council_service AS x
                                                             WHERE x.fiscal_year_start <= dp.fiscal_year_start)
JOIN dw.dim_publication AS pub ON pub.publication_code = 'fpr'
CROSS JOIN (VALUES ('budget'), ('actual'), ('forecast_variance'), ('forecast_variance_pct'), ('previous_forecast_variance')) AS m (measure)
WHERE d.line_type = 'total';
