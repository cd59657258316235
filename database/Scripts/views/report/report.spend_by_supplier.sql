-- Spend per supplier per quarter for each body. Redacted payees are not a supplier: each body's redacted payments
-- of a quarter are one line, so two withheld payees are never matched to each other or ranked as one.
-- grain: one row per body x financial quarter x supplier (plus one line of redacted payments)
-- column body: the council or body that made the payments
-- column quarter: financial quarter, e.g. 2018-Q1 = April to June 2018
-- column fiscal_year_start: calendar year in which the financial year starts
-- column fiscal_quarter: quarter of the financial year, 1 to 4
-- column supplier_key: the supplier (dw.dim_supplier); null on the line of redacted payments
-- column supplier: supplier name, or 'Redacted personal data' on the line of redacted payments
-- column is_redacted: 1 on the line of redacted payments, else 0
-- column payments: number of payment lines
-- column spend: sum of the amounts in pounds (credit notes net off)
CREATE VIEW report.spend_by_supplier AS
SELECT b.body_name AS body,
       CONCAT(CAST(f.fiscal_year_start AS varchar(4)), '-Q', CAST(f.fiscal_quarter AS varchar(1))) AS quarter,
       f.fiscal_year_start, f.fiscal_quarter, f.supplier_key,
       COALESCE(s.supplier_name, 'Redacted personal data') AS supplier,
       CASE WHEN f.supplier_key IS NULL THEN 1 ELSE 0 END AS is_redacted,
       COUNT(*) AS payments, SUM(f.amount) AS spend
FROM dw.fact_payment AS f
JOIN dw.dim_body AS b ON b.body_key = f.body_key
LEFT JOIN dw.dim_supplier AS s ON s.supplier_key = f.supplier_key
GROUP BY b.body_name, f.fiscal_year_start, f.fiscal_quarter, f.supplier_key, s.supplier_name;
