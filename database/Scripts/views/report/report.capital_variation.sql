-- The use of the capital programme variations budget (the slippage allowance of §6.8) as printed, by service
-- and the printed subtotals and totals (labelled as printed), in £000.
-- grain: one row per printed line of the variations table, period and publication
-- reproduces: F&PR Capital Programme Variations Budget table; IRPR section 6.2
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year label, e.g. 2018/19
-- column period: period of the financial year (1 = April, 13 = closedown)
-- column publication: the paper: fpr or irpr
-- column service: council service code, or the total's label as printed (Subtotal, Total Spending)
-- column variations_budget_k: capital programme variations budget (negative), £000
-- column forecast_variance_k: forecast (at closedown: outturn) variance as printed, £000
-- column budget_used_k: variations budget used, £000
-- column budget_used_pct: variations budget used as printed, per cent (used / |budget|)
-- column revised_forecast_variance_k: revised forecast variance after the variations budget, as printed, £000
CREATE VIEW report.capital_variation AS
SELECT period_end, fiscal_year, period, publication, COALESCE(service_code, line) AS service,
       variations_budget_k, forecast_variance_k, budget_used_k, budget_used_pct, revised_forecast_variance_k
FROM dw.v_statement_line
WHERE statement = 'capital_variation';
