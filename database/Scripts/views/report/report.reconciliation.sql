-- Per batch, each control total from the source against what landed, and the verdict.
-- grain: one row per control total per batch
-- column batch_id: batch id
-- column source: source name
-- column file_name: file loaded, null without a file
-- column period_end: last day of the batch's period, null for reference data
-- column fiscal_year: financial year of the batch, e.g. 2018/19
-- column period: reporting period of the batch (1–13)
-- column state: batch state
-- column measure: control measure (rows, budget, actual, …)
-- column scope: what the total covers (whole file, a sheet, a line)
-- column source_value: the control total the source states or that was counted on reading, in the measure's unit (£ for money)
-- column loaded_value: the same total over what landed in the warehouse
-- column difference: loaded less source value
-- column tolerance: difference accepted as rounding
-- column result: match, within rounding, mismatch or missing
CREATE VIEW report.reconciliation AS
SELECT b.batch_id, b.source, f.file_name, p.period_end, p.fiscal_year, b.period, b.state,
       c.measure, c.scope, c.source_value, c.loaded_value, c.loaded_value - c.source_value AS difference, c.tolerance,
       CASE WHEN c.loaded_value IS NULL THEN 'missing'
            WHEN c.loaded_value = c.source_value THEN 'match'
            WHEN ABS(c.loaded_value - c.source_value) <= c.tolerance THEN 'within rounding'
            ELSE 'mismatch' END AS result
FROM etl.control_total AS c
JOIN etl.batch AS b ON b.batch_id = c.batch_id
LEFT JOIN etl.file_registry AS f ON f.file_id = b.file_id
LEFT JOIN dw.dim_period AS p ON p.fiscal_year_start = b.fiscal_year_start AND p.period = b.period;
