-- dw.fact_ledger becomes a table partitioned by period, one partition (a "slice") per period in schema
-- slice. A load builds the period's new slice as a table of its own with no index, fills it with one frozen
-- COPY, builds the primary key once over all its rows and swaps it in with ATTACH PARTITION (detaching and
-- dropping the old slice of a restatement), all inside the batch's transaction. Maintaining the key row by row
-- cost 2-3x the COPY itself, and a restatement's DELETE left a million dead index entries for the next one
-- (docs/decisions.md, "Ledger loads at the limit"). Readers go through dw.fact_ledger only, so they see a
-- period's old slice or its new one, never half of one. SQL Server keeps its unpartitioned table.
CREATE SCHEMA slice;

ALTER TABLE dw.fact_ledger RENAME TO fact_ledger_unsliced;
ALTER TABLE dw.fact_ledger_unsliced RENAME CONSTRAINT pk_fact_ledger TO pk_fact_ledger_unsliced;

-- Account codes are compared byte for byte (the loader settles their spelling; they are digits in practice):
-- the key's sort under the database's libc collation was a third of the index build.
CREATE TABLE dw.fact_ledger (
    period_key         integer       NOT NULL,
    cost_centre_key    integer       NOT NULL,
    account_code       varchar(20)   COLLATE "C" NOT NULL,
    account_name       varchar(100)  NULL,
    budget             numeric(19,2) NOT NULL,
    actual             numeric(19,2) NOT NULL,
    batch_id           integer       NOT NULL,
    CONSTRAINT pk_fact_ledger PRIMARY KEY (period_key, cost_centre_key, account_code)
) PARTITION BY LIST (period_key);

-- The lineage guard of migration 0151, now on the parent: it checks whatever is written through dw.fact_ledger.
-- The loader's slices are written with the batch's own id, which the batch ledger has just registered.
CREATE TRIGGER fact_ledger_lineage_on_insert AFTER INSERT ON dw.fact_ledger
    REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION dw.check_fact_ledger_lineage();
CREATE TRIGGER fact_ledger_lineage_on_update AFTER UPDATE ON dw.fact_ledger
    REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION dw.check_fact_ledger_lineage();

DO $$
DECLARE
    period integer;
BEGIN
    FOR period IN SELECT DISTINCT period_key FROM dw.fact_ledger_unsliced ORDER BY period_key LOOP
        EXECUTE format('CREATE TABLE slice.fact_ledger_%s PARTITION OF dw.fact_ledger FOR VALUES IN (%s)', period, period);
    END LOOP;
END
$$;

INSERT INTO dw.fact_ledger (period_key, cost_centre_key, account_code, account_name, budget, actual, batch_id)
SELECT period_key, cost_centre_key, account_code, account_name, budget, actual, batch_id FROM dw.fact_ledger_unsliced;

DROP TABLE dw.fact_ledger_unsliced;

GRANT USAGE ON SCHEMA slice TO warehouse_loader;
