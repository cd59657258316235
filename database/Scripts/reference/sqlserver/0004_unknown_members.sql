-- Unknown members take facts whose keys arrive late or do not match.
IF NOT EXISTS (SELECT 1 FROM dw.dim_organisation WHERE organisation_key = -1)
BEGIN
    SET IDENTITY_INSERT dw.dim_organisation ON;
    INSERT INTO dw.dim_organisation (organisation_key, budget_line_code, budget_line, service_group, directorate, line_type,
                                     dsg_funded, pooled_budget, sort_order, valid_from, valid_to, is_current, batch_id)
    VALUES (-1, N'UNKNOWN', N'Unknown', NULL, N'Unknown', N'unknown', 0, NULL, 999999, '1900-01-01', '9999-12-31', 1, 0);
    SET IDENTITY_INSERT dw.dim_organisation OFF;
END;

IF NOT EXISTS (SELECT 1 FROM dw.dim_cost_centre WHERE cost_centre_key = -1)
BEGIN
    SET IDENTITY_INSERT dw.dim_cost_centre ON;
    INSERT INTO dw.dim_cost_centre (cost_centre_key, cost_centre_code, cost_centre, budget_line_code, valid_from, valid_to, is_current, batch_id)
    VALUES (-1, N'UNKNOWN', N'Unknown', N'UNKNOWN', '1900-01-01', '9999-12-31', 1, 0);
    SET IDENTITY_INSERT dw.dim_cost_centre OFF;
END;
