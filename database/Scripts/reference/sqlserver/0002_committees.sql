MERGE dw.dim_committee AS t
USING (VALUES
    (-1, N'UNKNOWN',     N'Unknown'),
    (1,  N'CYP',         N'Children and Young People Committee'),
    (2,  N'Adults',      N'Adults Committee'),
    (3,  N'Communities', N'Communities and Partnership Committee'),
    (4,  N'GPC',         N'General Purposes Committee'),
    (5,  N'All',         N'Whole service (reported to every committee)')
) AS s (committee_key, committee_code, committee_name)
ON t.committee_key = s.committee_key
WHEN MATCHED THEN UPDATE SET committee_code = s.committee_code, committee_name = s.committee_name
WHEN NOT MATCHED THEN INSERT (committee_key, committee_code, committee_name) VALUES (s.committee_key, s.committee_code, s.committee_name);
