-- Performance indicators of the catalogue, SCD type 2, with the head of their lineage across renames and replacements.
-- grain: one row per indicator version
-- column indicator_key: surrogate key of the indicator version
-- column indicator_id: indicator code of the catalogue
-- column indicator_name: indicator (measure) name
-- column outcome: council outcome the indicator reports under
-- column responsible_directorate: directorate responsible for the indicator, as the catalogue names it
-- column unit: unit of the values (percent values are in percentage points)
-- column polarity: higher_is_better, lower_is_better or target_band
-- column frequency: how often the indicator is reported (monthly, quarterly, annual)
-- column target_type: floor, ceiling, pro_rata, band or none
-- column is_cumulative: true when the value accumulates over the year (targets pro rata)
-- column replaces_indicator_id: indicator code this one continues, null when none
-- column lineage_id: code of the latest indicator of its chain: filter on it to follow a measure over time
-- column sort_order: printed order in Appendix 7
-- column valid_from: first day the version applies
-- column valid_to: last day the version applies (9999-12-31 while current)
-- column is_current: true for the version in force now
CREATE VIEW powerbi.dim_indicator AS
SELECT d.indicator_key, d.indicator_id, d.indicator_name, d.outcome, d.responsible_directorate, d.unit, d.polarity,
       d.frequency, d.target_type, d.is_cumulative, d.replaces_indicator_id, COALESCE(l.lineage_id, d.indicator_id) AS lineage_id,
       d.sort_order, d.valid_from, d.valid_to, d.is_current
FROM dw.dim_indicator AS d
LEFT JOIN dw.indicator_lineage AS l ON l.indicator_id = d.indicator_id;
