-- Published finance views: report (committee tables, £000 as printed) and powerbi (model, full precision).

-- Budget line × period with everything the published views need: the period, the organisation version the
-- line was reported under, its committee for the year (latest at or before it), the DSG role, and the previous
-- forecast variance taken from the prior snapshot in the warehouse (the latest earlier period of the same
-- financial year that has a forecast; 0 when there is none). Amounts in pounds, full precision.
CREATE VIEW dw.v_revenue_monitoring AS
SELECT m.period_key, p.period_end, p.fiscal_year, p.fiscal_year_start, p.period,
       m.organisation_key, m.budget_line_code, o.budget_line, o.directorate, o.service_group, o.line_type,
       o.dsg_funded, o.pooled_budget, o.sort_order,
       CASE WHEN o.budget_line = 'Financing DSG' THEN 'financing'
            WHEN CAST(o.dsg_funded AS integer) = 1 THEN 'funded' ELSE NULL END AS dsg_role,
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
GO

-- The F&PR directorate summary (§2.1): one row per directorate, Total Expenditure, Grant Funding and Total, in £000
-- rounded at presentation from full-precision sums. % = variance / budget on these aggregate rows, as printed
-- (Grant Funding −809 / −81,550 = +1.0%); line rows elsewhere use |budget|.
CREATE VIEW report.fpr_directorate_summary AS
SELECT m.period_end, m.fiscal_year, m.period, m.directorate AS line, 'directorate' AS line_type, MIN(m.sort_order) AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.directorate
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, 'Total Expenditure' AS line, 'total_expenditure' AS line_type, 9000 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, 'Grant Funding' AS line, 'grant_funding' AS line_type, 9100 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'grant'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, 'Total' AS line, 'total' AS line_type, 9200 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period;
GO

-- The directorate summary for one committee's lines (committee responsibility of the financial year, latest at or
-- before it), as on the committee cover reports (e.g. CYP, seed 002; Adults, seed 004).
CREATE VIEW report.fpr_committee_summary AS
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee, m.directorate AS line, 'directorate' AS line_type, MIN(m.sort_order) AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee, m.directorate
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee, 'Total Expenditure' AS line, 'total_expenditure' AS line_type, 9000 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee, 'Grant Funding' AS line, 'grant_funding' AS line_type, 9100 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'grant'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, m.committee AS committee, 'Total' AS line, 'total' AS line_type, 9200 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 1) AS decimal(9,1)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k
FROM dw.v_revenue_monitoring AS m
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.committee;
GO

