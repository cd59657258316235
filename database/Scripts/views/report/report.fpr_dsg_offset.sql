-- The DSG rule (§6.6): the Financing DSG grant line offsets the variances of the DSG-funded lines, so they do not
-- reach the bottom line. unoffset_k is what the offset leaves (0 when the rule holds on the line figures).
CREATE VIEW report.fpr_dsg_offset AS
SELECT m.period_end, m.fiscal_year, m.period,
       CAST(ROUND(SUM(CASE WHEN m.dsg_role = 'funded' THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS dsg_funded_variance_k,
       CAST(ROUND(SUM(CASE WHEN m.dsg_role = 'financing' THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS financing_dsg_variance_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS unoffset_k
FROM dw.v_revenue_monitoring AS m
WHERE m.dsg_role IS NOT NULL
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period;
