-- The committee responsible for each budget line in each financial year: the latest assignment at or before the
-- year (an assignment holds until a later one), for the committee roles' filter on the ledger.
-- grain: one row per budget line code per financial year from its first assignment on
-- column budget_line_code: budget line code
-- column fiscal_year: financial year, e.g. 2018/19
-- column fiscal_year_start: calendar year in which the financial year starts
-- column committee_code: committee responsible for the line that year (All = reported to every committee)
CREATE VIEW powerbi.budget_line_committee AS
SELECT ck.budget_line_code, fy.fiscal_year, fy.fiscal_year_start, c.committee_code
FROM (SELECT r.budget_line_code, y.fiscal_year_start AS for_year, MAX(r.fiscal_year_start) AS from_year
      FROM dw.committee_responsibility AS r
      JOIN (SELECT DISTINCT fiscal_year_start FROM dw.dim_period) AS y ON r.fiscal_year_start <= y.fiscal_year_start
      GROUP BY r.budget_line_code, y.fiscal_year_start) AS ck
JOIN dw.committee_responsibility AS cr ON cr.budget_line_code = ck.budget_line_code AND cr.fiscal_year_start = ck.from_year
JOIN dw.dim_committee AS c ON c.committee_key = cr.committee_key
JOIN (SELECT DISTINCT fiscal_year, fiscal_year_start FROM dw.dim_period) AS fy ON fy.fiscal_year_start = ck.for_year;
