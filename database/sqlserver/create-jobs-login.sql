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
-- Nothing else: warehouse_loader may read DbUp's journal (migration 0401, so `serve` sees nothing is pending) and
-- use Hangfire's tables (granted by `migrate` when it installs them).
GO
