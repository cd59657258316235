-- Suppliers of each body, matched by supplier id or normalised name; redacted payees are not here.
-- grain: one row per body x supplier
-- column supplier_key: surrogate key of the supplier
-- column body_key: the body the supplier was paid by
-- column body_name: name of that body
-- column supplier_id: the body's supplier id when its files give one
-- column supplier_name: supplier name as first published
CREATE VIEW powerbi.dim_supplier AS
SELECT s.supplier_key, s.body_key, b.body_name, s.supplier_id, s.supplier_name
FROM dw.dim_supplier AS s
JOIN dw.dim_body AS b ON b.body_key = s.body_key;
