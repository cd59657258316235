-- Budget lines in their service group and directorate, SCD type 2: a moved or renamed line gets a new version.
-- grain: one row per budget line version
-- column organisation_key: surrogate key of the version (-1 = unknown)
-- column budget_line_code: budget line code (a renamed line has a new code)
-- column budget_line: budget line name as printed
-- column service_group: service group (null where the line has none)
-- column directorate: directorate of the line in this version
-- column line_type: expenditure, grant or unknown
-- column dsg_funded: true when funded by the Dedicated Schools Grant
-- column pooled_budget: pooled budget the line belongs to (e.g. LDP), null otherwise
-- column sort_order: printed order of the line in Appendix 1
-- column valid_from: first day the version applies
-- column valid_to: last day the version applies (9999-12-31 while current)
-- column is_current: true for the version in force now
CREATE VIEW powerbi.dim_organisation AS
SELECT organisation_key, budget_line_code, budget_line, service_group, directorate, line_type,
       dsg_funded, pooled_budget, sort_order, valid_from, valid_to, is_current
FROM dw.dim_organisation;
