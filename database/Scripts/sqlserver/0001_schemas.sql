-- Schemas by role: control, staging, star schema, committee-shaped views, model-facing views.
IF SCHEMA_ID(N'etl') IS NULL EXEC (N'CREATE SCHEMA etl');
IF SCHEMA_ID(N'stg') IS NULL EXEC (N'CREATE SCHEMA stg');
IF SCHEMA_ID(N'dw') IS NULL EXEC (N'CREATE SCHEMA dw');
IF SCHEMA_ID(N'report') IS NULL EXEC (N'CREATE SCHEMA report');
IF SCHEMA_ID(N'powerbi') IS NULL EXEC (N'CREATE SCHEMA powerbi');
