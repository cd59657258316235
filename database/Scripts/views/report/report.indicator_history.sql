-- One measure across periods, following renames and replacements: filter on lineage_id (the latest id of the chain).
-- grain: one row per indicator per reporting month
-- reproduces: F&PR Appendix 7 across months
-- column lineage_id: code of the latest indicator of the chain
-- column lineage_indicator: name of the latest indicator of the chain (its latest catalogue version)
-- column indicator_id: indicator code as returned in the period
-- column indicator: indicator name as printed in the period
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column data_period: period the data covers, as printed
-- column unit: unit of the values (percent values in percentage points)
-- column previous: previous value as printed
-- column target: target, in the indicator's unit
-- column actual: actual value, in the indicator's unit
-- column direction_published: direction of travel as printed
-- column direction_derived: direction of travel the rule derives
-- column rag_published: published RAG: Red, Amber, Green or No target
-- column rag_derived: RAG the rule derives
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
