-- What each load did, for the status page and the committee pack.
-- grain: one row per batch
-- column batch_id: batch id (lineage on every warehouse row)
-- column source: source name (finance-gl, indicator-return, …)
-- column file_name: file the batch loaded, null for extracts without a file
-- column sha256: SHA-256 of the file (hex)
-- column fiscal_year_start: calendar year in which the batch's financial year starts
-- column period: reporting period of the batch (1–13), null for reference data
-- column state: batch state (loaded, rejected, superseded, …)
-- column started_utc: start time, UTC
-- column finished_utc: end time, UTC; null while running
-- column rows_read: rows read from the source
-- column rows_loaded: rows written to the warehouse
-- column rows_rejected: rows rejected
-- column superseded_by_batch_id: batch that restated this one, null while in force
-- column message: outcome message
CREATE VIEW report.load_status AS
SELECT b.batch_id, b.source, f.file_name, f.sha256, b.fiscal_year_start, b.period, b.state,
       b.started_utc, b.finished_utc, b.rows_read, b.rows_loaded, b.rows_rejected,
       b.superseded_by_batch_id, b.message
FROM etl.batch AS b
LEFT JOIN etl.file_registry AS f ON f.file_id = b.file_id
WHERE b.batch_id > 0;
