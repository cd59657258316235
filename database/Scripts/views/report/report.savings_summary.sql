-- The savings tracker's totals per reporting period, for each committee and for all committees together:
-- original, forecast and variance, and how many proposals the tracker rates each way.
-- grain: one row per reporting period and committee, plus one row per period for all committees ('All committees')
-- reproduces: the totals row of the F&PR savings tracker (seed 004 Appendix C) and its split by the Committee column
-- column period_end: last day of the reporting period the tracker reports
-- column fiscal_year: financial year of the tracker, e.g. 2018/19
-- column period: reporting period of the financial year (1-12, 13 = closedown)
-- column committee: committee code (Adults, CYP, All = cross-committee proposals), or 'All committees' for the whole tracker
-- column proposals: number of saving proposals
-- column investment_k: investment in the year, £000
-- column original_saving_k: saving in the Business Plan, £000 (savings are negative)
-- column forecast_saving_k: forecast saving for the year, £000
-- column variance_k: variance from plan (forecast - original), £000; positive is a shortfall
-- column variance_pct: variance as a percentage of the original saving's size, 2 dp
-- column green: proposals rated Green
-- column amber: proposals rated Amber
-- column red: proposals rated Red
-- column black: proposals rated Black (not achieved this year)
-- column blue: proposals rated Blue (exceeding plan)
CREATE VIEW report.savings_summary AS
-- Each proposal counts twice: once for its committee and once (scope.whole_tracker = 1) for all committees.
SELECT p.period_end, p.fiscal_year, p.period,
       CASE WHEN scope.whole_tracker = 1 THEN 'All committees' ELSE c.committee_code END AS committee,
       CAST(COUNT(*) AS int) AS proposals,
       CAST(ROUND(SUM(s.investment) / 1000, 0) AS decimal(19,0)) AS investment_k,
       CAST(ROUND(SUM(s.original_saving) / 1000, 0) AS decimal(19,0)) AS original_saving_k,
       CAST(ROUND(SUM(s.forecast_saving) / 1000, 0) AS decimal(19,0)) AS forecast_saving_k,
       CAST(ROUND(SUM(s.variance) / 1000, 0) AS decimal(19,0)) AS variance_k,
       CASE WHEN SUM(s.original_saving) = 0 THEN NULL ELSE CAST(ROUND(100 * SUM(s.variance) / ABS(SUM(s.original_saving)), 2) AS decimal(9,2)) END AS variance_pct,
       CAST(SUM(CASE WHEN s.rag = 'Green' THEN 1 ELSE 0 END) AS int) AS green,
       CAST(SUM(CASE WHEN s.rag = 'Amber' THEN 1 ELSE 0 END) AS int) AS amber,
       CAST(SUM(CASE WHEN s.rag = 'Red' THEN 1 ELSE 0 END) AS int) AS red,
       CAST(SUM(CASE WHEN s.rag = 'Black' THEN 1 ELSE 0 END) AS int) AS black,
       CAST(SUM(CASE WHEN s.rag = 'Blue' THEN 1 ELSE 0 END) AS int) AS blue
FROM dw.fact_savings_tracker AS s
JOIN dw.dim_period AS p ON p.period_key = s.period_key
JOIN dw.dim_committee AS c ON c.committee_key = s.committee_key
CROSS JOIN (SELECT 0 AS whole_tracker UNION ALL SELECT 1) AS scope
GROUP BY p.period_end, p.fiscal_year, p.period, CASE WHEN scope.whole_tracker = 1 THEN 'All committees' ELSE c.committee_code END;
