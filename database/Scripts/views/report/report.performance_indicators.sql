-- Appendix 7 as printed: one row per indicator per reporting month, published and derived RAG side by side.
CREATE VIEW report.performance_indicators AS
SELECT p.period_end, f.outcome, f.measure_name AS indicator, f.responsible_directorate,
       f.previous_value AS previous, f.target_value AS target, f.actual_value AS actual,
       f.data_period_label AS data_period, f.direction_published_text AS direction_published, f.direction_derived,
       f.rag_published, f.rag_derived, f.stat_neighbours_text AS stat_neighbours, f.england_text AS england,
       f.comment, f.sort_order, p.fiscal_year, p.period, f.indicator_id, f.unit
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key;
