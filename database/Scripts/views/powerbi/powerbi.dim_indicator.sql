CREATE VIEW powerbi.dim_indicator AS
SELECT d.indicator_key, d.indicator_id, d.indicator_name, d.outcome, d.responsible_directorate, d.unit, d.polarity,
       d.frequency, d.target_type, d.is_cumulative, d.replaces_indicator_id, COALESCE(l.lineage_id, d.indicator_id) AS lineage_id,
       d.sort_order, d.valid_from, d.valid_to, d.is_current
FROM dw.dim_indicator AS d
LEFT JOIN dw.indicator_lineage AS l ON l.indicator_id = d.indicator_id;
