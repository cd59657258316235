-- Spend per service area per quarter for each body, as the body names its service areas.
-- grain: one row per body x financial quarter x service area
-- column body: the council or body that made the payments
-- column quarter: financial quarter, e.g. 2018-Q1 = April to June 2018
-- column fiscal_year_start: calendar year in which the financial year starts
-- column fiscal_quarter: quarter of the financial year, 1 to 4
-- column service_area_key: the service area (dw.dim_service_area); null where the file names none
-- column service_area: service area, department or directorate; 'Not stated' where the file names none
-- column payments: number of payment lines
-- column spend: sum of the amounts in pounds (credit notes net off)
CREATE VIEW report.spend_by_service AS
SELECT b.body_name AS body,
       CONCAT(CAST(f.fiscal_year_start AS varchar(4)), '-Q', CAST(f.fiscal_quarter AS varchar(1))) AS quarter,
       f.fiscal_year_start, f.fiscal_quarter, f.service_area_key,
       COALESCE(sa.service_area, 'Not stated') AS service_area,
       COUNT(*) AS payments, SUM(f.amount) AS spend
FROM dw.fact_payment AS f
JOIN dw.dim_body AS b ON b.body_key = f.body_key
LEFT JOIN dw.dim_service_area AS sa ON sa.service_area_key = f.service_area_key
GROUP BY b.body_name, f.fiscal_year_start, f.fiscal_quarter, f.service_area_key, sa.service_area;
