CREATE VIEW powerbi.indicator_lineage AS
SELECT indicator_id, replaces_indicator_id, lineage_id, generation
FROM dw.indicator_lineage;
