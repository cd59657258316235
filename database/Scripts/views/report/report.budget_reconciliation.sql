-- From the Business Plan budget to the current budget: the opening budget, each virement with the budget after it,
-- the current budget (opening plus virements), and the ledger's budget for the period set against it. The
-- reconciliation is computed here from the log and the ledger; no typed total is trusted.
-- grain: one row per period × step (opening, each virement, current)
-- reproduces: F&PR Appendix 4 "Virements and Budget Reconciliation"
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year, e.g. 2018/19
-- column period: period of the financial year, 1-12 (April = 1), 13 = closedown
-- column step: opening (Budget as per Business Plan), virement, or current (opening plus every virement)
-- column line: the opening row's label, the virement's line(s), or Current Budget
-- column effective_period: period a virement takes effect (empty on opening and current)
-- column amount_k: the opening budget, the virement, or the current budget, £000
-- column running_budget_k: budget after this step, £000
-- column ledger_budget_k: the ledger's total budget for the period (every line), £000, on the current row
-- column difference_k: ledger budget minus current budget, £000, on the current row
-- column reconciles: on the current row, match (ledger budget equals the current budget to the £000), within rounding (no more than £500 per ledger line apart) or mismatch
-- column note: the virement's note
-- column sort_order: order of the steps
CREATE VIEW report.budget_reconciliation AS
SELECT p.period_end, p.fiscal_year, p.period, x.step, x.line, x.effective_period,
       CAST(ROUND(x.amount / 1000, 0) AS decimal(19,0)) AS amount_k,
       CAST(ROUND(x.running / 1000, 0) AS decimal(19,0)) AS running_budget_k,
       CAST(ROUND(x.ledger / 1000, 0) AS decimal(19,0)) AS ledger_budget_k,
       CAST(ROUND(x.ledger / 1000, 0) - ROUND(x.running / 1000, 0) AS decimal(19,0)) AS difference_k,
       CASE WHEN x.ledger IS NULL THEN NULL
            WHEN ROUND(x.ledger / 1000, 0) = ROUND(x.running / 1000, 0) THEN 'match'
            WHEN ABS(x.ledger - x.running) <= 500 * x.ledger_lines THEN 'within rounding'
            ELSE 'mismatch' END AS reconciles,
       x.note, x.sort_order
FROM (
    SELECT v.period_key, v.entry_type AS step, v.line, v.effective_period, v.amount,
           (SELECT SUM(e.amount) FROM dw.fact_virement AS e WHERE e.period_key = v.period_key AND e.source_row <= v.source_row) AS running,
           CAST(NULL AS decimal(19,2)) AS ledger, 0 AS ledger_lines, v.note, v.source_row AS sort_order
    FROM dw.fact_virement AS v
    UNION ALL
    SELECT v.period_key, 'current' AS step, 'Current Budget' AS line, NULL AS effective_period, SUM(v.amount) AS amount, SUM(v.amount) AS running,
           (SELECT SUM(m.budget) FROM dw.fact_revenue_monitoring AS m WHERE m.period_key = v.period_key) AS ledger,
           (SELECT COUNT(*) FROM dw.fact_revenue_monitoring AS m WHERE m.period_key = v.period_key) AS ledger_lines, NULL AS note, 100000 AS sort_order
    FROM dw.fact_virement AS v
    GROUP BY v.period_key) AS x
JOIN dw.dim_period AS p ON p.period_key = x.period_key;
