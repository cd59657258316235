-- The model's savings tracker fact: each saving proposal per reporting period at full precision in pounds,
-- keyed to powerbi.dim_period and powerbi.dim_committee.
-- grain: one row per reporting period and saving proposal (Business Plan reference)
-- reproduces: F&PR savings tracker (seed 004 Appendix C)
-- column period_key: reporting period key (yyyypp), to powerbi.dim_period
-- column period_end: last day of the reporting period, to powerbi.dim_date
-- column fiscal_year: financial year of the tracker, e.g. 2018/19
-- column period: reporting period of the financial year (1-12, 13 = closedown)
-- column committee_key: committee of the proposal, to powerbi.dim_committee
-- column committee_code: committee code of the proposal (Adults, CYP, All = cross-committee)
-- column sort_order: order of the proposal in the tracker as returned
-- column reference: Business Plan reference of the proposal, e.g. A/R.6.253
-- column title: title of the proposal
-- column service: service that owns the proposal
-- column investment: investment in the year, £
-- column original_saving: saving in the Business Plan, £ (savings are negative)
-- column q1: forecast phasing in quarter 1, £
-- column q2: forecast phasing in quarter 2, £
-- column q3: forecast phasing in quarter 3, £
-- column q4: forecast phasing in quarter 4, £
-- column forecast_saving: forecast saving for the year, £
-- column variance: variance from plan (forecast - original), £; positive is a shortfall
-- column variance_pct: variance / |original| x 100 as returned, 2 dp
-- column rag: RAG as published (Green, Amber, Red, Black, Blue)
-- column direction_published: direction of travel as printed (↑, ↓, ↔)
-- column direction_derived: direction of travel against the previous tracker of the year in the warehouse
-- column commentary: forecast commentary
-- column flag: where the row's own printed figures disagree within rounding, what they say (else empty)
-- column batch_id: load batch that wrote the row (lineage, etl.batch)
CREATE VIEW powerbi.fact_savings_tracker AS
SELECT s.period_key, p.period_end, p.fiscal_year, p.period, s.committee_key, c.committee_code, s.sort_order,
       s.reference, s.title, s.service, s.investment, s.original_saving, s.q1, s.q2, s.q3, s.q4,
       s.forecast_saving, s.variance, s.variance_pct, s.rag, s.direction_published, s.direction_derived,
       s.commentary, s.flag, s.batch_id
FROM dw.fact_savings_tracker AS s
JOIN dw.dim_period AS p ON p.period_key = s.period_key
JOIN dw.dim_committee AS c ON c.committee_key = s.committee_key;
