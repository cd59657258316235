-- dw.fact_ledger takes a million rows a month. On PostgreSQL each foreign key is checked by a row-level
-- trigger (one look-up per row per key), which made the ledger load 4-8x a raw COPY
-- (docs/finance-quality.md). The period and cost-centre keys are guaranteed by the load itself: the insert
-- joins dim_cost_centre valid at the period end, and the source checks the period is in dim_period. The
-- lineage key to etl.batch stays enforced.
ALTER TABLE dw.fact_ledger DROP CONSTRAINT IF EXISTS fact_ledger_period_key_fkey;
ALTER TABLE dw.fact_ledger DROP CONSTRAINT IF EXISTS fact_ledger_cost_centre_key_fkey;
