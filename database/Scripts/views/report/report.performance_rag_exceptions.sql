-- Indicator returns whose published RAG is not what the rule gives, for challenge.
-- grain: one row per indicator per reporting month where the RAGs differ
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column indicator_id: indicator code
-- column indicator: indicator name as printed
-- column target: target as printed, in the indicator's unit
-- column target_applied: target the rule compared with (after pro rata)
-- column actual: actual value, in the indicator's unit
-- column rag_published_text: RAG as printed
-- column rag_published: published RAG normalised
-- column rag_derived: RAG the rule derives
CREATE VIEW report.performance_rag_exceptions AS
SELECT p.period_end, p.fiscal_year, p.period, f.indicator_id, f.measure_name AS indicator,
       f.target_value AS target, f.target_applied, f.actual_value AS actual,
       f.rag_published_text, f.rag_published, f.rag_derived
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
WHERE f.rag_published IS NOT NULL AND f.rag_published <> f.rag_derived;
