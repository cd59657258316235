-- Rows a tolerant source (published data such as supplier payments) set aside instead of rejecting the file:
-- each with its place and reason, and the amount it carried when one could be read, so the control totals
-- account for every row read (rows read = loaded + quarantined; amount read = loaded + quarantined).
CREATE TABLE etl.quarantine (
    quarantine_id  bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    batch_id       int            NOT NULL REFERENCES etl.batch (batch_id),
    file_name      nvarchar(400)  NOT NULL,
    sheet          nvarchar(100)  NULL,
    row_number     int            NULL,
    column_name    nvarchar(200)  NULL,
    value          nvarchar(400)  NULL,
    reason         nvarchar(1000) NOT NULL,
    amount         decimal(19,2)  NULL
);
CREATE INDEX ix_quarantine_batch ON etl.quarantine (batch_id);
