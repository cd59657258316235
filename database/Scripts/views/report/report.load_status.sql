-- One row per batch: what each load did, for the status page and the committee pack.
CREATE VIEW report.load_status AS
SELECT b.batch_id, b.source, f.file_name, f.sha256, b.fiscal_year_start, b.period, b.state,
       b.started_utc, b.finished_utc, b.rows_read, b.rows_loaded, b.rows_rejected,
       b.superseded_by_batch_id, b.message
FROM etl.batch AS b
LEFT JOIN etl.file_registry AS f ON f.file_id = b.file_id
WHERE b.batch_id > 0;
