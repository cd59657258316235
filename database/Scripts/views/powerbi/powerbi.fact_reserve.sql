-- Reserve and provision balances for the model, fund rows only (subtotals and totals are the model's sums), by
-- the paper that printed them. Amounts in pounds.
-- grain: one row per period × publication × fund
-- column period_key: period the balances are at (yyyypp of the financial year start), joins Period
-- column publication_key: the paper that printed the schedule (dw.dim_publication)
-- column publication_code: fpr or irpr
-- column source_row: the row of the schedule file
-- column reserve_type: revenue, capital or provision
-- column fund_group: the printed group heading
-- column service: the printed sub-heading (directorate or service), when there is one
-- column fund: the fund as printed
-- column opening_balance: balance at the start of the financial year, £
-- column movement: movements in the year to date, £
-- column current_balance: balance at the period's end, £
-- column forecast_year_end: forecast balance at year end, £
-- column batch_id: the load batch the row came from
CREATE VIEW powerbi.fact_reserve AS
SELECT r.period_key, r.publication_key, d.publication_code, r.source_row, r.reserve_type, r.fund_group, r.service, r.fund,
       r.opening_balance, r.movement, r.current_balance, r.forecast_year_end, r.batch_id
FROM dw.fact_reserve AS r
JOIN dw.dim_publication AS d ON d.publication_key = r.publication_key
WHERE r.line_type = 'fund';
