-- Rejected input, with the place of each error, for the status page and the inbox reports.
CREATE VIEW report.rejections AS
SELECT r.batch_id, b.source, r.file_name, r.sheet, r.row_number, r.column_name, r.value, r.reason, b.started_utc
FROM etl.rejection AS r
JOIN etl.batch AS b ON b.batch_id = r.batch_id;
