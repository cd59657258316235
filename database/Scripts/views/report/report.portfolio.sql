-- Appendix 8: programme RAG per reporting month.
CREATE VIEW report.portfolio AS
SELECT p.period_end, r.programme, r.lead_directors AS lead, r.description, r.rag,
       p.fiscal_year, p.period, r.sort_order
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key;
