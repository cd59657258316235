-- The calendar on the UK financial year (April = period 1), the model's date table.
-- grain: one row per calendar day
-- column date_key: date as a number YYYYMMDD
-- column calendar_date: the day
-- column calendar_year: calendar year
-- column calendar_month: calendar month number, 1 = January
-- column month_name: month name, e.g. April
-- column month_label: short month label as printed, e.g. May-18
-- column day_of_month: day of the month
-- column fiscal_year: financial year, e.g. 2018/19
-- column fiscal_year_start: calendar year in which the financial year starts
-- column fiscal_period: financial period of the day: 1 = April … 12 = March
-- column fiscal_quarter: financial quarter: 1 = April–June … 4 = January–March
-- column is_month_end: true on the last day of a month
-- column period_key: key of the reporting period the day falls in (YYYYPP)
CREATE VIEW powerbi.dim_date AS
SELECT date_key, calendar_date, calendar_year, calendar_month, month_name, month_label, day_of_month,
       fiscal_year, fiscal_year_start, fiscal_period, fiscal_quarter, is_month_end, period_key
FROM dw.dim_date;
