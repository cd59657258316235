CREATE VIEW powerbi.kad_sen_placements AS
SELECT f.period_key, p.period_end, p.fiscal_year, p.period, f.service_type_key, d.code AS ofsted_code, d.service_type AS need,
       d.line_kind, CASE WHEN d.line_kind = 'total' THEN 1 ELSE 0 END AS is_total,
       f.budgeted_placements, f.budget, f.budget_average_cost, f.placements_now, f.yearly_average,
       f.actual_cost, f.actual_average_cost, d.sort_order, f.batch_id
FROM dw.fact_sen_placement AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
JOIN dw.dim_activity_service_type AS d ON d.service_type_key = f.service_type_key;
