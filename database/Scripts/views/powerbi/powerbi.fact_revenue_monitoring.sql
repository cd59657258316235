-- The model's budget monitoring fact at budget line × period, full precision in pounds; keys to
-- powerbi.dim_period, powerbi.dim_organisation and the committee of the year.
CREATE VIEW powerbi.fact_revenue_monitoring AS
SELECT m.period_key, m.organisation_key, m.committee_key, m.period_end, m.fiscal_year, m.period,
       m.budget_line_code, m.committee, m.dsg_role,
       m.budget, m.actual, m.forecast_variance, m.forecast_outturn, m.previous_forecast_variance, m.movement,
       m.commentary_ref, m.ledger_batch_id, m.forecast_batch_id
FROM dw.v_revenue_monitoring AS m;
