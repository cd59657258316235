CREATE VIEW powerbi.dim_committee AS
SELECT committee_key, committee_code, committee_name
FROM dw.dim_committee;
