-- The DSG rule: the Financing DSG grant line offsets the variances of the DSG-funded lines, so they do not reach the
-- bottom line; unoffset_k is what the offset leaves (0 when the rule holds).
-- grain: one row per reporting period
-- reproduces: F&PR section 6.6 (DSG)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column dsg_funded_variance_k: sum of the forecast variances of the DSG-funded lines, £000, rounded at presentation from full-precision pounds
-- column financing_dsg_variance_k: forecast variance of the Financing DSG line, £000, rounded at presentation from full-precision pounds
-- column unoffset_k: the two added: variance the offset leaves, £000, rounded at presentation from full-precision pounds
CREATE VIEW report.fpr_dsg_offset AS
SELECT m.period_end, m.fiscal_year, m.period,
       CAST(ROUND(SUM(CASE WHEN m.dsg_role = 'funded' THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS dsg_funded_variance_k,
       CAST(ROUND(SUM(CASE WHEN m.dsg_role = 'financing' THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS financing_dsg_variance_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS unoffset_k
FROM dw.v_revenue_monitoring AS m
WHERE m.dsg_role IS NOT NULL
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period;
