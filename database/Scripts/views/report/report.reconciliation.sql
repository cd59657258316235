-- Per batch, each control total from the source against what landed, and the verdict.
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
