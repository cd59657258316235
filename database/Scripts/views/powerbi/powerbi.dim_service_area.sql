-- Service areas (department, directorate) of each body, as the body names them in its payment files.
-- grain: one row per body x service area
-- column service_area_key: surrogate key of the service area
-- column body_key: the body the service area belongs to
-- column body_name: name of that body
-- column service_area: service area name as first published
CREATE VIEW powerbi.dim_service_area AS
SELECT sa.service_area_key, sa.body_key, b.body_name, sa.service_area
FROM dw.dim_service_area AS sa
JOIN dw.dim_body AS b ON b.body_key = sa.body_key;
