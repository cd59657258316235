CREATE VIEW powerbi.dim_date AS
SELECT date_key, calendar_date, calendar_year, calendar_month, month_name, month_label, day_of_month,
       fiscal_year, fiscal_year_start, fiscal_period, fiscal_quarter, is_month_end, period_key
FROM dw.dim_date;
