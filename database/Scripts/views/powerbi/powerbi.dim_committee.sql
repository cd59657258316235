-- Committees that budget lines report to.
-- grain: one row per committee
-- column committee_key: surrogate key (-1 = unknown)
-- column committee_code: committee code (CYP, Adults, …; All = the whole service, reported to every committee)
-- column committee_name: committee name as printed
CREATE VIEW powerbi.dim_committee AS
SELECT committee_key, committee_code, committee_name
FROM dw.dim_committee;
