-- Budget lines by code with their latest name, service group and directorate: the one side that organisation
-- versions, cost centres and committee assignments relate to, so a row filter on it reaches every finance fact.
-- grain: one row per budget line code
-- column budget_line_code: budget line code (a renamed line has a new code; see powerbi.budget_line_access for its successors)
-- column budget_line: budget line name of the latest organisation version
-- column service_group: service group of the latest version (null where the line has none)
-- column directorate: directorate of the latest version
-- column line_type: expenditure, grant or unknown
CREATE VIEW powerbi.dim_budget_line AS
SELECT o.budget_line_code, o.budget_line, o.service_group, o.directorate, o.line_type
FROM dw.dim_organisation AS o
JOIN (SELECT budget_line_code, MAX(valid_from) AS valid_from FROM dw.dim_organisation GROUP BY budget_line_code) AS v
  ON v.budget_line_code = o.budget_line_code AND v.valid_from = o.valid_from;
