-- Reference data: idempotent, re-applied after every migration (and after a test reset).
MERGE etl.batch_state AS t
USING (VALUES
    (N'received',   N'File registered by SHA-256; nothing read yet', 0, 1),
    (N'extracting', N'Reading and validating the source',            0, 2),
    (N'staged',     N'Valid rows bulk-copied into staging',         0, 3),
    (N'loading',    N'Moving staged rows into the star schema',     0, 4),
    (N'loaded',     N'Loaded and reconciled',                       1, 5),
    (N'duplicate',  N'The same bytes were loaded before: no-op',    1, 6),
    (N'rejected',   N'Invalid input: nothing loaded, see rejections', 1, 7),
    (N'failed',     N'Infrastructure or reconciliation failure: nothing loaded', 1, 8),
    (N'superseded', N'Replaced by a later restatement of the same period', 1, 9)
) AS s (state, description, is_terminal, sort_order)
ON t.state = s.state
WHEN MATCHED THEN UPDATE SET description = s.description, is_terminal = s.is_terminal, sort_order = s.sort_order
WHEN NOT MATCHED THEN INSERT (state, description, is_terminal, sort_order) VALUES (s.state, s.description, s.is_terminal, s.sort_order);

IF NOT EXISTS (SELECT 1 FROM etl.batch WHERE batch_id = 0)
BEGIN
    SET IDENTITY_INSERT etl.batch ON;
    INSERT INTO etl.batch (batch_id, source, state, started_utc, finished_utc, message)
    VALUES (0, N'reference', N'loaded', '2000-01-01T00:00:00+00:00', '2000-01-01T00:00:00+00:00', N'Reference data from migrations');
    SET IDENTITY_INSERT etl.batch OFF;
END;
