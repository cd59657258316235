-- SEN placements by Ofsted need. Variances are derived: placements now and yearly average against budgeted
-- placements, cost and average cost against budget ("-" where the source prints none).
CREATE VIEW report.kad_sen_placements AS
SELECT p.period_end, p.fiscal_year, p.period, d.code AS ofsted_code, d.service_type AS need, d.line_kind,
       f.budgeted_placements,
       CAST(ROUND(f.budget / 1000, 0) AS decimal(19,0)) AS budget,
       f.budget_average_cost,
       f.placements_now, f.yearly_average,
       CAST(ROUND(f.actual_cost / 1000, 0) AS decimal(19,0)) AS actual_cost,
       f.actual_average_cost,
       f.placements_now - f.budgeted_placements AS variance_placements,
       f.yearly_average - f.budgeted_placements AS variance_yearly_average,
       CASE WHEN f.actual_cost IS NULL AND f.budget IS NULL THEN NULL
            ELSE CAST(ROUND((COALESCE(f.actual_cost, 0) - COALESCE(f.budget, 0)) / 1000, 0) AS decimal(19,0)) END AS variance_cost,
       CASE WHEN f.actual_average_cost IS NULL AND f.budget_average_cost IS NULL THEN NULL
            WHEN f.actual_average_cost IS NULL THEN 0
            ELSE f.actual_average_cost - COALESCE(f.budget_average_cost, 0) END AS variance_average_cost,
       d.sort_order
FROM dw.fact_sen_placement AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
JOIN dw.dim_activity_service_type AS d ON d.service_type_key = f.service_type_key;
