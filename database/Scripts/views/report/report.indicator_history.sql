-- One measure across periods, following renames and replacements: filter on lineage_id (the latest id of the chain).
CREATE VIEW report.indicator_history AS
SELECT COALESCE(l.lineage_id, f.indicator_id) AS lineage_id, h.indicator_name AS lineage_indicator,
       f.indicator_id, f.measure_name AS indicator, p.period_end, p.fiscal_year, p.period,
       f.data_period_label AS data_period, f.unit, f.previous_value AS previous, f.target_value AS target,
       f.actual_value AS actual, f.direction_published_text AS direction_published, f.direction_derived,
       f.rag_published, f.rag_derived
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
LEFT JOIN dw.indicator_lineage AS l ON l.indicator_id = f.indicator_id
LEFT JOIN dw.dim_indicator AS h ON h.indicator_id = COALESCE(l.lineage_id, f.indicator_id)
 AND h.valid_from = (SELECT MAX(x.valid_from) FROM dw.dim_indicator AS x WHERE x.indicator_id = h.indicator_id);
