-- Each grant of the register with the committee its recipient reports to in the grant's year: the receiving
-- budget line's committee when the register names one, else the directorate's when all the directorate's lines
-- (other than whole-service ones) report to one committee; otherwise none (the grant stays whole-service).
-- grain: one row per grants register row (period × grant × receiving directorate or budget line)
-- column period_key: reporting period key, YYYYPP of the financial year start
-- column source_row: the row of the register file
-- column grant_line_code: the ledger's grant line carrying the grant (Non Baselined Grants, Financing DSG)
-- column directorate: the directorate receiving the grant
-- column recipient_line_code: the budget line receiving the grant, when the register names one
-- column expected_amount: expected amount, £ full precision; income as the register gives it
-- column committee_code: committee the recipient reports to in the grant's year; null when the grant stays whole-service
-- column basis: how the committee was found: budget line, directorate or unallocated
CREATE VIEW dw.v_grant_committee AS
SELECT g.period_key, g.source_row, g.grant_line_code, g.directorate, g.recipient_line_code, g.expected_amount,
       CASE WHEN g.recipient_line_code IS NOT NULL THEN lc.committee_code
            WHEN dc.committees = 1 THEN dc.committee_code END AS committee_code,
       CASE WHEN g.recipient_line_code IS NOT NULL AND lc.committee_code IS NOT NULL THEN 'budget line'
            WHEN g.recipient_line_code IS NULL AND dc.committees = 1 THEN 'directorate'
            ELSE 'unallocated' END AS basis
FROM dw.fact_grant AS g
JOIN dw.dim_period AS p ON p.period_key = g.period_key
LEFT JOIN dw.v_line_committee AS lc ON lc.budget_line_code = g.recipient_line_code AND lc.fiscal_year_start = p.fiscal_year_start
LEFT JOIN (
    SELECT x.period_key, x.directorate, COUNT(DISTINCT x.committee_code) AS committees, MIN(x.committee_code) AS committee_code
    FROM (
        SELECT DISTINCT gp.period_key, o.directorate, l.committee_code
        FROM (SELECT DISTINCT period_key FROM dw.fact_grant) AS gp
        JOIN dw.dim_period AS pp ON pp.period_key = gp.period_key
        JOIN dw.dim_organisation AS o ON o.organisation_key > 0 AND o.valid_from <= pp.period_end AND o.valid_to >= pp.period_end
        JOIN dw.v_line_committee AS l ON l.budget_line_code = o.budget_line_code AND l.fiscal_year_start = pp.fiscal_year_start
        WHERE l.committee_code NOT IN ('All', 'UNKNOWN')) AS x
    GROUP BY x.period_key, x.directorate) AS dc
  ON dc.period_key = g.period_key AND dc.directorate = g.directorate;
