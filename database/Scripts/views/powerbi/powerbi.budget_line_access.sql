-- Which directorate may see a budget line's figures: the directorate of the line's latest version, and of the
-- latest version of every line it became through restructures (dw.budget_line_mapping, up to two restructures
-- deep), so a successor directorate sees the history of the lines it took over and a directorate a line left
-- does not keep seeing it. A split line whose code continues (a mapping from the code to itself) stays with its
-- own directorate only: its later rows belong to that directorate, so the other parts do not inherit it.
-- grain: one row per budget line code per directorate that may see it
-- column budget_line_code: budget line code as reported in any period
-- column directorate: a directorate (latest name) whose users may see that line's figures, history included
CREATE VIEW powerbi.budget_line_access AS
SELECT b.budget_line_code, b.directorate
FROM powerbi.dim_budget_line AS b
UNION
SELECT m.from_budget_line_code AS budget_line_code, b.directorate
FROM dw.budget_line_mapping AS m
JOIN powerbi.dim_budget_line AS b ON b.budget_line_code = m.to_budget_line_code
WHERE NOT EXISTS (SELECT 1 FROM dw.budget_line_mapping AS c
                  WHERE c.effective_fiscal_year = m.effective_fiscal_year AND c.from_budget_line_code = m.from_budget_line_code
                    AND c.to_budget_line_code = m.from_budget_line_code)
UNION
SELECT m1.from_budget_line_code AS budget_line_code, b.directorate
FROM dw.budget_line_mapping AS m1
JOIN dw.budget_line_mapping AS m2
  ON m2.from_budget_line_code = m1.to_budget_line_code AND m2.effective_fiscal_year > m1.effective_fiscal_year
JOIN powerbi.dim_budget_line AS b ON b.budget_line_code = m2.to_budget_line_code
WHERE NOT EXISTS (SELECT 1 FROM dw.budget_line_mapping AS c
                  WHERE c.effective_fiscal_year = m1.effective_fiscal_year AND c.from_budget_line_code = m1.from_budget_line_code
                    AND c.to_budget_line_code = m1.from_budget_line_code)
  AND NOT EXISTS (SELECT 1 FROM dw.budget_line_mapping AS c
                  WHERE c.effective_fiscal_year = m2.effective_fiscal_year AND c.from_budget_line_code = m2.from_budget_line_code
                    AND c.to_budget_line_code = m2.from_budget_line_code);
