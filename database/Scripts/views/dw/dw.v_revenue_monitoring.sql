-- Budget line × period with everything the published views need: the period, the organisation version the
-- line was reported under, its committee for the year (latest at or before it), the DSG role, and the previous
-- forecast variance taken from the prior snapshot in the warehouse (the latest earlier period of the same
-- financial year that has a forecast; 0 when there is none). Amounts in pounds, full precision.
CREATE VIEW dw.v_revenue_monitoring AS
SELECT m.period_key, p.period_end, p.fiscal_year, p.fiscal_year_start, p.period,
       m.organisation_key, m.budget_line_code, o.budget_line, o.directorate, o.service_group, o.line_type,
       o.dsg_funded, o.pooled_budget, o.sort_order,
       CASE WHEN o.budget_line = 'Financing DSG' THEN 'financing'
            WHEN CAST(o.dsg_funded AS int) = 1 THEN 'funded' ELSE NULL END AS dsg_role,
       COALESCE(c.committee_code, 'UNKNOWN') AS committee,
       COALESCE(c.committee_key, -1) AS committee_key,
       m.budget, m.actual, m.forecast_variance, m.forecast_outturn,
       COALESCE(pm.forecast_variance, 0) AS previous_forecast_variance,
       m.forecast_variance - COALESCE(pm.forecast_variance, 0) AS movement,
       pr.prior_key AS previous_period_key,
       m.commentary_ref, m.ledger_batch_id, m.forecast_batch_id, m.batch_id
FROM dw.fact_revenue_monitoring AS m
JOIN dw.dim_period AS p ON p.period_key = m.period_key
JOIN dw.dim_organisation AS o ON o.organisation_key = m.organisation_key
LEFT JOIN (
    SELECT x.period_key, MAX(y.period_key) AS prior_key
    FROM (SELECT DISTINCT period_key FROM dw.fact_revenue_monitoring) AS x
    JOIN (SELECT DISTINCT period_key FROM dw.fact_revenue_monitoring WHERE forecast_batch_id IS NOT NULL) AS y
      ON y.period_key < x.period_key AND y.period_key / 100 = x.period_key / 100
    GROUP BY x.period_key) AS pr ON pr.period_key = m.period_key
LEFT JOIN dw.fact_revenue_monitoring AS pm ON pm.period_key = pr.prior_key AND pm.budget_line_code = m.budget_line_code
LEFT JOIN (
    SELECT r.budget_line_code, y.fiscal_year_start AS for_year, MAX(r.fiscal_year_start) AS from_year
    FROM dw.committee_responsibility AS r
    JOIN (SELECT DISTINCT fiscal_year_start FROM dw.dim_period) AS y ON r.fiscal_year_start <= y.fiscal_year_start
    GROUP BY r.budget_line_code, y.fiscal_year_start) AS ck
  ON ck.budget_line_code = m.budget_line_code AND ck.for_year = p.fiscal_year_start
LEFT JOIN dw.committee_responsibility AS cr ON cr.budget_line_code = ck.budget_line_code AND cr.fiscal_year_start = ck.from_year
LEFT JOIN dw.dim_committee AS c ON c.committee_key = cr.committee_key;
