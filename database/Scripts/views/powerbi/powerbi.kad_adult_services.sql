CREATE VIEW powerbi.kad_adult_services AS
SELECT f.period_key, p.period_end, p.fiscal_year, p.period, f.service_type_key, d.service_area, d.code, d.client_group,
       d.service_type, d.line_kind,
       CASE WHEN d.line_kind IN ('total_expenditure', 'total_income', 'total_net') THEN 1 ELSE 0 END AS is_total,
       f.budgeted_users, f.budgeted_unit_cost, f.unit, f.annual_budget, f.current_users, f.current_unit_cost,
       f.forecast_spend, f.variance, d.sort_order, f.batch_id
FROM dw.fact_adult_activity AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
JOIN dw.dim_activity_service_type AS d ON d.service_type_key = f.service_type_key;
