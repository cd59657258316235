-- Rows where the published RAG is not what the rule gives (the flag of the fact), for challenge.
CREATE VIEW report.performance_rag_exceptions AS
SELECT p.period_end, p.fiscal_year, p.period, f.indicator_id, f.measure_name AS indicator,
       f.target_value AS target, f.target_applied, f.actual_value AS actual,
       f.rag_published_text, f.rag_published, f.rag_derived
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
WHERE f.rag_published IS NOT NULL AND f.rag_published <> f.rag_derived;
