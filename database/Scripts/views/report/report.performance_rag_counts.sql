-- The front page: Red, Amber, Green, No target and Total per reporting month, for all directorates
-- ('All directorates') and per directorate as printed in the return. Rows with no published RAG are not counted.
CREATE VIEW report.performance_rag_counts AS
SELECT p.period_end, p.fiscal_year, p.period, 'All directorates' AS responsible_directorate,
       CAST(SUM(CASE WHEN f.rag_published = 'Red' THEN 1 ELSE 0 END) AS int) AS red,
       CAST(SUM(CASE WHEN f.rag_published = 'Amber' THEN 1 ELSE 0 END) AS int) AS amber,
       CAST(SUM(CASE WHEN f.rag_published = 'Green' THEN 1 ELSE 0 END) AS int) AS green,
       CAST(SUM(CASE WHEN f.rag_published = 'No target' THEN 1 ELSE 0 END) AS int) AS no_target,
       CAST(COUNT(*) AS int) AS total
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
WHERE f.rag_published IS NOT NULL
GROUP BY p.period_end, p.fiscal_year, p.period
UNION ALL
SELECT p.period_end, p.fiscal_year, p.period, COALESCE(f.responsible_directorate, 'Unknown') AS responsible_directorate,
       CAST(SUM(CASE WHEN f.rag_published = 'Red' THEN 1 ELSE 0 END) AS int) AS red,
       CAST(SUM(CASE WHEN f.rag_published = 'Amber' THEN 1 ELSE 0 END) AS int) AS amber,
       CAST(SUM(CASE WHEN f.rag_published = 'Green' THEN 1 ELSE 0 END) AS int) AS green,
       CAST(SUM(CASE WHEN f.rag_published = 'No target' THEN 1 ELSE 0 END) AS int) AS no_target,
       CAST(COUNT(*) AS int) AS total
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
WHERE f.rag_published IS NOT NULL
GROUP BY p.period_end, p.fiscal_year, p.period, COALESCE(f.responsible_directorate, 'Unknown');
