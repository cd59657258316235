-- Rows that tolerant sources set aside instead of loading, with the place and reason of each, and the money
-- each carried when it could be read (the control totals count them: read = loaded + quarantined).
-- grain: one row per quarantined source row
-- column batch_id: load batch (etl.batch) that read the row
-- column source: source name of the batch
-- column file_name: file the row is in
-- column sheet: sheet (a csv file's name) the row is on
-- column row_number: row number as Excel shows it
-- column column_name: column as the file heads it, of the value that could not be read
-- column value: the value as read, when there was one
-- column reason: why the row was set aside
-- column amount: the row's amount in pounds when it could be read, else null
-- column state: state of the batch (loaded, superseded...)
-- column started_utc: when the batch started
CREATE VIEW report.quarantine AS
SELECT q.batch_id, b.source, q.file_name, q.sheet, q.row_number, q.column_name, q.value, q.reason, q.amount,
       b.state, b.started_utc
FROM etl.quarantine AS q
JOIN etl.batch AS b ON b.batch_id = q.batch_id;
