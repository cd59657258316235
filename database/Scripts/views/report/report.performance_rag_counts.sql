-- The front page RAG counts for all directorates and per directorate as printed in the return; rows with no
-- published RAG are not counted.
-- grain: one row per reporting month for All directorates, plus one per responsible directorate
-- reproduces: F&PR front page (indicator RAG summary)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column responsible_directorate: All directorates, or the responsible directorate as printed (Unknown when blank)
-- column red: indicators rated Red
-- column amber: indicators rated Amber
-- column green: indicators rated Green
-- column no_target: indicators with no target
-- column total: indicators with a published RAG
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
