-- Rejected input with the place of each error, for the status page and the inbox reports.
-- grain: one row per rejected value
-- column batch_id: batch that rejected it
-- column source: source name
-- column file_name: file
-- column sheet: sheet of a workbook, null for csv
-- column row_number: row number in the file (1-based, as a spreadsheet shows it)
-- column column_name: column heading
-- column value: the value as read
-- column reason: why it was rejected
-- column started_utc: when the batch started, UTC
CREATE VIEW report.rejections AS
SELECT r.batch_id, b.source, r.file_name, r.sheet, r.row_number, r.column_name, r.value, r.reason, b.started_utc
FROM etl.rejection AS r
JOIN etl.batch AS b ON b.batch_id = r.batch_id;
