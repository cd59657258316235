-- The committee each budget line reports to in each financial year the calendar holds: the latest
-- responsibility at or before that year (a line keeps its committee until a later year changes it).
-- grain: one row per budget line per financial year of the calendar from the line's first responsibility
-- column budget_line_code: budget line code
-- column fiscal_year_start: calendar year in which the financial year starts (2018 for 2018/19)
-- column committee_key: key of the committee (dw.dim_committee) responsible for the line that year
-- column committee_code: code of that committee (All = reported to every committee)
CREATE VIEW dw.v_line_committee AS
    -- Each responsibility holds from its year until the line's next one (LEAD): one row per line and year, found by a
    -- range join the planner can estimate, not by the latest-at-or-before aggregate and self-join it misjudged.
SELECT r.budget_line_code, y.fiscal_year_start, c.committee_key, c.committee_code
FROM (SELECT budget_line_code, fiscal_year_start AS from_year, committee_key,
             LEAD(fiscal_year_start) OVER (PARTITION BY budget_line_code ORDER BY fiscal_year_start) AS next_year
      FROM dw.committee_responsibility) AS r
JOIN (SELECT DISTINCT fiscal_year_start FROM dw.dim_period) AS y
  ON y.fiscal_year_start >= r.from_year AND (r.next_year IS NULL OR y.fiscal_year_start < r.next_year)
JOIN dw.dim_committee AS c ON c.committee_key = r.committee_key;
