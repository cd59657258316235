-- Councils and other bodies whose published supplier payments are loaded.
-- grain: one row per body
-- column body_key: surrogate key of the body
-- column body_name: name of the body as first published
CREATE VIEW powerbi.dim_body AS
SELECT body_key, body_name
FROM dw.dim_body;
