-- Ledger cost centres rolled up to budget lines, SCD type 2 (a cost centre that moves line gets a new version).
-- grain: one row per cost centre version
-- column cost_centre_key: surrogate key of the version
-- column cost_centre_code: cost centre code of the ledger
-- column cost_centre: cost centre name
-- column budget_line_code: budget line the cost centre rolls up to in this version
-- column valid_from: first day the version applies
-- column valid_to: last day the version applies (9999-12-31 while current)
-- column is_current: true for the version in force now
CREATE VIEW powerbi.dim_cost_centre AS
SELECT cost_centre_key, cost_centre_code, cost_centre, budget_line_code, valid_from, valid_to, is_current
FROM dw.dim_cost_centre;
