-- The council's services as the IRPR reports them, plus All services (key 0) for the totals of a whole table.
-- grain: one row per council service
-- column service_key: key of the council service (0 = All services)
-- column service_code: short code as the capital tables print it (P&C, C&I …)
-- column service_name: the service's name as the revenue table prints it (People & Communities …)
-- column sort_order: the order the IRPR lists services in
CREATE VIEW powerbi.dim_council_service AS
SELECT service_key, service_code, service_name, sort_order
FROM dw.dim_council_service
UNION ALL
SELECT 0, 'All services', 'All services', 0;
