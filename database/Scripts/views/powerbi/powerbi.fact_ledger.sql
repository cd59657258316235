-- The ledger at cost centre × account × period, full precision in pounds.
CREATE VIEW powerbi.fact_ledger AS
SELECT f.period_key, f.cost_centre_key, p.period_end, p.fiscal_year, p.period, f.account_code, f.account_name,
       f.budget, f.actual, f.batch_id
FROM dw.fact_ledger AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key;
