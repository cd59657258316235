-- The papers the warehouse's figures are printed in, for slicing a measure by publication.
-- grain: one row per publication
-- column publication_key: surrogate key of the publication
-- column publication_code: short code: fpr (Finance & Performance Report) or irpr (Integrated Resources and Performance Report)
-- column publication_name: the publication's name as the papers give it
CREATE VIEW powerbi.dim_publication AS
SELECT publication_key, publication_code, publication_name
FROM dw.dim_publication;
