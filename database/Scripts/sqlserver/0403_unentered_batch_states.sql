-- staged, loading and duplicate were never entered: a source reads, stages and merges inside one transaction,
-- and the same bytes again are answered from the file registry without a batch (docs/decisions.md, Protocols).
DELETE FROM etl.batch_state
WHERE state IN ('staged', 'loading', 'duplicate')
  AND NOT EXISTS (SELECT 1 FROM etl.batch AS b WHERE b.state = etl.batch_state.state)
  AND NOT EXISTS (SELECT 1 FROM etl.batch_state_history AS h WHERE h.state = etl.batch_state.state);
