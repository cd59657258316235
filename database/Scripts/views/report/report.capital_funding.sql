-- Capital funding as printed: the F&PR's Appendix 6.2 by source of funding, with its total, in £000.
-- grain: one row per printed source of funding (or total), period and publication
-- reproduces: F&PR Appendix 6.2 Capital Funding
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year label, e.g. 2018/19
-- column period: period of the financial year (1 = April, 13 = closedown)
-- column publication: the paper: fpr or irpr
-- column service: council service code whose programme is funded; All services for a whole-table total
-- column source_of_funding: the source as printed (Basic Need, S106 contributions, Prudential Borrowing …)
-- column line_type: source, or total
-- column original_funding_k: original funding allocation as per the Business Plan, £000
-- column revised_funding_k: revised funding for the year, £000
-- column forecast_outturn_k: forecast funding outturn (at closedown: the outturn), £000
-- column forecast_variance_k: forecast funding variance, £000
CREATE VIEW report.capital_funding AS
SELECT period_end, fiscal_year, period, publication, COALESCE(service_code, 'All services') AS service, line AS source_of_funding,
       CASE WHEN row_type = 'source' THEN 'source' ELSE 'total' END AS line_type,
       original_funding_k, revised_funding_k, forecast_outturn_k, forecast_variance_k
FROM dw.v_statement_line
WHERE statement = 'capital_funding';
