-- Supplier payments as councils publish them under the Transparency Code (this council's and others'), in pounds
-- and pence as published; credit notes are negative. Redacted payees keep the published marker and no supplier.
-- grain: one row per published payment line
-- column body: the council or body that made the payment
-- column quarter: financial quarter, e.g. 2018-Q1 = April to June 2018
-- column fiscal_year_start: calendar year in which the financial year starts (2018 for 2018/19)
-- column fiscal_quarter: quarter of the financial year, 1 (April-June) to 4 (January-March)
-- column paid_date: date paid as published; null when the file gave no usable date and the quarter was given on loading
-- column service_area: service area, department or directorate as the body names it; null when the file has none
-- column category: expenditure category or purpose as published; null when the file has no category column
-- column expenditure_code: expenditure (account) code as published; null when absent
-- column transaction_number: transaction number as published (shapes vary: 46296351 - 1, 46281108_1)
-- column supplier_key: the supplier (dw.dim_supplier) matched within the body; null for a redacted payee
-- column supplier_id: the body's supplier id when the file has one; never shown for a redacted payee
-- column supplier: supplier name as first published for the supplier; the published marker for a redacted payee
-- column amount: amount paid in pounds as published (credit notes negative)
-- column irrecoverable_vat: irrecoverable VAT in pounds when the file states it
-- column capital_revenue: capital or revenue, when the file says which
-- column merchant_category: merchant category (card payments) when the file states it
-- column is_redacted: 1 when the payee was withheld as personal data, else 0
-- column source_row: row of the published file the payment came from
-- column batch_id: load batch (etl.batch) the row came from
CREATE VIEW report.spend_over_500 AS
SELECT b.body_name AS body,
       CONCAT(CAST(f.fiscal_year_start AS varchar(4)), '-Q', CAST(f.fiscal_quarter AS varchar(1))) AS quarter,
       f.fiscal_year_start, f.fiscal_quarter, f.paid_date, sa.service_area, f.category, f.expenditure_code,
       f.transaction_number, f.supplier_key, s.supplier_id,
       COALESCE(s.supplier_name, f.supplier_name) AS supplier,
       f.amount, f.irrecoverable_vat, f.capital_revenue, f.merchant_category,
       CASE WHEN CAST(f.is_redacted AS int) = 1 THEN 1 ELSE 0 END AS is_redacted,
       f.source_row, f.batch_id
FROM dw.fact_payment AS f
JOIN dw.dim_body AS b ON b.body_key = f.body_key
LEFT JOIN dw.dim_service_area AS sa ON sa.service_area_key = f.service_area_key
LEFT JOIN dw.dim_supplier AS s ON s.supplier_key = f.supplier_key;
