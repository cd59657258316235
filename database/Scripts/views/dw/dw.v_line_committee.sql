-- The committee each budget line reports to in each financial year the calendar holds: the latest
-- responsibility at or before that year (a line keeps its committee until a later year changes it).
-- grain: one row per budget line per financial year of the calendar from the line's first responsibility
-- column budget_line_code: budget line code
-- column fiscal_year_start: calendar year in which the financial year starts (2018 for 2018/19)
-- column committee_key: key of the committee (dw.dim_committee) responsible for the line that year
-- column committee_code: code of that committee (All = reported to every committee)
CREATE VIEW dw.v_line_committee AS
SELECT ck.budget_line_code, ck.for_year AS fiscal_year_start, c.committee_key, c.committee_code
FROM (
    SELECT r.budget_line_code, y.fiscal_year_start AS for_year, MAX(r.fiscal_year_start) AS from_year
    FROM dw.committee_responsibility AS r
    JOIN (SELECT DISTINCT fiscal_year_start FROM dw.dim_period) AS y ON r.fiscal_year_start <= y.fiscal_year_start
    GROUP BY r.budget_line_code, y.fiscal_year_start) AS ck
JOIN dw.committee_responsibility AS cr ON cr.budget_line_code = ck.budget_line_code AND cr.fiscal_year_start = ck.from_year
JOIN dw.dim_committee AS c ON c.committee_key = cr.committee_key;
