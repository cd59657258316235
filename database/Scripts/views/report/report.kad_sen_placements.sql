-- SEN placements by Ofsted need; variances derived: placements now and yearly average against budgeted placements,
-- cost and average cost against budget.
-- grain: one row per SEN need line per reporting period
-- reproduces: key activity data, SEN placements
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column ofsted_code: Ofsted need code
-- column need: need as printed
-- column line_kind: need, growth, recoupment or total
-- column budgeted_placements: placements budgeted
-- column budget: budget, £000 rounded
-- column budget_average_cost: budgeted average cost per placement, £
-- column placements_now: placements at the snapshot
-- column yearly_average: average placements over the year to date
-- column actual_cost: actual cost, £000 rounded
-- column actual_average_cost: actual average cost per placement, £
-- column variance_placements: placements now less budgeted
-- column variance_yearly_average: yearly average less budgeted placements
-- column variance_cost: actual cost less budget, £000 rounded; null when neither is given
-- column variance_average_cost: actual less budgeted average cost, £ (0 where no actual is printed)
-- column sort_order: printed order
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
