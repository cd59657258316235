-- Budget line × period with everything the published views need: the organisation version the line was reported
-- under, its committee for the year (latest assignment at or before it), the DSG role and the previous forecast variance
-- from the prior snapshot in the warehouse (latest earlier period of the same year with a forecast). Pounds, full precision.
-- grain: one row per budget line per reporting period
-- column period_key: reporting period key, YYYYPP of the financial year start (201802 = May 2018, 201813 = closedown 2018/19)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19
-- column fiscal_year_start: calendar year in which the financial year starts (2018 for 2018/19)
-- column period: reporting period: 1 = April … 12 = March, 13 = closedown
-- column organisation_key: key of the organisation version (dw.dim_organisation) the line was reported under; -1 = unknown
-- column budget_line_code: budget line code as reported in the period (a renamed line has a new code)
-- column budget_line: budget line name of that organisation version
-- column directorate: directorate of that organisation version
-- column service_group: service group of that organisation version (null where the line has none)
-- column line_type: expenditure, grant or unknown
-- column dsg_funded: true when the line is funded by the Dedicated Schools Grant
-- column pooled_budget: name of the pooled budget the line belongs to (e.g. LDP), null otherwise
-- column sort_order: printed order of the line in Appendix 1
-- column dsg_role: financing (the Financing DSG line), funded (a DSG-funded line) or null
-- column committee: code of the committee responsible for the line in that financial year; UNKNOWN when none is recorded
-- column committee_key: key of that committee (dw.dim_committee); -1 when none is recorded
-- column budget: current full-year budget (original plus virements), £ full precision; expenditure +, income −
-- column actual: actual to date (outturn at closedown), £ full precision
-- column forecast_variance: forecast outturn less budget, £ full precision; overspend +; null when no forecast was returned
-- column forecast_outturn: forecast full-year outturn (budget plus forecast variance), £ full precision
-- column previous_forecast_variance: forecast variance of the prior snapshot of the same year, £ full precision (0 when none)
-- column movement: forecast variance less previous forecast variance, £ full precision
-- column previous_period_key: period key of the prior snapshot used for the previous variance; null when none
-- column commentary_ref: reference of the commentary the forecast return gives for the line (the Appendix 1 footnote), null when none
-- column ledger_batch_id: batch that loaded the ledger figures (budget, actual) of this row
-- column forecast_batch_id: batch that loaded the forecast return figures of this row; null when no forecast
-- column batch_id: batch that last wrote this monitoring row
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
LEFT JOIN dw.v_line_committee AS c ON c.budget_line_code = m.budget_line_code AND c.fiscal_year_start = p.fiscal_year_start;
