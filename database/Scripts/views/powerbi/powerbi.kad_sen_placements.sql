-- SEN placements by Ofsted need at full precision.
-- grain: one row per SEN need line per reporting period
-- column period_key: reporting period key (YYYYPP of the financial year start)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column service_type_key: key of the service line (powerbi.dim_activity_service_type)
-- column ofsted_code: Ofsted need code
-- column need: need as printed
-- column line_kind: need, growth, recoupment or total
-- column is_total: 1 for the total row, else 0
-- column budgeted_placements: placements the budget was set for
-- column budget: budget, £ full precision
-- column budget_average_cost: budgeted average cost per placement, £
-- column placements_now: placements at the snapshot
-- column yearly_average: average placements over the year to date
-- column actual_cost: actual cost, £ full precision
-- column actual_average_cost: actual average cost per placement, £
-- column sort_order: printed order
-- column batch_id: batch that loaded the row (etl.batch; see report.load_status)
CREATE VIEW powerbi.kad_sen_placements AS
SELECT f.period_key, p.period_end, p.fiscal_year, p.period, f.service_type_key, d.code AS ofsted_code, d.service_type AS need,
       d.line_kind, CASE WHEN d.line_kind = 'total' THEN 1 ELSE 0 END AS is_total,
       f.budgeted_placements, f.budget, f.budget_average_cost, f.placements_now, f.yearly_average,
       f.actual_cost, f.actual_average_cost, d.sort_order, f.batch_id
FROM dw.fact_sen_placement AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
JOIN dw.dim_activity_service_type AS d ON d.service_type_key = f.service_type_key;
