CREATE VIEW powerbi.dim_cost_centre AS
SELECT cost_centre_key, cost_centre_code, cost_centre, budget_line_code, valid_from, valid_to, is_current
FROM dw.dim_cost_centre;
