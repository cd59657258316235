-- Which directorate may see an indicator: the directorate responsible for it, for the measure that continues it
-- (the head of its lineage), and the directorates that took over the responsible directorate's budget lines in a
-- restructure (dw.budget_line_mapping, from the versions before it), so 2017/18 indicators of Learning are visible to Education. Names match
-- with "and" and "&" taken as the same; an indicator shared by two directorates ("A / B") matches neither.
-- grain: one row per indicator version per directorate that may see it
-- column indicator_key: key of the indicator version (powerbi.dim_indicator)
-- column directorate: a directorate (latest name of a budget line's directorate) whose users may see the indicator's returns
CREATE VIEW powerbi.indicator_access AS
SELECT d.indicator_key, n.directorate
FROM dw.dim_indicator AS d
JOIN (SELECT DISTINCT directorate FROM powerbi.dim_budget_line) AS n
  ON REPLACE(n.directorate, ' and ', ' & ') = REPLACE(d.responsible_directorate, ' and ', ' & ')
UNION
SELECT d.indicator_key, h.responsible_directorate AS directorate
FROM dw.dim_indicator AS d
JOIN dw.indicator_lineage AS l ON l.indicator_id = d.indicator_id
JOIN dw.dim_indicator AS h ON h.indicator_id = l.lineage_id AND CAST(h.is_current AS int) = 1
JOIN (SELECT DISTINCT directorate FROM powerbi.dim_budget_line) AS n ON n.directorate = h.responsible_directorate
UNION
SELECT d.indicator_key, b.directorate
FROM dw.dim_indicator AS d
JOIN dw.dim_organisation AS o ON REPLACE(o.directorate, ' and ', ' & ') = REPLACE(d.responsible_directorate, ' and ', ' & ')
JOIN dw.budget_line_mapping AS m ON m.from_budget_line_code = o.budget_line_code
JOIN dw.dim_date AS vf ON vf.calendar_date = o.valid_from AND vf.fiscal_year_start < m.effective_fiscal_year
JOIN powerbi.dim_budget_line AS b ON b.budget_line_code = m.to_budget_line_code;
