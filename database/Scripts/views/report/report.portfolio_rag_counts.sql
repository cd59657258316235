CREATE VIEW report.portfolio_rag_counts AS
SELECT p.period_end, p.fiscal_year, p.period,
       CAST(SUM(CASE WHEN r.rag = 'Red' THEN 1 ELSE 0 END) AS int) AS red,
       CAST(SUM(CASE WHEN r.rag = 'Amber' THEN 1 ELSE 0 END) AS int) AS amber,
       CAST(SUM(CASE WHEN r.rag = 'Green' THEN 1 ELSE 0 END) AS int) AS green,
       CAST(COUNT(*) AS int) AS total
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key
GROUP BY p.period_end, p.fiscal_year, p.period;
