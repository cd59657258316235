CREATE VIEW powerbi.dim_period AS
SELECT period_key, fiscal_year, fiscal_year_start, period, period_label, period_start, period_end, is_closedown
FROM dw.dim_period;
