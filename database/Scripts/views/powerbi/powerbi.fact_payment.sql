-- Published supplier payments for the model, in pounds; a redacted payment has no supplier key.
-- grain: one row per published payment line
-- column body_key: the body that paid (powerbi.dim_body)
-- column service_area_key: the service area (powerbi.dim_service_area); null where the file names none
-- column supplier_key: the supplier (powerbi.dim_supplier); null for a redacted payee
-- column fiscal_year_start: calendar year in which the financial year starts
-- column fiscal_quarter: quarter of the financial year, 1 to 4
-- column quarter: financial quarter label, e.g. 2018-Q1
-- column quarter_index: fiscal_year_start x 4 + quarter - 1, consecutive across years (previous quarter = index - 1)
-- column paid_date: date paid; null when only the quarter is known
-- column category: expenditure category as published
-- column capital_revenue: capital or revenue, when the file says which
-- column amount: amount paid in pounds (credit notes negative)
-- column is_redacted: 1 when the payee was withheld as personal data
-- column batch_id: load batch the row came from
CREATE VIEW powerbi.fact_payment AS
SELECT f.body_key, f.service_area_key, f.supplier_key, f.fiscal_year_start, f.fiscal_quarter,
       CONCAT(CAST(f.fiscal_year_start AS varchar(4)), '-Q', CAST(f.fiscal_quarter AS varchar(1))) AS quarter,
       f.fiscal_year_start * 4 + f.fiscal_quarter - 1 AS quarter_index,
       f.paid_date, f.category, f.capital_revenue, f.amount,
       CASE WHEN CAST(f.is_redacted AS int) = 1 THEN 1 ELSE 0 END AS is_redacted,
       f.batch_id
FROM dw.fact_payment AS f;
