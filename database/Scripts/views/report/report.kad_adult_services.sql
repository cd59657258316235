-- Adult services key activity as the committee report prints it: amounts in £000, unit costs in £, direction of
-- travel against the previous period held in the warehouse (period 1 against March, closedown against March).
-- grain: one row per service line per reporting period
-- reproduces: key activity data, adult services (LD, AMH, OP, OPMH)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column service_area: LD, AMH, OP or OPMH
-- column client_group: client group
-- column service_type: service type as printed
-- column line_kind: expenditure, income, savings, total_expenditure, total_income or total_net
-- column budgeted_users: service users the budget was set for
-- column budgeted_unit_cost: budgeted cost per unit, £ to 2 dp
-- column unit: unit of the unit costs: week, hour or year
-- column annual_budget: annual budget, £000 rounded at presentation
-- column current_users: service users now
-- column current_unit_cost: current cost per unit, £ to 2 dp
-- column forecast_spend: forecast full-year spend, £000 rounded at presentation
-- column variance: forecast spend less budget, £000 rounded at presentation; overspend +
-- column dot_users: direction of travel of users against the previous period: ↑, ↓ or ↔; null on totals or without a previous figure
-- column dot_unit_cost: direction of travel of the unit cost: ↑, ↓ or ↔
-- column dot_spend: direction of travel of forecast spend: ↑, ↓ or ↔
-- column sort_order: printed order
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
