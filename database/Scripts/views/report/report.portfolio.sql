-- Programme RAG per reporting month.
-- grain: one row per programme per reporting month
-- reproduces: F&PR Appendix 8 (portfolio)
-- column period_end: last day of the reporting month
-- column programme: programme name
-- column lead: lead director(s) as printed
-- column description: programme description
-- column rag: Red, Amber or Green
-- column fiscal_year: financial year, e.g. 2018/19
-- column period: reporting period: 1 = April … 12 = March, 13 = closedown
-- column sort_order: printed order
CREATE VIEW report.portfolio AS
SELECT p.period_end, r.programme, r.lead_directors AS lead, r.description, r.rag,
       p.fiscal_year, p.period, r.sort_order
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key;
