CREATE VIEW powerbi.dim_organisation AS
SELECT organisation_key, budget_line_code, budget_line, service_group, directorate, line_type,
       dsg_funded, pooled_budget, sort_order, valid_from, valid_to, is_current
FROM dw.dim_organisation;
