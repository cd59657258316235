-- Each council service's figures as each publication prints them, for comparison across publications: the
-- printed statements' service lines and service totals, and the F&PR's printed directorate Total (budget, actual,
-- forecast variance: dw.published_figure, scope Total) for the service dw.fpr_council_service names. The F&PR side
-- is what the paper printed, not the warehouse's own roll-up of the ledger (report.fpr_directorate_summary, which
-- report.reconciliation already sets against the print). Amounts in £000 as printed, percentages in per cent.
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
SELECT pf.period_key, 'revenue' AS statement, fs.service_key, pub.publication_key,
       CASE pf.measure WHEN 'published budget' THEN 'budget' WHEN 'published actual' THEN 'actual' ELSE 'forecast_variance' END AS measure,
       CAST(pf.value_k AS decimal(19,2)) AS value
FROM dw.published_figure AS pf
JOIN dw.dim_period AS dp ON dp.period_key = pf.period_key
JOIN dw.fpr_council_service AS fs ON fs.fiscal_year_start = (SELECT MAX(x.fiscal_year_start) FROM dw.fpr_council_service AS x
                                                             WHERE x.fiscal_year_start <= dp.fiscal_year_start)
JOIN dw.dim_publication AS pub ON pub.publication_code = 'fpr'
WHERE pf.scope = 'Total' AND pf.measure IN ('published budget', 'published actual', 'published forecast variance');
