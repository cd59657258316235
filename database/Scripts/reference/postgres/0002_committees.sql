INSERT INTO dw.dim_committee (committee_key, committee_code, committee_name) VALUES
    (-1, 'UNKNOWN',     'Unknown'),
    (1,  'CYP',         'Children and Young People Committee'),
    (2,  'Adults',      'Adults Committee'),
    (3,  'Communities', 'Communities and Partnership Committee'),
    (4,  'GPC',         'General Purposes Committee'),
    (5,  'All',         'Whole service (reported to every committee)')
ON CONFLICT (committee_key) DO UPDATE
SET committee_code = EXCLUDED.committee_code, committee_name = EXCLUDED.committee_name;
