-- Supplier payments over £500 as councils publish them (Local Government Transparency Code 2015), this council's
-- and its neighbours'. Keys are given by the loader (under the source's load lock), so rows stream into the fact
-- in one bulk copy with their keys already resolved; the load checks the keys, as it does for the ledger.
CREATE TABLE dw.dim_body (
    body_key      integer      NOT NULL PRIMARY KEY,
    body_name     varchar(200) NOT NULL,
    match_key     varchar(200) NOT NULL,
    batch_id      integer      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_body_match UNIQUE (match_key)
);

-- Service areas as each body names them (department, directorate, organisational unit).
CREATE TABLE dw.dim_service_area (
    service_area_key  integer      NOT NULL PRIMARY KEY,
    body_key          integer      NOT NULL REFERENCES dw.dim_body (body_key),
    service_area      varchar(200) NOT NULL,
    match_key         varchar(200) NOT NULL,
    batch_id          integer      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_service_area_match UNIQUE (body_key, match_key)
);

-- Suppliers of a body: by its supplier id where the file has one, else by the name normalised for matching.
-- Redacted payees are not suppliers here: a redacted payment has no supplier key, so two are never matched.
CREATE TABLE dw.dim_supplier (
    supplier_key   integer      NOT NULL PRIMARY KEY,
    body_key       integer      NOT NULL REFERENCES dw.dim_body (body_key),
    supplier_id    varchar(100) NULL,
    supplier_name  varchar(300) NOT NULL,
    match_key      varchar(320) NOT NULL,
    batch_id       integer      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_supplier_match UNIQUE (body_key, match_key)
);

-- One row per published payment line, in pounds as published (credit notes negative). One index, on the batch:
-- the control totals read a batch, and a restatement deletes a slice of the batch that held it.
CREATE TABLE dw.fact_payment (
    body_key            integer       NOT NULL,
    fiscal_year_start   smallint      NOT NULL,
    fiscal_quarter      smallint      NOT NULL,
    paid_date           date          NULL,
    service_area_key    integer       NULL,
    category            varchar(200)  NULL,
    expenditure_code    varchar(100)  NULL,
    transaction_number  varchar(100)  NULL,
    supplier_key        integer       NULL,
    supplier_name       varchar(300)  NOT NULL,
    is_redacted         boolean       NOT NULL,
    amount              numeric(19,2) NOT NULL,
    irrecoverable_vat   numeric(19,2) NULL,
    capital_revenue     varchar(10)   NULL,
    merchant_category   varchar(200)  NULL,
    source_row          integer       NOT NULL,
    batch_id            integer       NOT NULL,
    CONSTRAINT ck_fact_payment_quarter CHECK (fiscal_quarter BETWEEN 1 AND 4)
);
CREATE INDEX ix_fact_payment_batch ON dw.fact_payment (batch_id);

-- Which batch holds each body's quarter: a later file for the same body and quarter restates it.
CREATE TABLE dw.payment_slice (
    body_key           integer  NOT NULL REFERENCES dw.dim_body (body_key),
    fiscal_year_start  smallint NOT NULL,
    fiscal_quarter     smallint NOT NULL,
    batch_id           integer  NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_payment_slice PRIMARY KEY (body_key, fiscal_year_start, fiscal_quarter)
);
