CREATE VIEW powerbi.committee_responsibility AS
SELECT r.budget_line_code, r.fiscal_year_start, c.committee_code, c.committee_name
FROM dw.committee_responsibility AS r
JOIN dw.dim_committee AS c ON c.committee_key = r.committee_key;
