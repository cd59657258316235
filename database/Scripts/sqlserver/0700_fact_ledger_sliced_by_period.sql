-- PostgreSQL's dw.fact_ledger is partitioned by period from this migration on (a load swaps in the period's
-- slice). SQL Server keeps its unpartitioned table: a load deletes the period's rows and bulk-copies the new
-- ones (docs/decisions.md, "Ledger loads at the limit"). Partition switching is the SQL Server equivalent and
-- is not used yet. This script is here so both engines journal the same scripts in the same order.
SELECT 1 AS fact_ledger_unchanged_on_sql_server;
