-- Which committee each budget line reports to, from a financial year on (the assignment holds until a later one).
-- grain: one row per budget line code per financial year an assignment starts
-- column budget_line_code: budget line code
-- column fiscal_year_start: calendar year in which the financial year of the assignment starts (2018 for 2018/19)
-- column committee_code: committee code (CYP, Adults, …; All = reported to every committee)
-- column committee_name: committee name as printed
CREATE VIEW powerbi.committee_responsibility AS
SELECT r.budget_line_code, r.fiscal_year_start, c.committee_code, c.committee_name
FROM dw.committee_responsibility AS r
JOIN dw.dim_committee AS c ON c.committee_key = r.committee_key;
