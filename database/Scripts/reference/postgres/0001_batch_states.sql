-- Reference data: idempotent, re-applied after every migration (and after a test reset).
INSERT INTO etl.batch_state (state, description, is_terminal, sort_order) VALUES
    ('received',   'File registered by SHA-256; nothing read yet', false, 1),
    ('extracting', 'Reading and validating the source',            false, 2),
    ('staged',     'Valid rows bulk-copied into staging',         false, 3),
    ('loading',    'Moving staged rows into the star schema',     false, 4),
    ('loaded',     'Loaded and reconciled',                       true,  5),
    ('duplicate',  'The same bytes were loaded before: no-op',    true,  6),
    ('rejected',   'Invalid input: nothing loaded, see rejections', true, 7),
    ('failed',     'Infrastructure or reconciliation failure: nothing loaded', true, 8),
    ('superseded', 'Replaced by a later restatement of the same period', true, 9)
ON CONFLICT (state) DO UPDATE
SET description = EXCLUDED.description, is_terminal = EXCLUDED.is_terminal, sort_order = EXCLUDED.sort_order;

-- Batch 0 is the lineage of rows that come from migrations rather than from a source.
INSERT INTO etl.batch (batch_id, source, state, started_utc, finished_utc, message)
VALUES (0, 'reference', 'loaded', TIMESTAMPTZ '2000-01-01 00:00:00+00', TIMESTAMPTZ '2000-01-01 00:00:00+00', 'Reference data from migrations')
ON CONFLICT (batch_id) DO NOTHING;
