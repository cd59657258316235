-- Appendix 7 as printed: published and derived RAG side by side.
-- grain: one row per indicator per reporting month
-- reproduces: F&PR Appendix 7 (performance indicators)
-- column period_end: last day of the reporting month
-- column outcome: council outcome as printed
-- column indicator: indicator name as printed
-- column responsible_directorate: responsible directorate as printed
-- column previous: previous value, in the indicator's unit
-- column target: target, in the indicator's unit
-- column actual: actual value, in the indicator's unit
-- column data_period: period the data covers, as printed
-- column direction_published: direction of travel as printed
-- column direction_derived: direction of travel the rule derives
-- column rag_published: published RAG: Red, Amber, Green or No target
-- column rag_derived: RAG the rule derives
-- column stat_neighbours: statistical neighbours' figure as printed
-- column england: England figure as printed
-- column comment: commentary
-- column sort_order: printed order
-- column fiscal_year: financial year, e.g. 2018/19
-- column period: reporting period: 1 = April … 12 = March, 13 = closedown
-- column indicator_id: indicator code
-- column unit: unit of the values (percent values in percentage points)
CREATE VIEW report.performance_indicators AS
SELECT p.period_end, f.outcome, f.measure_name AS indicator, f.responsible_directorate,
       f.previous_value AS previous, f.target_value AS target, f.actual_value AS actual,
       f.data_period_label AS data_period, f.direction_published_text AS direction_published, f.direction_derived,
       f.rag_published, f.rag_derived, f.stat_neighbours_text AS stat_neighbours, f.england_text AS england,
       f.comment, f.sort_order, p.fiscal_year, p.period, f.indicator_id, f.unit
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key;
