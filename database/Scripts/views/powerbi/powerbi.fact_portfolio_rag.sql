CREATE VIEW powerbi.fact_portfolio_rag AS
SELECT r.period_key, p.period_end, p.fiscal_year, p.period, r.sort_order, r.programme, r.lead_directors,
       r.description, r.rag, r.batch_id
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key;
