-- Appendix 2: external placements by client group (excludes UASC; the rows with a client group).
CREATE VIEW report.kad_lac_external_placements AS
SELECT period_end, fiscal_year, period, sort_order, external_client_group AS client_group, placement_type_code,
       budgeted_placements AS budgeted_packages,
       previous_snapshot_placements AS previous_month_packages,
       snapshot_placements AS this_month_packages,
       snapshot_placements - COALESCE(budgeted_placements, 0) AS variance
FROM powerbi.lac_placements
WHERE external_client_group IS NOT NULL
UNION ALL
SELECT period_end, fiscal_year, period, 1000 AS sort_order, 'TOTAL' AS client_group, NULL AS placement_type_code,
       CAST(SUM(COALESCE(budgeted_placements, 0)) AS int) AS budgeted_packages,
       CAST(SUM(previous_snapshot_placements) AS int) AS previous_month_packages,
       CAST(SUM(snapshot_placements) AS int) AS this_month_packages,
       CAST(SUM(snapshot_placements - COALESCE(budgeted_placements, 0)) AS int) AS variance
FROM powerbi.lac_placements
WHERE external_client_group IS NOT NULL
GROUP BY period_end, fiscal_year, period;
