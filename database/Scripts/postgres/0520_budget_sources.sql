-- Grants register, virement log and reserve schedule (F&PR appendices 3-5, IRPR appendix 2). Each file states
-- its period (and the reserve schedule its publication); a later file for the same slice replaces it. Rows are
-- written straight into the facts inside the batch transaction (they are tens of rows; the checks run in memory).
-- Money in pounds at full precision; the report views round to £000.

-- One grant (or the part of a grant one directorate or budget line receives) per period, with the budget line
-- that carries it in the ledger (Non Baselined Grants, Financing DSG).
CREATE TABLE dw.fact_grant (
    period_key           integer       NOT NULL REFERENCES dw.dim_period (period_key),
    source_row           integer       NOT NULL,
    grant_name           varchar(200)  NOT NULL,
    awarding_body        varchar(200)  NOT NULL,
    directorate          varchar(100)  NOT NULL,
    recipient_line_code  varchar(20)   NULL,
    grant_line_code      varchar(20)   NOT NULL,
    in_base_budget       boolean       NOT NULL,
    expected_amount      numeric(19,2) NOT NULL,
    batch_id             integer       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_grant PRIMARY KEY (period_key, source_row)
);

-- The budget a period's virement log starts from (entry_type opening) and each virement.
CREATE TABLE dw.fact_virement (
    period_key           integer       NOT NULL REFERENCES dw.dim_period (period_key),
    source_row           integer       NOT NULL,
    entry_type           varchar(10)   NOT NULL,
    line                 varchar(300)  NOT NULL,
    effective_period     smallint      NULL,
    amount               numeric(19,2) NOT NULL,
    note                 varchar(1000) NULL,
    batch_id             integer       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_virement PRIMARY KEY (period_key, source_row),
    CONSTRAINT ck_fact_virement_entry CHECK (entry_type IN ('opening', 'virement'))
);

-- Reserve and provision schedule rows as printed (funds, subtotals, totals), keyed by the paper that printed
-- them. A subtotal or total row keeps the first row it covers, so printed totals reconcile against the funds.
CREATE TABLE dw.fact_reserve (
    period_key           integer       NOT NULL REFERENCES dw.dim_period (period_key),
    publication_key      smallint      NOT NULL REFERENCES dw.dim_publication (publication_key),
    source_row           integer       NOT NULL,
    reserve_type         varchar(10)   NOT NULL,
    fund_group           varchar(200)  NULL,
    service              varchar(200)  NULL,
    fund                 varchar(300)  NOT NULL,
    line_type            varchar(10)   NOT NULL,
    opening_balance      numeric(19,2) NOT NULL,
    movement             numeric(19,2) NOT NULL,
    current_balance      numeric(19,2) NOT NULL,
    forecast_year_end    numeric(19,2) NULL,
    notes                varchar(2000) NULL,
    covers_from_row      integer       NULL,
    batch_id             integer       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_reserve PRIMARY KEY (period_key, publication_key, source_row),
    CONSTRAINT ck_fact_reserve_type CHECK (reserve_type IN ('revenue', 'capital', 'provision', 'reserves')),
    CONSTRAINT ck_fact_reserve_line_type CHECK (line_type IN ('fund', 'subtotal', 'total'))
);
