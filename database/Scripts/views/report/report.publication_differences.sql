-- Every figure two publications both print for the same month, council service and measure, side by side with
-- the difference, so a disagreement between the directorate's F&PR and the council's IRPR is listed, not
-- hidden (seeds-inventory GC02: P&C actual 49,716 against 49,715; GC16: capital revised budget 83,698 against
-- 83,779). Capital compares each service's printed total; revenue compares the F&PR's printed directorate Total
-- (dw.published_figure, for the service dw.fpr_council_service names) with the IRPR's service line.
-- grain: one row per period, service, statement, measure and pair of publications
-- column period_end: last day of the reporting period
-- column fiscal_year: financial year label, e.g. 2018/19
-- column period: period of the financial year (1 = April, 13 = closedown)
-- column service: council service code (P&C …)
-- column statement: revenue, capital_programme, capital_variation or capital_funding
-- column measure: the figure compared (revised_budget, actual, budget_used …)
-- column unit: £000, or % for percentages
-- column publication_a: the first publication's code (fpr)
-- column value_a: the figure as the first publication prints it
-- column publication_b: the second publication's code (irpr)
-- column value_b: the figure as the second publication prints it
-- column difference: value_b − value_a (0 when the papers agree)
CREATE VIEW report.publication_differences AS
SELECT p.period_end, p.fiscal_year, p.period, s.service_code AS service, a.statement, a.measure,
       CASE WHEN RIGHT(a.measure, 4) = '_pct' THEN '%' ELSE '£000' END AS unit,
       pa.publication_code AS publication_a, a.value AS value_a, pb.publication_code AS publication_b, b.value AS value_b,
       b.value - a.value AS difference
FROM dw.v_publication_figure AS a
JOIN dw.v_publication_figure AS b ON b.period_key = a.period_key AND b.statement = a.statement AND b.service_key = a.service_key AND b.measure = a.measure
      AND b.publication_key > a.publication_key
JOIN dw.dim_period AS p ON p.period_key = a.period_key
JOIN dw.dim_council_service AS s ON s.service_key = a.service_key
JOIN dw.dim_publication AS pa ON pa.publication_key = a.publication_key
JOIN dw.dim_publication AS pb ON pb.publication_key = b.publication_key
WHERE a.value IS NOT NULL AND b.value IS NOT NULL;
