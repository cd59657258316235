-- One budget line across periods, following renames and moves (dw.budget_line_mapping): budget_line_code and
-- line are the line's latest code and name; reported_* are as the line was reported in that period. A split line
-- shows in the history of each line it was split into.
CREATE VIEW report.line_history AS
SELECT m.period_end, m.fiscal_year, m.period,
       COALESCE(bm.to_budget_line_code, m.budget_line_code) AS budget_line_code,
       COALESCE(latest.budget_line, m.budget_line) AS line,
       m.budget_line_code AS reported_budget_line_code, m.budget_line AS reported_line, m.directorate AS reported_directorate,
       bm.change_type,
       CAST(ROUND(m.previous_forecast_variance / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(m.budget / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(m.actual / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(m.forecast_variance / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN m.budget IS NULL OR m.budget = 0 OR m.forecast_variance IS NULL THEN NULL ELSE CAST(ROUND(100 * m.forecast_variance / ABS(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(m.movement / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
LEFT JOIN dw.budget_line_mapping AS bm ON bm.from_budget_line_code = m.budget_line_code AND bm.effective_fiscal_year > m.fiscal_year_start
LEFT JOIN (
    SELECT o.budget_line_code, o.budget_line
    FROM dw.dim_organisation AS o
    JOIN (SELECT budget_line_code, MAX(valid_from) AS valid_from FROM dw.dim_organisation GROUP BY budget_line_code) AS v
      ON v.budget_line_code = o.budget_line_code AND v.valid_from = o.valid_from) AS latest
  ON latest.budget_line_code = COALESCE(bm.to_budget_line_code, m.budget_line_code);
