-- Programme RAG counts per reporting month.
-- grain: one row per reporting month
-- reproduces: F&PR Appendix 8 summary
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column red: programmes rated Red
-- column amber: programmes rated Amber
-- column green: programmes rated Green
-- column total: programmes reported
CREATE VIEW report.portfolio_rag_counts AS
SELECT p.period_end, p.fiscal_year, p.period,
       CAST(SUM(CASE WHEN r.rag = 'Red' THEN 1 ELSE 0 END) AS int) AS red,
       CAST(SUM(CASE WHEN r.rag = 'Amber' THEN 1 ELSE 0 END) AS int) AS amber,
       CAST(SUM(CASE WHEN r.rag = 'Green' THEN 1 ELSE 0 END) AS int) AS green,
       CAST(COUNT(*) AS int) AS total
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key
GROUP BY p.period_end, p.fiscal_year, p.period;
