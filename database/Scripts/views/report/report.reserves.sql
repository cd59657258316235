-- The reserve (and provision) schedule as each paper printed it: funds, subtotals and totals, keyed by the
-- publication (the F&PR and the IRPR print different schedules). Sum only line_type fund rows; the printed
-- subtotals and totals are reconciled against them in report.reconciliation (rounding shown there).
-- grain: one row per period × publication × printed row of the schedule
-- reproduces: F&PR Appendix 5 "Reserve Schedule"; IRPR Appendix 2 "Reserves and Provisions"
-- column period_end: last day of the period the balances are at
-- column fiscal_year: financial year, e.g. 2018/19
-- column period: period of the financial year, 1-12 (April = 1), 13 = closedown
-- column publication: the paper that printed the schedule: fpr or irpr (dw.dim_publication)
-- column reserve_type: revenue, capital or provision; reserves on a total of revenue and capital reserves together
-- column fund_group: the printed group heading (General Reserve, Equipment Reserves, Other Earmarked Reserves, Capital Reserves …)
-- column fund: the fund as printed, or the subtotal's or total's label
-- column line_type: fund, subtotal (one group) or total (a reserve type, or every reserve)
-- column opening_balance_k: balance at the start of the financial year, £000 (+ surplus, − deficit)
-- column movement_k: movements in the year to date, £000
-- column current_balance_k: balance at the period's end, £000
-- column forecast_year_end_k: forecast balance at year end, £000 (empty when not printed)
-- column notes: the fund's note as printed
-- column service: the printed sub-heading within the group (a directorate or service), when there is one
-- column sort_order: the row's place in the schedule, for printing in its order
CREATE VIEW report.reserves AS
SELECT p.period_end, p.fiscal_year, p.period, d.publication_code AS publication, r.reserve_type, r.fund_group, r.fund, r.line_type,
       CAST(ROUND(r.opening_balance / 1000, 0) AS decimal(19,0)) AS opening_balance_k,
       CAST(ROUND(r.movement / 1000, 0) AS decimal(19,0)) AS movement_k,
       CAST(ROUND(r.current_balance / 1000, 0) AS decimal(19,0)) AS current_balance_k,
       CAST(ROUND(r.forecast_year_end / 1000, 0) AS decimal(19,0)) AS forecast_year_end_k,
       r.notes, r.service, r.source_row AS sort_order
FROM dw.fact_reserve AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key
JOIN dw.dim_publication AS d ON d.publication_key = r.publication_key;
