CREATE VIEW powerbi.fact_indicator_return AS
SELECT f.period_key, p.period_end, p.fiscal_year, p.period, f.indicator_key, f.indicator_id,
       COALESCE(l.lineage_id, f.indicator_id) AS lineage_id, f.sort_order, f.outcome, f.measure_name,
       f.responsible_directorate, f.unit, f.data_period_label, f.data_period_kind, f.data_period_end,
       f.previous_value, f.target_value, f.target_upper_value, f.target_is_pro_rata, f.target_applied, f.actual_value,
       f.numerator, f.denominator, f.direction_published_text, f.direction_published, f.direction_derived,
       f.rag_published_text, f.rag_published, f.rag_derived, f.rag_differs,
       f.stat_neighbours_text, f.stat_neighbours_value, f.england_text, f.england_value, f.comment, f.batch_id
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
LEFT JOIN dw.indicator_lineage AS l ON l.indicator_id = f.indicator_id;
