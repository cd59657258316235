-- Appendix 2, commentary on the forecast outturn position: one entry per commentary number of the forecast return,
-- with the figures of its line (or of its lines summed in pounds, for a number shared by a group) and the text.
-- grain: one row per period per commentary reference
-- reproduces: F&PR Appendix 2 (seed 000 l.425-500; seed 004 l.2659-2813)
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year label, e.g. 2018/19
-- column period: fiscal period 1-12, 13 = closedown
-- column commentary_ref: the commentary number printed beside the line(s) in Appendix 1
-- column commentary_order: printed order (the first line of the entry in Appendix 1)
-- column line: the line's name, or for several lines their service group (else directorate)
-- column previous_forecast_variance_k: forecast variance of the previous forecast held, £000
-- column budget_k: current budget, £000
-- column actual_k: actual to date (outturn at closedown), £000
-- column forecast_variance_k: forecast outturn variance (outturn variance at closedown), £000
-- column forecast_variance_pct: variance as a percentage of |budget|, one decimal
-- column commentary: the commentary text from the forecast return, whole; null when the return gave none
CREATE VIEW report.fpr_commentary AS
SELECT m.period_end, m.fiscal_year, m.period, m.commentary_ref, MIN(m.sort_order) AS commentary_order,
       CASE WHEN COUNT(*) = 1 THEN MAX(m.budget_line) ELSE COALESCE(MAX(m.service_group), MAX(m.directorate)) END AS line,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL
            ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / ABS(SUM(m.budget)), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       MAX(f.commentary) AS commentary
FROM dw.v_revenue_monitoring AS m
LEFT JOIN dw.fact_forecast_commentary AS f ON f.period_key = m.period_key AND f.budget_line_code = m.budget_line_code
WHERE m.commentary_ref IS NOT NULL
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.commentary_ref;
