-- The directorate summary for one committee's lines (committee responsibility of the financial year, latest at or
-- before it), as on the committee cover reports (e.g. CYP, seed 002; Adults, seed 004). A whole-service line
-- (committee All) counts in each committee by its share (report.committee_allocation); unshared, it stays All.
-- grain: one row per committee, reporting period and directorate, plus the committee's Total Expenditure, Grant Funding and Total
-- reproduces: committee cover report summary table (e.g. CYP and Adults, seeds 002 and 004)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column committee: committee code (All = lines reported to every committee; UNKNOWN = none recorded)
-- column line: directorate name, or Total Expenditure, Grant Funding, Total
-- column line_type: directorate, total_expenditure, grant_funding or total
-- column sort_order: printed order (totals 9000, 9100, 9200)
-- column previous_forecast_variance_k: forecast variance reported in the previous period's return, £000, rounded at presentation from full-precision pounds (0 when there was none)
-- column budget_k: current full-year budget (original plus virements), £000, rounded at presentation from full-precision pounds; expenditure +, income −
-- column actual_k: actual to date (outturn at closedown), £000, rounded at presentation from full-precision pounds
-- column forecast_variance_k: forecast outturn less budget, £000, rounded at presentation from full-precision pounds; overspend +, underspend −
-- column forecast_variance_pct: forecast variance as a percentage of budget, 1 dp as printed (variance / budget on these aggregate rows); null when budget is 0
-- column movement_k: change in forecast variance since the previous period's return, £000, rounded at presentation from full-precision pounds
CREATE VIEW report.fpr_committee_summary AS
    -- One pass over the committee lines: each line is counted in the rows of the summary it belongs to (its directorate
    -- and Total Expenditure when expenditure, Grant Funding when a grant, Total always), so the committee allocation
    -- under it is worked out once, not once per kind of row.
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee,
       CASE WHEN k.line_type = 'directorate' THEN m.directorate ELSE k.line END AS line,
       k.line_type, CASE WHEN k.line_type = 'directorate' THEN MIN(m.sort_order) ELSE MIN(k.sort_order) END AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_committee_revenue_monitoring AS m
JOIN (VALUES ('directorate', NULL, 0, 'expenditure'),
             ('total_expenditure', 'Total Expenditure', 9000, 'expenditure'),
             ('grant_funding', 'Grant Funding', 9100, 'grant'),
             ('total', 'Total', 9200, NULL)) AS k(line_type, line, sort_order, of_line_type)
  ON k.of_line_type = m.line_type OR k.of_line_type IS NULL
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee, k.line_type, k.line,
         CASE WHEN k.line_type = 'directorate' THEN m.directorate ELSE k.line END;
