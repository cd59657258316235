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
    -- One pass: each figure is set under every pair of publications it can be in and the pair's two values taken by
    -- aggregate (the grain holds one figure per publication). A self-join of dw.v_publication_figure, misjudged
    -- by the planner, re-read one side for every row of the other: 1.4 s for a period over ten years of history
    -- (docs/finance-quality.md §3).
SELECT p.period_end, p.fiscal_year, p.period, s.service_code AS service, x.statement, x.measure,
       CASE WHEN RIGHT(x.measure, 4) = '_pct' THEN '%' ELSE '£000' END AS unit,
       pa.publication_code AS publication_a, x.value_a, pb.publication_code AS publication_b, x.value_b,
       x.value_b - x.value_a AS difference
FROM (
    SELECT f.period_key, f.statement, f.service_key, f.measure, pr.publication_a, pr.publication_b,
           CAST(MAX(CASE WHEN f.publication_key = pr.publication_a THEN f.value END) AS decimal(19,2)) AS value_a,
           CAST(MAX(CASE WHEN f.publication_key = pr.publication_b THEN f.value END) AS decimal(19,2)) AS value_b
    FROM dw.v_publication_figure AS f
    JOIN (SELECT a.publication_key AS publication_a, b.publication_key AS publication_b
          FROM dw.dim_publication AS a
          JOIN dw.dim_publication AS b ON b.publication_key > a.publication_key) AS pr
      ON f.publication_key = pr.publication_a OR f.publication_key = pr.publication_b
    WHERE f.value IS NOT NULL
    GROUP BY f.period_key, f.statement, f.service_key, f.measure, pr.publication_a, pr.publication_b) AS x
JOIN dw.dim_period AS p ON p.period_key = x.period_key
JOIN dw.dim_council_service AS s ON s.service_key = x.service_key
JOIN dw.dim_publication AS pa ON pa.publication_key = x.publication_a
JOIN dw.dim_publication AS pb ON pb.publication_key = x.publication_b
WHERE x.value_a IS NOT NULL AND x.value_b IS NOT NULL;
