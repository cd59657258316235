-- Key activity data as the committee report prints it: amounts in £000 (rounded here, at presentation only),
-- unit costs in £, direction of travel computed against the previous period held in the warehouse
-- (period 1 compares with March of the year before, closedown with March).
CREATE VIEW report.kad_adult_services AS
SELECT p.period_end, p.fiscal_year, p.period, d.service_area, d.client_group, d.service_type, d.line_kind,
       f.budgeted_users,
       CAST(ROUND(f.budgeted_unit_cost, 2) AS decimal(19,2)) AS budgeted_unit_cost,
       f.unit,
       CAST(ROUND(f.annual_budget / 1000, 0) AS decimal(19,0)) AS annual_budget,
       f.current_users,
       CAST(ROUND(f.current_unit_cost, 2) AS decimal(19,2)) AS current_unit_cost,
       CAST(ROUND(f.forecast_spend / 1000, 0) AS decimal(19,0)) AS forecast_spend,
       CAST(ROUND(f.variance / 1000, 0) AS decimal(19,0)) AS variance,
       CASE WHEN d.line_kind NOT IN ('expenditure', 'income') OR f.current_users IS NULL OR pr.current_users IS NULL THEN NULL
            WHEN f.current_users > pr.current_users THEN N'↑'
            WHEN f.current_users < pr.current_users THEN N'↓' ELSE N'↔' END AS dot_users,
       CASE WHEN d.line_kind NOT IN ('expenditure', 'income') OR f.current_unit_cost IS NULL OR pr.current_unit_cost IS NULL THEN NULL
            WHEN f.current_unit_cost > pr.current_unit_cost THEN N'↑'
            WHEN f.current_unit_cost < pr.current_unit_cost THEN N'↓' ELSE N'↔' END AS dot_unit_cost,
       CASE WHEN d.line_kind NOT IN ('expenditure', 'income') OR f.forecast_spend IS NULL OR pr.forecast_spend IS NULL THEN NULL
            WHEN f.forecast_spend > pr.forecast_spend THEN N'↑'
            WHEN f.forecast_spend < pr.forecast_spend THEN N'↓' ELSE N'↔' END AS dot_spend,
       d.sort_order
FROM dw.fact_adult_activity AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
JOIN dw.dim_activity_service_type AS d ON d.service_type_key = f.service_type_key
LEFT JOIN dw.fact_adult_activity AS pr ON pr.service_type_key = f.service_type_key
 AND pr.period_key = CASE WHEN p.period = 1 THEN f.period_key - 89 ELSE f.period_key - 1 END;
