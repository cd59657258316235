CREATE VIEW powerbi.dim_activity_service_type AS
SELECT service_type_key, service_area, code, client_group, service_type, line_kind, unit, sort_order
FROM dw.dim_activity_service_type;
