-- Saving proposals whose own printed figures disagree within rounding (loaded as printed, flagged): e.g. quarters
-- that add to -52 against a forecast of -50 because each -12.5 prints as -13.
-- grain: one row per reporting period and flagged saving proposal
-- column period_end: last day of the reporting period the tracker reports
-- column fiscal_year: financial year of the tracker, e.g. 2018/19
-- column period: reporting period of the financial year (1-12, 13 = closedown)
-- column reference: Business Plan reference of the proposal
-- column committee: committee code of the proposal (Adults, CYP, All = cross-committee)
-- column flag: what the printed figures say and how far apart they are
CREATE VIEW report.savings_flags AS
SELECT p.period_end, p.fiscal_year, p.period, s.reference, c.committee_code AS committee, s.flag
FROM dw.fact_savings_tracker AS s
JOIN dw.dim_period AS p ON p.period_key = s.period_key
JOIN dw.dim_committee AS c ON c.committee_key = s.committee_key
WHERE s.flag IS NOT NULL;
