-- The grants register as the F&PR's Appendix 3 lists it: each grant (or each directorate's part of it) with its
-- awarding body and expected amount, and whether the Business Plan (base budget) already holds it.
-- grain: one row per period × grant × receiving directorate (or budget line)
-- reproduces: F&PR Appendix 3 "Grant Income Analysis" (grant list)
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year, e.g. 2018/19
-- column period: period of the financial year, 1-12 (April = 1), 13 = closedown
-- column grant: grant name as the register gives it
-- column awarding_body: the body awarding the grant
-- column directorate: the directorate receiving the grant (as the organisation reference spells it)
-- column in_base_budget: 1 when the grant is in the base budget (Business Plan), 0 when additional
-- column expected_amount_k: expected amount, £000 as printed (positive: an amount of income)
-- column grant_line: the ledger's grant line that carries it (Non Baselined Grants, Financing DSG)
-- column receiving_line_code: the budget line receiving the grant, when the register names one
-- column sort_order: the row's place in the register, for printing in its order
CREATE VIEW report.grants AS
SELECT p.period_end, p.fiscal_year, p.period, g.grant_name AS "grant", g.awarding_body, g.directorate,
       CASE WHEN CAST(g.in_base_budget AS int) = 1 THEN 1 ELSE 0 END AS in_base_budget,
       CAST(ROUND(g.expected_amount / 1000, 0) AS decimal(19,0)) AS expected_amount_k,
       gl.budget_line AS grant_line, g.recipient_line_code AS receiving_line_code, g.source_row AS sort_order
FROM dw.fact_grant AS g
JOIN dw.dim_period AS p ON p.period_key = g.period_key
LEFT JOIN dw.dim_organisation AS gl ON gl.budget_line_code = g.grant_line_code AND gl.organisation_key > 0
                                   AND gl.valid_from <= p.period_end AND gl.valid_to >= p.period_end;
