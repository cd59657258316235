-- The LAC placement types as the model imports them.
CREATE VIEW powerbi.dim_placement_type AS
SELECT placement_type_code, placement_type, block, weeks_funded, counts_in_block_total, sort_order, external_client_group
FROM dw.dim_placement_type;
