-- The shares of whole-service budget lines by committee per period (report.committee_allocation at full precision),
-- so a committee's slice in the model can include its part of a line that covers every committee.
-- grain: one row per period × whole-service budget line × committee sharing it
-- column period_key: period (yyyypp of the financial year start), joins Period
-- column budget_line_code: the whole-service budget line
-- column committee_code: committee receiving the share (All = still whole-service)
-- column basis: grants register, or none (no allocation: the line stays whole-service)
-- column share: the committee's share of the line, 0-1
-- column allocated_amount: register amount the committee's directorates receive, £
-- column register_total: register total for the line, £
CREATE VIEW powerbi.committee_allocation AS
SELECT a.period_key, a.budget_line_code, a.committee_code, a.basis, a.share, a.allocated_amount, a.register_total
FROM dw.v_committee_allocation AS a;
