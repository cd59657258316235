CREATE VIEW powerbi.dim_period AS
SELECT period_key, fiscal_year, fiscal_year_start, period, period_label, period_start, period_end, is_closedown
FROM dw.dim_period;

CREATE VIEW powerbi.dim_date AS
SELECT date_key, calendar_date, calendar_year, calendar_month, month_name, month_label, day_of_month,
       fiscal_year, fiscal_year_start, fiscal_period, fiscal_quarter, is_month_end, period_key
FROM dw.dim_date;

CREATE VIEW powerbi.dim_organisation AS
SELECT organisation_key, budget_line_code, budget_line, service_group, directorate, line_type,
       dsg_funded, pooled_budget, sort_order, valid_from, valid_to, is_current
FROM dw.dim_organisation;

CREATE VIEW powerbi.committee_responsibility AS
SELECT r.budget_line_code, r.fiscal_year_start, c.committee_code, c.committee_name
FROM dw.committee_responsibility AS r
JOIN dw.dim_committee AS c ON c.committee_key = r.committee_key;

-- One row per batch: what each load did, for the status page and the committee pack.
CREATE VIEW report.load_status AS
SELECT b.batch_id, b.source, f.file_name, f.sha256, b.fiscal_year_start, b.period, b.state,
       b.started_utc, b.finished_utc, b.rows_read, b.rows_loaded, b.rows_rejected,
       b.superseded_by_batch_id, b.message
FROM etl.batch AS b
LEFT JOIN etl.file_registry AS f ON f.file_id = b.file_id
WHERE b.batch_id > 0;

-- Per batch, each control total from the source against what landed, and the verdict.
CREATE VIEW report.reconciliation AS
SELECT b.batch_id, b.source, f.file_name, p.period_end, p.fiscal_year, b.period, b.state,
       c.measure, c.scope, c.source_value, c.loaded_value, c.loaded_value - c.source_value AS difference, c.tolerance,
       CASE WHEN c.loaded_value IS NULL THEN 'missing'
            WHEN c.loaded_value = c.source_value THEN 'match'
            WHEN abs(c.loaded_value - c.source_value) <= c.tolerance THEN 'within rounding'
            ELSE 'mismatch' END AS result
FROM etl.control_total AS c
JOIN etl.batch AS b ON b.batch_id = c.batch_id
LEFT JOIN etl.file_registry AS f ON f.file_id = b.file_id
LEFT JOIN dw.dim_period AS p ON p.fiscal_year_start = b.fiscal_year_start AND p.period = b.period;

-- Rejected input, with the place of each error, for the status page and the inbox reports.
CREATE VIEW report.rejections AS
SELECT r.batch_id, b.source, r.file_name, r.sheet, r.row_number, r.column_name, r.value, r.reason, b.started_utc
FROM etl.rejection AS r
JOIN etl.batch AS b ON b.batch_id = r.batch_id;
