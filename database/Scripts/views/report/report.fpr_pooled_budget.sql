-- Pooled budgets (§6.7, the Learning Disability Partnership): the gross pool variance on the pool's service lines,
-- the partner's share on its contribution line (the pool line with a negative budget), and the council's share.
CREATE VIEW report.fpr_pooled_budget AS
SELECT m.period_end, m.fiscal_year, m.period, m.pooled_budget AS pool,
       CAST(ROUND(SUM(CASE WHEN m.budget < 0 THEN 0 ELSE m.forecast_variance END) / 1000, 0) AS decimal(19,0)) AS gross_variance_k,
       CAST(ROUND(SUM(CASE WHEN m.budget < 0 THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS partner_share_variance_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS council_share_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS council_budget_k
FROM dw.v_revenue_monitoring AS m
WHERE m.pooled_budget IS NOT NULL
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.pooled_budget;
