CREATE TABLE etl.batch_state (
    state        nvarchar(20)  NOT NULL PRIMARY KEY,
    description  nvarchar(200) NOT NULL,
    is_terminal  bit           NOT NULL,
    sort_order   smallint      NOT NULL
);

CREATE TABLE etl.file_registry (
    file_id       int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    source        nvarchar(50)  NOT NULL,
    file_name     nvarchar(400) NOT NULL,
    sha256        char(64)      NOT NULL,
    size_bytes    bigint        NOT NULL,
    received_utc  datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_file_registry_source_sha256 UNIQUE (source, sha256)
);

CREATE TABLE etl.batch (
    batch_id                int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    source                  nvarchar(50)   NOT NULL,
    file_id                 int            NULL REFERENCES etl.file_registry (file_id),
    fiscal_year_start       smallint       NULL,
    period                  smallint       NULL,
    state                   nvarchar(20)   NOT NULL REFERENCES etl.batch_state (state),
    started_utc             datetimeoffset(7) NOT NULL,
    finished_utc            datetimeoffset(7) NULL,
    rows_read               bigint         NULL,
    rows_loaded             bigint         NULL,
    rows_rejected           int            NULL,
    superseded_by_batch_id  int            NULL REFERENCES etl.batch (batch_id),
    message                 nvarchar(2000) NULL
);
CREATE INDEX ix_batch_source_period ON etl.batch (source, fiscal_year_start, period);

CREATE TABLE etl.batch_state_history (
    batch_id     int            NOT NULL REFERENCES etl.batch (batch_id),
    sequence_no  smallint       NOT NULL,
    state        nvarchar(20)   NOT NULL REFERENCES etl.batch_state (state),
    entered_utc  datetimeoffset(7) NOT NULL,
    message      nvarchar(2000) NULL,
    PRIMARY KEY (batch_id, sequence_no)
);

CREATE TABLE etl.control_total (
    batch_id      int            NOT NULL REFERENCES etl.batch (batch_id),
    measure       nvarchar(50)   NOT NULL,
    scope         nvarchar(200)  NOT NULL,
    source_value  decimal(19,2)  NOT NULL,
    loaded_value  decimal(19,2)  NULL,
    tolerance     decimal(19,2)  NOT NULL DEFAULT 0,
    PRIMARY KEY (batch_id, measure, scope)
);

CREATE TABLE etl.rejection (
    rejection_id  bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    batch_id      int            NOT NULL REFERENCES etl.batch (batch_id),
    file_name     nvarchar(400)  NOT NULL,
    sheet         nvarchar(100)  NULL,
    row_number    int            NULL,
    column_name   nvarchar(200)  NULL,
    value         nvarchar(400)  NULL,
    reason        nvarchar(1000) NOT NULL
);
CREATE INDEX ix_rejection_batch ON etl.rejection (batch_id);