-- Appendix 1, the service-level budgetary control report: every budget line (footnote = its commentary reference)
-- with the directorate total rows (line = the directorate, row_type directorate_total), Total (expenditure),
-- Grant Funding Total and Net Total. % is whole as printed: variance / |budget| on lines, / budget on totals.
CREATE VIEW report.fpr_service_lines AS
SELECT m.period_end, m.fiscal_year, m.period, m.directorate, m.service_group, m.budget_line AS line, m.commentary_ref AS footnote,
       m.sort_order * 10 AS sort_order,
       CAST(ROUND(m.previous_forecast_variance / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(m.budget / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(m.actual / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(m.forecast_variance / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN m.budget IS NULL OR m.budget = 0 OR m.forecast_variance IS NULL THEN NULL ELSE CAST(ROUND(100 * m.forecast_variance / ABS(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(m.movement / 1000, 0) AS decimal(19,0)) AS movement_k,
       'line' AS row_type, m.budget_line_code, m.dsg_role, m.pooled_budget
FROM dw.v_revenue_monitoring AS m
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, m.directorate, NULL AS service_group, m.directorate AS line, NULL AS footnote,
       MAX(m.sort_order) * 10 + 5 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k,
       'directorate_total' AS row_type, NULL AS budget_line_code, NULL AS dsg_role, NULL AS pooled_budget
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.directorate
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, NULL AS directorate, NULL AS service_group, 'Total' AS line, NULL AS footnote,
       MAX(m.sort_order) * 10 + 7 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k,
       'total' AS row_type, NULL AS budget_line_code, NULL AS dsg_role, NULL AS pooled_budget
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'expenditure'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, 'Grant Funding' AS directorate, NULL AS service_group, 'Grant Funding Total' AS line, NULL AS footnote,
       MAX(m.sort_order) * 10 + 5 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k,
       'grant_total' AS row_type, NULL AS budget_line_code, NULL AS dsg_role, NULL AS pooled_budget
FROM dw.v_revenue_monitoring AS m
WHERE m.line_type = 'grant'
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period
UNION ALL
SELECT m.period_end, m.fiscal_year, m.period, NULL AS directorate, NULL AS service_group, 'Net Total' AS line, NULL AS footnote,
       99999 AS sort_order,
       CAST(ROUND(SUM(m.previous_forecast_variance) / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(SUM(m.actual) / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN SUM(m.budget) IS NULL OR SUM(m.budget) = 0 OR SUM(m.forecast_variance) IS NULL THEN NULL ELSE CAST(ROUND(100 * SUM(m.forecast_variance) / SUM(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(SUM(m.movement) / 1000, 0) AS decimal(19,0)) AS movement_k,
       'net_total' AS row_type, NULL AS budget_line_code, NULL AS dsg_role, NULL AS pooled_budget
FROM dw.v_revenue_monitoring AS m
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period;
GO

-- Lines whose forecast variance needs commentary in Appendix 2 (§6.4): |variance| greater than 2% of |budget| or
-- £100k, whichever is greater. commentary_ref shows whether the return gave one.
CREATE VIEW report.fpr_commentary_required AS
SELECT m.period_end, m.fiscal_year, m.period, m.directorate, m.budget_line AS line, m.budget_line_code, m.commentary_ref,
       CAST(ROUND(m.previous_forecast_variance / 1000, 0) AS decimal(19,0)) AS previous_forecast_variance_k,
       CAST(ROUND(m.budget / 1000, 0) AS decimal(19,0)) AS budget_k,
       CAST(ROUND(m.actual / 1000, 0) AS decimal(19,0)) AS actual_k,
       CAST(ROUND(m.forecast_variance / 1000, 0) AS decimal(19,0)) AS forecast_variance_k,
       CASE WHEN m.budget IS NULL OR m.budget = 0 OR m.forecast_variance IS NULL THEN NULL ELSE CAST(ROUND(100 * m.forecast_variance / ABS(m.budget), 0) AS decimal(9,0)) END AS forecast_variance_pct,
       CAST(ROUND(m.movement / 1000, 0) AS decimal(19,0)) AS movement_k,
       CAST(ROUND(CASE WHEN 0.02 * ABS(m.budget) > 100000 THEN 0.02 * ABS(m.budget) ELSE 100000 END / 1000, 0) AS decimal(19,0)) AS threshold_k
FROM dw.v_revenue_monitoring AS m
WHERE m.forecast_variance IS NOT NULL AND ABS(m.forecast_variance) > CASE WHEN 0.02 * ABS(m.budget) > 100000 THEN 0.02 * ABS(m.budget) ELSE 100000 END;
GO

-- The DSG rule (§6.6): the Financing DSG grant line offsets the variances of the DSG-funded lines, so they do not
-- reach the bottom line. unoffset_k is what the offset leaves (0 when the rule holds on the line figures).
CREATE VIEW report.fpr_dsg_offset AS
SELECT m.period_end, m.fiscal_year, m.period,
       CAST(ROUND(SUM(CASE WHEN m.dsg_role = 'funded' THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS dsg_funded_variance_k,
       CAST(ROUND(SUM(CASE WHEN m.dsg_role = 'financing' THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS financing_dsg_variance_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS unoffset_k
FROM dw.v_revenue_monitoring AS m
WHERE m.dsg_role IS NOT NULL
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period;
GO

-- Pooled budgets (§6.7, the Learning Disability Partnership): the gross pool variance on the pool's service lines,
-- the partner's share on its contribution line (the pool line with a negative budget), and the council's share.
CREATE VIEW report.fpr_pooled_budget AS
SELECT m.period_end, m.fiscal_year, m.period, m.pooled_budget AS pool,
       CAST(ROUND(SUM(CASE WHEN m.budget < 0 THEN 0 ELSE m.forecast_variance END) / 1000, 0) AS decimal(19,0)) AS gross_variance_k,
       CAST(ROUND(SUM(CASE WHEN m.budget < 0 THEN m.forecast_variance ELSE 0 END) / 1000, 0) AS decimal(19,0)) AS partner_share_variance_k,
       CAST(ROUND(SUM(m.forecast_variance) / 1000, 0) AS decimal(19,0)) AS council_share_variance_k,
       CAST(ROUND(SUM(m.budget) / 1000, 0) AS decimal(19,0)) AS council_budget_k
FROM dw.v_revenue_monitoring AS m
WHERE m.pooled_budget IS NOT NULL
GROUP BY m.period_key, m.period_end, m.fiscal_year, m.period, m.pooled_budget;
GO

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
GO

-- The model's budget monitoring fact at budget line × period, full precision in pounds; keys to
-- powerbi.dim_period, powerbi.dim_organisation and the committee of the year.
CREATE VIEW powerbi.fact_revenue_monitoring AS
SELECT m.period_key, m.organisation_key, m.committee_key, m.period_end, m.fiscal_year, m.period,
       m.budget_line_code, m.committee, m.dsg_role,
       m.budget, m.actual, m.forecast_variance, m.forecast_outturn, m.previous_forecast_variance, m.movement,
       m.commentary_ref, m.ledger_batch_id, m.forecast_batch_id
FROM dw.v_revenue_monitoring AS m;
GO

-- The ledger at cost centre × account × period, full precision in pounds.
CREATE VIEW powerbi.fact_ledger AS
SELECT f.period_key, f.cost_centre_key, p.period_end, p.fiscal_year, p.period, f.account_code, f.account_name,
       f.budget, f.actual, f.batch_id
FROM dw.fact_ledger AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key;
GO

CREATE VIEW powerbi.dim_cost_centre AS
SELECT cost_centre_key, cost_centre_code, cost_centre, budget_line_code, valid_from, valid_to, is_current
FROM dw.dim_cost_centre;
GO

CREATE VIEW powerbi.dim_committee AS
SELECT committee_key, committee_code, committee_name
FROM dw.dim_committee;
GO
