-- Supplier payments over £500 as councils publish them (Local Government Transparency Code 2015), this council's
-- and its neighbours'. Keys are given by the loader (under the source's load lock), so rows stream into the fact
-- in one bulk copy with their keys already resolved; the load checks the keys, as it does for the ledger.
CREATE TABLE dw.dim_body (
    body_key      int      NOT NULL PRIMARY KEY,
    body_name     nvarchar(200) NOT NULL,
    match_key     nvarchar(200) NOT NULL,
    batch_id      int      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_body_match UNIQUE (match_key)
);

-- Service areas as each body names them (department, directorate, organisational unit).
CREATE TABLE dw.dim_service_area (
    service_area_key  int      NOT NULL PRIMARY KEY,
    body_key          int      NOT NULL REFERENCES dw.dim_body (body_key),
    service_area      nvarchar(200) NOT NULL,
    match_key         nvarchar(200) NOT NULL,
    batch_id          int      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_service_area_match UNIQUE (body_key, match_key)
);

-- Suppliers of a body: by its supplier id where the file has one, else by the name normalised for matching.
-- Redacted payees are not suppliers here: a redacted payment has no supplier key, so two are never matched.
CREATE TABLE dw.dim_supplier (
    supplier_key   int      NOT NULL PRIMARY KEY,
    body_key       int      NOT NULL REFERENCES dw.dim_body (body_key),
    supplier_id    nvarchar(100) NULL,
    supplier_name  nvarchar(300) NOT NULL,
    match_key      nvarchar(320) NOT NULL,
    batch_id       int      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_supplier_match UNIQUE (body_key, match_key)
);

-- One row per published payment line, in pounds as published (credit notes negative). One index, on the batch:
-- the control totals read a batch, and a restatement deletes a slice of the batch that held it.
CREATE TABLE dw.fact_payment (
    body_key            int       NOT NULL,
    fiscal_year_start   smallint      NOT NULL,
    fiscal_quarter      smallint      NOT NULL,
    paid_date           date          NULL,
    service_area_key    int       NULL,
    category            nvarchar(200)  NULL,
    expenditure_code    nvarchar(100)  NULL,
    transaction_number  nvarchar(100)  NULL,
    supplier_key        int       NULL,
    supplier_name       nvarchar(300)  NOT NULL,
    is_redacted         bit           NOT NULL,
    amount              decimal(19,2) NOT NULL,
    irrecoverable_vat   decimal(19,2) NULL,
    capital_revenue     nvarchar(10)   NULL,
    merchant_category   nvarchar(200)  NULL,
    source_row          int       NOT NULL,
    batch_id            int       NOT NULL,
    CONSTRAINT ck_fact_payment_quarter CHECK (fiscal_quarter BETWEEN 1 AND 4)
);
CREATE INDEX ix_fact_payment_batch ON dw.fact_payment (batch_id);

-- Which batch holds each body's quarter: a later file for the same body and quarter restates it.
CREATE TABLE dw.payment_slice (
    body_key           int  NOT NULL REFERENCES dw.dim_body (body_key),
    fiscal_year_start  smallint NOT NULL,
    fiscal_quarter     smallint NOT NULL,
    batch_id           int  NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_payment_slice PRIMARY KEY (body_key, fiscal_year_start, fiscal_quarter)
);
