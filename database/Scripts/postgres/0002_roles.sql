-- Roles are cluster-wide in PostgreSQL, so create them only when absent.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'warehouse_loader') THEN
        CREATE ROLE warehouse_loader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'warehouse_reader') THEN
        CREATE ROLE warehouse_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA etl, stg, dw TO warehouse_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA etl, stg, dw GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO warehouse_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA etl, stg, dw GRANT USAGE, SELECT ON SEQUENCES TO warehouse_loader;

-- Readers (Power BI, committee report writers) see the published views and nothing else.
GRANT USAGE ON SCHEMA report, powerbi TO warehouse_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA report, powerbi GRANT SELECT ON TABLES TO warehouse_reader;
