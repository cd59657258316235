-- The looked-after children placement types in their key activity blocks, as the model imports them.
-- grain: one row per placement type
-- column placement_type_code: placement type code
-- column placement_type: placement type as printed
-- column block: external, in_house or permanence
-- column weeks_funded: weeks a year the placement is paid for (52 or 56)
-- column counts_in_block_total: false for rows that repeat other rows' children (Skills payments to Basic carers), so counts do not add them twice
-- column sort_order: printed order
-- column external_client_group: client group of the external placements table (Appendix 2), null for types not in it
CREATE VIEW powerbi.dim_placement_type AS
SELECT placement_type_code, placement_type, block, weeks_funded, counts_in_block_total, sort_order, external_client_group
FROM dw.dim_placement_type;
