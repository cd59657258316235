-- Pooled budgets (the Learning Disability Partnership): gross pool variance on the pool's service lines, the partner's
-- share on its contribution line (the pool line with a negative budget) and the council's share.
-- grain: one row per pooled budget per reporting period
-- reproduces: F&PR section 6.7 (pooled budget)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column pool: pooled budget name (e.g. LDP)
-- column gross_variance_k: forecast variance of the pool's service lines, £000, rounded at presentation from full-precision pounds
-- column partner_share_variance_k: forecast variance on the partner's contribution line, £000, rounded at presentation from full-precision pounds
-- column council_share_variance_k: gross variance plus partner share: the council's share, £000, rounded at presentation from full-precision pounds
-- column council_budget_k: sum of the pool lines' budgets (the council's net budget), £000, rounded at presentation from full-precision pounds
CREATE VIEW report.fpr_pooled_budget AS
SELECT m.period_end, m.fiscal_year, m.period, m.pooled_budget AS pool,
       CAST(ROUND(SUM(CASE WHEN m.budget < 0 THEN 0 ELSE m.forecast_variance END) / 1000, 0) AS decimal(19,0)) AS gross_variance_k,
       CAST(ROUND(SUM(CASE WHEN m.budget < 0 THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS partner_share_variance_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS council_share_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS council_budget_k
FROM dw.v_revenue_monitoring AS m
WHERE m.pooled_budget IS NOT NULL
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.pooled_budget;
