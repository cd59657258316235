-- Database roles; logins and users are mapped to them by the DBA (see README).
IF DATABASE_PRINCIPAL_ID(N'warehouse_loader') IS NULL CREATE ROLE warehouse_loader;
IF DATABASE_PRINCIPAL_ID(N'warehouse_reader') IS NULL CREATE ROLE warehouse_reader;
GO
GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::etl TO warehouse_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::stg TO warehouse_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::dw TO warehouse_loader;
-- Schema-level grants cover objects created later, like PostgreSQL's default privileges.
GRANT SELECT ON SCHEMA::report TO warehouse_reader;
GRANT SELECT ON SCHEMA::powerbi TO warehouse_reader;
