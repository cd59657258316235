-- The jobs host's own login, so it does not run as sa: a user in warehouse_loader (reads and writes etl, stg, dw)
-- and warehouse_reader (the status page reads report), with no DDL rights. Run by the owner after `migrate`, in
-- the warehouse database, with sqlcmd (docker-compose.yml's jobs-login service), which takes the scripting
-- variable WAREHOUSE_JOBS_PASSWORD from the environment. Safe to run again: it resets the password.
IF SUSER_ID(N'warehouse_jobs') IS NULL
    CREATE LOGIN warehouse_jobs WITH PASSWORD = N'$(WAREHOUSE_JOBS_PASSWORD)';
ELSE
    ALTER LOGIN warehouse_jobs WITH PASSWORD = N'$(WAREHOUSE_JOBS_PASSWORD)';
GO
IF DATABASE_PRINCIPAL_ID(N'warehouse_jobs') IS NULL
    CREATE USER warehouse_jobs FOR LOGIN warehouse_jobs;
ALTER ROLE warehouse_loader ADD MEMBER warehouse_jobs;
ALTER ROLE warehouse_reader ADD MEMBER warehouse_jobs;
-- `serve` runs the migrator on start; reading DbUp's journal lets it see that nothing is pending (else it would try to create it).
GRANT SELECT ON dbo.SchemaVersions TO warehouse_jobs;
-- Hangfire's tables, once `migrate` has installed them (their schema is created by the owner, not by the jobs host).
IF SCHEMA_ID(N'hangfire') IS NOT NULL
    EXEC (N'GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::hangfire TO warehouse_jobs;');
GO
