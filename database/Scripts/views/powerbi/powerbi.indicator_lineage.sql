-- Each indicator with the measure it continues and the head of its chain, so trends follow renamed and replaced measures.
-- grain: one row per indicator code
-- column indicator_id: indicator code
-- column replaces_indicator_id: indicator code it continues, null when none
-- column lineage_id: code of the latest indicator of the chain
-- column generation: position in the chain: 0 for the latest, 1 for the one it replaced, …
CREATE VIEW powerbi.indicator_lineage AS
SELECT indicator_id, replaces_indicator_id, lineage_id, generation
FROM dw.indicator_lineage;
