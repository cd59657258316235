-- The total rows of the LAC table as the committee report printed them, kept to reconcile the warehouse's
-- figures and the printed arithmetic (the permanence block's yearly-average variance is a known defect).
CREATE TABLE stg.lac_printed_total (
    batch_id                 integer      NOT NULL,
    source_row               integer      NOT NULL,
    period_key               integer      NOT NULL,
    row_type                 varchar(20)  NOT NULL,
    block                    varchar(20)  NULL,
    budgeted_placements      integer      NOT NULL,
    annual_budget            numeric(19,2) NOT NULL,
    snapshot_placements      integer      NOT NULL,
    yearly_average           numeric(19,4) NOT NULL,
    actual_spend             numeric(19,2) NOT NULL,
    yearly_average_variance  numeric(19,4) NOT NULL,
    net_variance             numeric(19,2) NOT NULL
);
CREATE INDEX ix_stg_lac_printed_total_batch ON stg.lac_printed_total (batch_id);

CREATE TABLE dw.lac_printed_total (
    period_key               integer      NOT NULL REFERENCES dw.dim_period (period_key),
    row_type                 varchar(20)  NOT NULL,
    block                    varchar(20)  NOT NULL,
    budgeted_placements      integer      NOT NULL,
    annual_budget            numeric(19,2) NOT NULL,
    snapshot_placements      integer      NOT NULL,
    yearly_average           numeric(19,4) NOT NULL,
    actual_spend             numeric(19,2) NOT NULL,
    yearly_average_variance  numeric(19,4) NOT NULL,
    net_variance             numeric(19,2) NOT NULL,
    batch_id                 integer      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_lac_printed_total PRIMARY KEY (period_key, row_type, block)
);

-- The view this migration created (report.kad_lac_reconciliation) is defined once, for both engines, in
-- database/Scripts/views/ and is dropped and re-created on every migrate (docs/decisions.md, "The SQL tree").
-- Its text was removed from this released script once, when that change was made: it had run on every
-- existing database already.
