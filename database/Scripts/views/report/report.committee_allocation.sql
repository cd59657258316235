-- How each whole-service budget line (one that "covers all of P&C") is shared among committees in a period, and
-- on what basis: a grant line by the grants register (each committee's receiving directorates); a line with no
-- allocation for the period stays whole-service (committee All, share 1, basis none).
-- grain: one row per period × whole-service budget line × committee sharing it
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year, e.g. 2018/19
-- column period: period of the financial year, 1-12 (April = 1), 13 = closedown
-- column budget_line_code: the whole-service budget line's code
-- column line: the budget line's name as reported
-- column committee: committee code receiving the share (All = still whole-service)
-- column basis: grants register (shared by the receiving directorates of its grants) or none (no allocation: stays whole-service)
-- column is_whole_service: 1 when this row is the part no committee takes (the whole line when basis is none)
-- column allocated_amount_k: register amount the committee's directorates receive, £000 (empty when basis is none)
-- column register_total_k: register total for the line, £000 (empty when basis is none)
-- column share: the committee's share of the line, 0-1 (the shares of a line sum to 1)
-- column budget_k: the committee's share of the line's budget, £000
-- column actual_k: the committee's share of the line's actual to date, £000
-- column forecast_variance_k: the committee's share of the line's forecast variance, £000
CREATE VIEW report.committee_allocation AS
SELECT p.period_end, p.fiscal_year, p.period, a.budget_line_code, o.budget_line AS line, a.committee_code AS committee, a.basis,
       CASE WHEN a.committee_code = 'All' THEN 1 ELSE 0 END AS is_whole_service,
       CAST(ROUND(a.allocated_amount / 1000, 0) AS decimal(19,0)) AS allocated_amount_k,
       CAST(ROUND(a.register_total / 1000, 0) AS decimal(19,0)) AS register_total_k,
       CAST(ROUND(a.share, 6) AS decimal(9,6)) AS share,
       CAST(ROUND(m.budget * a.share / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(m.actual * a.share / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(m.forecast_variance * a.share / 1000, 0) AS decimal(19,0)) AS forecast_variance_k
FROM dw.v_committee_allocation AS a
JOIN dw.dim_period AS p ON p.period_key = a.period_key
JOIN dw.fact_revenue_monitoring AS m ON m.period_key = a.period_key AND m.budget_line_code = a.budget_line_code
JOIN dw.dim_organisation AS o ON o.organisation_key = m.organisation_key;
