-- Appendix 7 as printed: one row per indicator per reporting month, published and derived RAG side by side.
CREATE VIEW report.performance_indicators AS
SELECT p.period_end, f.outcome, f.measure_name AS indicator, f.responsible_directorate,
       f.previous_value AS previous, f.target_value AS target, f.actual_value AS actual,
       f.data_period_label AS data_period, f.direction_published_text AS direction_published, f.direction_derived,
       f.rag_published, f.rag_derived, f.stat_neighbours_text AS stat_neighbours, f.england_text AS england,
       f.comment, f.sort_order, p.fiscal_year, p.period, f.indicator_id, f.unit
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key;

-- The front page: Red, Amber, Green, No target and Total per reporting month, for all directorates
-- ('All directorates') and per directorate as printed in the return. Rows with no published RAG are not counted.
CREATE VIEW report.performance_rag_counts AS
SELECT p.period_end, p.fiscal_year, p.period, 'All directorates' AS responsible_directorate,
       CAST(SUM(CASE WHEN f.rag_published = 'Red' THEN 1 ELSE 0 END) AS integer) AS red,
       CAST(SUM(CASE WHEN f.rag_published = 'Amber' THEN 1 ELSE 0 END) AS integer) AS amber,
       CAST(SUM(CASE WHEN f.rag_published = 'Green' THEN 1 ELSE 0 END) AS integer) AS green,
       CAST(SUM(CASE WHEN f.rag_published = 'No target' THEN 1 ELSE 0 END) AS integer) AS no_target,
       CAST(COUNT(*) AS integer) AS total
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
WHERE f.rag_published IS NOT NULL
GROUP BY p.period_end, p.fiscal_year, p.period
UNION ALL
SELECT p.period_end, p.fiscal_year, p.period, COALESCE(f.responsible_directorate, 'Unknown') AS responsible_directorate,
       CAST(SUM(CASE WHEN f.rag_published = 'Red' THEN 1 ELSE 0 END) AS integer) AS red,
       CAST(SUM(CASE WHEN f.rag_published = 'Amber' THEN 1 ELSE 0 END) AS integer) AS amber,
       CAST(SUM(CASE WHEN f.rag_published = 'Green' THEN 1 ELSE 0 END) AS integer) AS green,
       CAST(SUM(CASE WHEN f.rag_published = 'No target' THEN 1 ELSE 0 END) AS integer) AS no_target,
       CAST(COUNT(*) AS integer) AS total
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
WHERE f.rag_published IS NOT NULL
GROUP BY p.period_end, p.fiscal_year, p.period, COALESCE(f.responsible_directorate, 'Unknown');

-- Rows where the published RAG is not what the rule gives (the flag of the fact), for challenge.
CREATE VIEW report.performance_rag_exceptions AS
SELECT p.period_end, p.fiscal_year, p.period, f.indicator_id, f.measure_name AS indicator,
       f.target_value AS target, f.target_applied, f.actual_value AS actual,
       f.rag_published_text, f.rag_published, f.rag_derived
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
WHERE f.rag_published IS NOT NULL AND f.rag_published <> f.rag_derived;

-- Appendix 8: programme RAG per reporting month.
CREATE VIEW report.portfolio AS
SELECT p.period_end, r.programme, r.lead_directors AS lead, r.description, r.rag,
       p.fiscal_year, p.period, r.sort_order
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key;

CREATE VIEW report.portfolio_rag_counts AS
SELECT p.period_end, p.fiscal_year, p.period,
       CAST(SUM(CASE WHEN r.rag = 'Red' THEN 1 ELSE 0 END) AS integer) AS red,
       CAST(SUM(CASE WHEN r.rag = 'Amber' THEN 1 ELSE 0 END) AS integer) AS amber,
       CAST(SUM(CASE WHEN r.rag = 'Green' THEN 1 ELSE 0 END) AS integer) AS green,
       CAST(COUNT(*) AS integer) AS total
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key
GROUP BY p.period_end, p.fiscal_year, p.period;

-- One measure across periods, following renames and replacements: filter on lineage_id (the latest id of the chain).
CREATE VIEW report.indicator_history AS
SELECT COALESCE(l.lineage_id, f.indicator_id) AS lineage_id, h.indicator_name AS lineage_indicator,
       f.indicator_id, f.measure_name AS indicator, p.period_end, p.fiscal_year, p.period,
       f.data_period_label AS data_period, f.unit, f.previous_value AS previous, f.target_value AS target,
       f.actual_value AS actual, f.direction_published_text AS direction_published, f.direction_derived,
       f.rag_published, f.rag_derived
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
LEFT JOIN dw.indicator_lineage AS l ON l.indicator_id = f.indicator_id
LEFT JOIN dw.dim_indicator AS h ON h.indicator_id = COALESCE(l.lineage_id, f.indicator_id)
 AND h.valid_from = (SELECT MAX(x.valid_from) FROM dw.dim_indicator AS x WHERE x.indicator_id = h.indicator_id);

CREATE VIEW powerbi.dim_indicator AS
SELECT d.indicator_key, d.indicator_id, d.indicator_name, d.outcome, d.responsible_directorate, d.unit, d.polarity,
       d.frequency, d.target_type, d.is_cumulative, d.replaces_indicator_id, COALESCE(l.lineage_id, d.indicator_id) AS lineage_id,
       d.sort_order, d.valid_from, d.valid_to, d.is_current
FROM dw.dim_indicator AS d
LEFT JOIN dw.indicator_lineage AS l ON l.indicator_id = d.indicator_id;

CREATE VIEW powerbi.indicator_lineage AS
SELECT indicator_id, replaces_indicator_id, lineage_id, generation
FROM dw.indicator_lineage;

CREATE VIEW powerbi.fact_indicator_return AS
SELECT f.period_key, p.period_end, p.fiscal_year, p.period, f.indicator_key, f.indicator_id,
       COALESCE(l.lineage_id, f.indicator_id) AS lineage_id, f.sort_order, f.outcome, f.measure_name,
       f.responsible_directorate, f.unit, f.data_period_label, f.data_period_kind, f.data_period_end,
       f.previous_value, f.target_value, f.target_upper_value, f.target_is_pro_rata, f.target_applied, f.actual_value,
       f.numerator, f.denominator, f.direction_published_text, f.direction_published, f.direction_derived,
       f.rag_published_text, f.rag_published, f.rag_derived, f.rag_differs,
       f.stat_neighbours_text, f.stat_neighbours_value, f.england_text, f.england_value, f.comment, f.batch_id
FROM dw.fact_indicator_return AS f
JOIN dw.dim_period AS p ON p.period_key = f.period_key
LEFT JOIN dw.indicator_lineage AS l ON l.indicator_id = f.indicator_id;

CREATE VIEW powerbi.fact_portfolio_rag AS
SELECT r.period_key, p.period_end, p.fiscal_year, p.period, r.sort_order, r.programme, r.lead_directors,
       r.description, r.rag, r.batch_id
FROM dw.fact_portfolio_rag AS r
JOIN dw.dim_period AS p ON p.period_key = r.period_key;
