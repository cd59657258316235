-- Adult services key activity at full precision: users, unit costs and spend in pounds.
-- grain: one row per service line per reporting period
-- column period_key: reporting period key (YYYYPP of the financial year start)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column service_type_key: key of the service line (powerbi.dim_activity_service_type)
-- column service_area: LD, AMH, OP or OPMH
-- column code: line code within the service area
-- column client_group: client group
-- column service_type: service type as printed
-- column line_kind: expenditure, income, savings, total_expenditure, total_income or total_net
-- column is_total: 1 for the total rows (total_expenditure, total_income, total_net), else 0
-- column budgeted_users: service users the budget was set for
-- column budgeted_unit_cost: budgeted cost per unit, £ per unit
-- column unit: unit of the unit costs: week, hour or year
-- column annual_budget: annual budget, £ full precision; income −
-- column current_users: service users now
-- column current_unit_cost: current cost per unit, £ per unit
-- column forecast_spend: forecast full-year spend, £ full precision; income −
-- column variance: forecast spend less budget, £; overspend +
-- column sort_order: printed order
-- column batch_id: batch that loaded the row (etl.batch; see report.load_status)
CREATE VIEW powerbi.kad_adult_services AS
SELECT f.period_key, p.period_end, p.fiscal_year, p.period, f.service_type_key, d.service_area, d.code, d.client_group,
       d.service_type, d.line_kind,
       CASE WHEN d.line_kind IN ('total_expenditure', 'total_income', 'total_net') THEN 1 ELSE 0 END AS is_total,
       f.budgeted_users, f.budgeted_unit_cost, f.unit, f.annual_budget, f.current_users, f.current_unit_cost,
       f.forecast_spend, f.variance, d.sort_order, f.batch_id
FROM dw.fact_adult_activity AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
JOIN dw.dim_activity_service_type AS d ON d.service_type_key = f.service_type_key;
