-- The directorate summary for one committee's lines (committee responsibility of the financial year, latest at or
-- before it), as on the committee cover reports (e.g. CYP, seed 002; Adults, seed 004). A whole-service line
-- (committee All) counts in each committee by its share (report.committee_allocation); unshared, it stays All.
CREATE VIEW report.fpr_committee_summary AS
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee, m.directorate AS line, 'directorate' AS line_type, MIN(m.sort_order) AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_committee_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee, m.directorate
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee, 'Total Expenditure' AS line, 'total_expenditure' AS line_type, 9000 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_committee_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee, 'Grant Funding' AS line, 'grant_funding' AS line_type, 9100 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_committee_revenue_monitoring AS m
WHERE m.line_type = 'grant'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee, 'Total' AS line, 'total' AS line_type, 9200 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_committee_revenue_monitoring AS m
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee;
