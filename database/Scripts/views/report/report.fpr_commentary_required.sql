-- Lines whose forecast variance needs commentary in Appendix 2 (§6.4): |variance| greater than 2% of |budget| or
-- £100k, whichever is greater. commentary_ref shows whether the return gave one.
CREATE VIEW report.fpr_commentary_required AS
SELECT m.period_end, m.fiscal_year, m.period, m.directorate, m.budget_line AS line, m.budget_line_code, m.commentary_ref,
       CAST(ROUND(m.previous_forecast_variance / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(m.budget / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(m.actual / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(m.forecast_variance / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN m.budget IS NULL OR m.budget = 0 OR m.forecast_variance IS NULL THEN NULL ELSE CAST(ROUND(100 * m.forecast_variance / ABS(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(m.movement / 1000, 0) AS decimal(19,0)) AS movement_k,
       CAST(ROUND(CASE WHEN 0.02 * ABS(m.budget) > 100000 THEN 0.02 * ABS(m.budget) ELSE 100000 END / 1000, 0) AS decimal(19,0)) AS threshold_k
FROM dw.v_revenue_monitoring AS m
WHERE m.forecast_variance IS NOT NULL AND ABS(m.forecast_variance) > CASE WHEN 0.02 * ABS(m.budget) > 100000 THEN 0.02 * ABS(m.budget) ELSE 100000 END;
