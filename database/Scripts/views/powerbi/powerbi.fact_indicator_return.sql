-- Indicator returns at full precision: previous, target and actual values, published and derived direction of travel and RAG.
-- grain: one row per indicator per reporting month
-- column period_key: reporting period key (YYYYPP of the financial year start)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column indicator_key: key of the indicator version (powerbi.dim_indicator)
-- column indicator_id: indicator code as returned
-- column lineage_id: code of the latest indicator of its chain (follows renames and replacements)
-- column sort_order: printed order in Appendix 7
-- column outcome: council outcome as printed in the return
-- column measure_name: indicator name as printed in the return
-- column responsible_directorate: responsible directorate as printed in the return
-- column unit: unit of the values (percent values in percentage points)
-- column data_period_label: period the data covers, as printed (e.g. Q4 2017/18)
-- column data_period_kind: kind of the data period (month, quarter, year, …)
-- column data_period_end: last day of the data period
-- column previous_value: previous value as printed, in the indicator's unit
-- column target_value: target (lower bound of a band), in the indicator's unit
-- column target_upper_value: upper bound of a target band, null otherwise
-- column target_is_pro_rata: true when the target applied is pro rata to the data period
-- column target_applied: target the RAG rule compares with (after pro rata), in the indicator's unit
-- column actual_value: actual value, in the indicator's unit
-- column numerator: numerator of a rate where the return gives it
-- column denominator: denominator of a rate where the return gives it
-- column direction_published_text: direction of travel as printed
-- column direction_published: published direction of travel normalised to ↑, ↓, → or ? (an arrow lost in print)
-- column direction_derived: direction of travel derived from the previous and actual values and the polarity: ↑ better, ↓ worse, → unchanged; null when either value is missing
-- column rag_published_text: RAG as printed
-- column rag_published: published RAG normalised: Red, Amber, Green or No target
-- column rag_derived: RAG the rule derives: Red (more than 10% off target), Amber, Green, No target or No data
-- column rag_differs: true when the published RAG is not the derived one
-- column stat_neighbours_text: statistical neighbours' figure as printed
-- column stat_neighbours_value: statistical neighbours' figure as a number
-- column england_text: England figure as printed
-- column england_value: England figure as a number
-- column comment: commentary of the return
-- column batch_id: batch that loaded the row (etl.batch; see report.load_status)
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
