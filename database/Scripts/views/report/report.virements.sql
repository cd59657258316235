-- The virement log as the F&PR's Appendix 4 lists it: each virement with the line(s) it moves, the month it
-- takes effect, its amount and note. The opening budget it starts from is in report.budget_reconciliation.
-- grain: one row per period × virement
-- reproduces: F&PR Appendix 4 "Virements and Budget Reconciliation" (virement rows)
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year, e.g. 2018/19
-- column period: period of the financial year, 1-12 (April = 1), 13 = closedown
-- column line: the budget line(s) moved, as printed (a line name, several names, or Multiple Policy Lines)
-- column effective_period: period the virement takes effect, 1-13 (April = 1)
-- column amount_k: amount, £000 (+ adds budget to the service, − takes it away)
-- column note: the virement's note as printed
-- column sort_order: the row's place in the log, for printing in its order
CREATE VIEW report.virements AS
SELECT p.period_end, p.fiscal_year, p.period, v.line, v.effective_period,
       CAST(ROUND(v.amount / 1000, 0) AS decimal(19,0)) AS amount_k, v.note, v.source_row AS sort_order
FROM dw.fact_virement AS v
JOIN dw.dim_period AS p ON p.period_key = v.period_key
WHERE v.entry_type = 'virement';
