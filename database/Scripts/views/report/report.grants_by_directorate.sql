-- The grants register summed as Appendix 3's second table prints it: per grant line the total each directorate
-- receives and the line's total, then the total grant funding of all grant lines.
-- grain: one row per period × grant line × directorate, plus one total per grant line and one overall total
-- reproduces: F&PR Appendix 3 "The non-baselined grants are spread across the directorates as follows", and its totals
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year, e.g. 2018/19
-- column period: period of the financial year, 1-12 (April = 1), 13 = closedown
-- column grant_line: the ledger's grant line (Non Baselined Grants, Financing DSG), or Total Grant Funding
-- column directorate: the receiving directorate; TOTAL on a grant line's total row; empty on the overall total
-- column line_type: directorate, total (of a grant line) or grand_total (every grant line)
-- column grant_total_k: expected amount, £000
-- column grants: number of register rows summed
CREATE VIEW report.grants_by_directorate AS
SELECT p.period_end, p.fiscal_year, p.period, x.grant_line, x.directorate, x.line_type,
       CAST(ROUND(x.amount / 1000, 0) AS decimal(19,0)) AS grant_total_k, x.grants
FROM (
    SELECT g.period_key, gl.budget_line AS grant_line, g.directorate, 'directorate' AS line_type, SUM(g.expected_amount) AS amount, COUNT(*) AS grants
    FROM dw.fact_grant AS g
    JOIN dw.dim_period AS pp ON pp.period_key = g.period_key
    JOIN dw.dim_organisation AS gl ON gl.budget_line_code = g.grant_line_code AND gl.organisation_key > 0 AND gl.valid_from <= pp.period_end AND gl.valid_to >= pp.period_end
    GROUP BY g.period_key, gl.budget_line, g.directorate
    UNION ALL
    SELECT g.period_key, gl.budget_line AS grant_line, 'TOTAL' AS directorate, 'total' AS line_type, SUM(g.expected_amount) AS amount, COUNT(*) AS grants
    FROM dw.fact_grant AS g
    JOIN dw.dim_period AS pp ON pp.period_key = g.period_key
    JOIN dw.dim_organisation AS gl ON gl.budget_line_code = g.grant_line_code AND gl.organisation_key > 0 AND gl.valid_from <= pp.period_end AND gl.valid_to >= pp.period_end
    GROUP BY g.period_key, gl.budget_line
    UNION ALL
    SELECT g.period_key, 'Total Grant Funding' AS grant_line, NULL AS directorate, 'grand_total' AS line_type, SUM(g.expected_amount) AS amount, COUNT(*) AS grants
    FROM dw.fact_grant AS g
    GROUP BY g.period_key) AS x
JOIN dw.dim_period AS p ON p.period_key = x.period_key;
