-- The general ledger at full precision in pounds.
-- grain: one row per cost centre per subjective account per reporting period
-- column period_key: reporting period key (YYYYPP of the financial year start)
-- column cost_centre_key: key of the cost centre version (powerbi.dim_cost_centre)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column account_code: subjective account code (1000 Employees … 8000 Income)
-- column account_name: subjective account name
-- column budget: current full-year budget, £ full precision; income accounts negative
-- column actual: actual to date (outturn at closedown), £ full precision; income negative
-- column batch_id: batch that loaded the row (etl.batch; see report.load_status)
CREATE VIEW powerbi.fact_ledger AS
SELECT f.period_key, f.cost_centre_key, p.period_end, p.fiscal_year, p.period, f.account_code, f.account_name,
       f.budget, f.actual, f.batch_id
FROM dw.fact_ledger AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key;
