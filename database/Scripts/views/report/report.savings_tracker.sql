-- The savings tracker as the committee paper prints it: each Business Plan saving proposal with its phasing,
-- forecast, variance and RAG, the published direction of travel and the one derived from the previous tracker.
-- grain: one row per reporting period and saving proposal (Business Plan reference)
-- reproduces: F&PR savings tracker (e.g. seed 004 Appendix C, "Savings Tracker 2018-19")
-- column period_end: last day of the reporting period the tracker reports
-- column fiscal_year: financial year of the tracker, e.g. 2018/19
-- column period: reporting period of the financial year (1-12, 13 = closedown)
-- column reference: Business Plan reference of the proposal, e.g. A/R.6.253
-- column title: title of the proposal as printed
-- column service: service that owns the proposal, e.g. P&C
-- column committee: committee code of the proposal (dim_committee: Adults, CYP, All = cross-committee)
-- column investment_k: investment in the year, £000
-- column original_saving_k: saving in the Business Plan, £000 (savings are negative)
-- column q1_k: current forecast phasing of the saving in quarter 1, £000
-- column q2_k: current forecast phasing of the saving in quarter 2, £000
-- column q3_k: current forecast phasing of the saving in quarter 3, £000
-- column q4_k: current forecast phasing of the saving in quarter 4, £000
-- column forecast_saving_k: forecast saving for the year (Q1 + Q2 + Q3 + Q4), £000
-- column variance_k: variance from plan (forecast - original), £000; positive is a shortfall
-- column variance_pct: variance as a percentage of the original saving's size (variance / |original| x 100), 2 dp
-- column rag: RAG as published: Green, Amber, Red, Black (not achieved this year) or Blue (exceeding plan)
-- column direction_published: direction of travel as printed (↑ better, ↓ worse, ↔ unchanged)
-- column direction_derived: direction of travel against the previous tracker of the year in the warehouse (variance fell ↑, rose ↓, same ↔); empty without one
-- column commentary: forecast commentary, whole
CREATE VIEW report.savings_tracker AS
SELECT p.period_end, p.fiscal_year, p.period, s.reference, s.title, s.service, c.committee_code AS committee,
       CAST(ROUND(s.investment / 1000, 0) AS decimal(19,0)) AS investment_k,
       CAST(ROUND(s.original_saving / 1000, 0) AS decimal(19,0)) AS original_saving_k,
       CAST(ROUND(s.q1 / 1000, 0) AS decimal(19,0)) AS q1_k,
       CAST(ROUND(s.q2 / 1000, 0) AS decimal(19,0)) AS q2_k,
       CAST(ROUND(s.q3 / 1000, 0) AS decimal(19,0)) AS q3_k,
       CAST(ROUND(s.q4 / 1000, 0) AS decimal(19,0)) AS q4_k,
       CAST(ROUND(s.forecast_saving / 1000, 0) AS decimal(19,0)) AS forecast_saving_k,
       CAST(ROUND(s.variance / 1000, 0) AS decimal(19,0)) AS variance_k,
       s.variance_pct, s.rag, s.direction_published, s.direction_derived, s.commentary
FROM dw.fact_savings_tracker AS s
JOIN dw.dim_period AS p ON p.period_key = s.period_key
JOIN dw.dim_committee AS c ON c.committee_key = s.committee_key;
