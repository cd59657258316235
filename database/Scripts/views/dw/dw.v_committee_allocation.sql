-- How each whole-service line (committee All in its year) is shared among committees in a period. A grant line
-- is shared by the grants register: each committee's share is the expected amount of the grants its
-- directorates receive over the register's total for the line; what no committee receives stays All. A line
-- with no register for the period stays whole-service (one row, committee All, share 1, basis none).
-- grain: one row per period × whole-service budget line × committee sharing it
-- column period_key: reporting period key, YYYYPP of the financial year start
-- column budget_line_code: the whole-service budget line (committee All in its year)
-- column committee_code: committee receiving a share; All for the part no committee receives
-- column basis: grants register (shared by the register) or none (no register for the period: whole line on All)
-- column allocated_amount: expected amount of the register's grants for this committee, £ full precision; null when basis is none
-- column register_total: the register's total for the line in the period, £ full precision; null when basis is none
-- column share: the committee's share of the line, allocated_amount / register_total (1 when basis is none); a line's shares sum to 1
CREATE VIEW dw.v_committee_allocation AS
SELECT w.period_key, w.budget_line_code, COALESCE(a.committee_code, 'All') AS committee_code,
       CASE WHEN a.committee_code IS NULL THEN 'none' ELSE 'grants register' END AS basis,
       a.allocated_amount, a.register_total,
       CASE WHEN a.committee_code IS NULL THEN 1 ELSE a.allocated_amount / a.register_total END AS share
FROM (SELECT m.period_key, m.budget_line_code
      FROM dw.fact_revenue_monitoring AS m
      JOIN dw.dim_period AS p ON p.period_key = m.period_key
      JOIN dw.v_line_committee AS c ON c.budget_line_code = m.budget_line_code AND c.fiscal_year_start = p.fiscal_year_start
      WHERE c.committee_code = 'All') AS w -- the whole-service lines of each period (as dw.v_revenue_monitoring assigns them)
LEFT JOIN (
    SELECT s.period_key, s.grant_line_code, COALESCE(s.committee_code, 'All') AS committee_code,
           SUM(s.expected_amount) AS allocated_amount, MIN(t.register_total) AS register_total
    FROM dw.v_grant_committee AS s
    JOIN (SELECT period_key, grant_line_code, SUM(expected_amount) AS register_total
          FROM dw.fact_grant GROUP BY period_key, grant_line_code) AS t
      ON t.period_key = s.period_key AND t.grant_line_code = s.grant_line_code
    WHERE t.register_total <> 0
    GROUP BY s.period_key, s.grant_line_code, COALESCE(s.committee_code, 'All')) AS a
  ON a.period_key = w.period_key AND a.grant_line_code = w.budget_line_code;
