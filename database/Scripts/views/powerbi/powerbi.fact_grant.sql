-- The grants register for the model: each grant (or a directorate's part of it) per period, with the committee
-- its recipient reports to (what shares a whole-service grant line). Amounts in pounds, positive (income expected).
-- grain: one row per period × register row
-- column period_key: period (yyyypp of the financial year start), joins Period
-- column source_row: the row of the register file
-- column grant_name: grant name as the register gives it
-- column awarding_body: the body awarding the grant
-- column directorate: the directorate receiving the grant
-- column recipient_line_code: the budget line receiving the grant, when the register names one
-- column grant_line_code: the ledger's grant line carrying it (Non Baselined Grants, Financing DSG)
-- column in_base_budget: 1 when in the base budget (Business Plan), 0 when additional
-- column expected_amount: expected amount, £
-- column committee_code: committee the recipient reports to in the grant's year (empty: stays whole-service)
-- column allocation_basis: budget line, directorate or unallocated
-- column batch_id: the load batch the row came from
CREATE VIEW powerbi.fact_grant AS
SELECT g.period_key, g.source_row, g.grant_name, g.awarding_body, g.directorate, g.recipient_line_code, g.grant_line_code,
       CASE WHEN CAST(g.in_base_budget AS int) = 1 THEN 1 ELSE 0 END AS in_base_budget, g.expected_amount,
       c.committee_code, c.basis AS allocation_basis, g.batch_id
FROM dw.fact_grant AS g
JOIN dw.v_grant_committee AS c ON c.period_key = g.period_key AND c.source_row = g.source_row;
