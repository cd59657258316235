-- Transformation programmes with their RAG status by reporting month.
-- grain: one row per programme per reporting month
-- column period_key: reporting period key (YYYYPP of the financial year start)
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column sort_order: printed order in Appendix 8
-- column programme: programme name
-- column lead_directors: lead director(s) as printed
-- column description: programme description as printed
-- column rag: programme RAG: Red, Amber or Green
-- column batch_id: batch that loaded the row (etl.batch; see report.load_status)
CREATE VIEW powerbi.fact_portfolio_rag AS
SELECT r.period_key, p.period_end, p.fiscal_year, p.period, r.sort_order, r.programme, r.lead_directors,
       r.description, r.rag, r.batch_id
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key;
