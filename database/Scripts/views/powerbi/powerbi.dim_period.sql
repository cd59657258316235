-- Reporting periods: 1–12 are April to March, 13 is closedown (dated 31 March).
-- grain: one row per financial year and period
-- column period_key: period key YYYYPP of the financial year start (201802 = May 2018; 201813 = closedown 2018/19)
-- column fiscal_year: financial year, e.g. 2018/19
-- column fiscal_year_start: calendar year in which the financial year starts
-- column period: 1 = April … 12 = March, 13 = closedown
-- column period_label: period label as printed (e.g. May-18, Closedown 2018/19)
-- column period_start: first day of the period
-- column period_end: last day of the period (31 March for March and closedown)
-- column is_closedown: true for period 13
CREATE VIEW powerbi.dim_period AS
SELECT period_key, fiscal_year, fiscal_year_start, period, period_label, period_start, period_end, is_closedown
FROM dw.dim_period;
