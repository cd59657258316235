-- Service lines of the key activity tables: adult services (LD, AMH, OP, OPMH) and SEN placements by Ofsted need.
-- grain: one row per service area and line code
-- column service_type_key: surrogate key of the service line
-- column service_area: LD, AMH, OP, OPMH (adult returns) or SEN
-- column code: line code within the service area (the Ofsted code for SEN needs)
-- column client_group: client group the line belongs to
-- column service_type: service type (or SEN need) as printed
-- column line_kind: expenditure, income, savings, total_expenditure, total_income, total_net (adults); need, growth, recoupment, total (SEN)
-- column unit: unit of the unit cost: week, hour or year; null where not costed per unit
-- column sort_order: printed order within the table
CREATE VIEW powerbi.dim_activity_service_type AS
SELECT service_type_key, service_area, code, client_group, service_type, line_kind, unit, sort_order
FROM dw.dim_activity_service_type;
