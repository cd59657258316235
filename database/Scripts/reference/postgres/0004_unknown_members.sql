-- Unknown members take facts whose keys arrive late or do not match.
INSERT INTO dw.dim_organisation (organisation_key, budget_line_code, budget_line, service_group, directorate, line_type,
                                 dsg_funded, pooled_budget, sort_order, valid_from, valid_to, is_current, batch_id)
VALUES (-1, 'UNKNOWN', 'Unknown', NULL, 'Unknown', 'unknown', false, NULL, 999999, DATE '1900-01-01', DATE '9999-12-31', true, 0)
ON CONFLICT (organisation_key) DO NOTHING;

INSERT INTO dw.dim_cost_centre (cost_centre_key, cost_centre_code, cost_centre, budget_line_code, valid_from, valid_to, is_current, batch_id)
VALUES (-1, 'UNKNOWN', 'Unknown', 'UNKNOWN', DATE '1900-01-01', DATE '9999-12-31', true, 0)
ON CONFLICT (cost_centre_key) DO NOTHING;
