-- The GL extract is now bulk-copied straight into dw.fact_ledger inside the batch transaction (cost-centre
-- keys and duplicate lines are checked in memory while the rows stream), so its staging table goes.
DROP TABLE stg.gl_line;

-- The batch's rows are always its period's slice (a load replaces the slice), so the primary key's period
-- prefix finds them; the batch index only cost time on every load.
DROP INDEX ix_fact_ledger_batch ON dw.fact_ledger;

-- The foreign key to etl.batch stays here: SQL Server checks it set-based inside the bulk insert
-- (SqlBulkCopyOptions.CheckConstraints). PostgreSQL checks it per row, so there a statement trigger does
-- the same job (the PostgreSQL script of this migration).
