-- What registration scans while loads run: a file's latest batch (by file_id, newest first) and a source's
-- unfinished extract (by source and state, newest first); both scanned the whole of etl.batch. Already
-- indexed: etl.file_registry (source, sha256) by its unique constraint, and the supersede look-up (source,
-- fiscal_year_start, period) by ix_batch_source_period, whose few rows per period are then filtered on state.
CREATE INDEX ix_batch_file ON etl.batch (file_id, batch_id);
CREATE INDEX ix_batch_source_state ON etl.batch (source, state, batch_id);
