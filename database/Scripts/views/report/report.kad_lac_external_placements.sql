-- External placements by client group (excludes UASC: the placement types with a client group), with the total.
-- grain: one row per client group per reporting period, plus a TOTAL row
-- reproduces: LAC key activity, external placements by client group
-- column period_end: last day of the reporting period (31 March for both March and closedown)
-- column fiscal_year: financial year as printed, e.g. 2018/19 (April to March)
-- column period: reporting period of the financial year: 1 = April … 12 = March, 13 = closedown
-- column sort_order: printed order (TOTAL 1000)
-- column client_group: client group, or TOTAL
-- column placement_type_code: placement type code; null on TOTAL
-- column budgeted_packages: packages (placements) budgeted
-- column previous_month_packages: packages at the previous month-end
-- column this_month_packages: packages at this month-end
-- column variance: this month's packages less budgeted
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
