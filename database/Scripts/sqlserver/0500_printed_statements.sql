-- The tables the council's papers print as tables of figures: the capital programme, capital funding and
-- capital variation of the F&PR, and the IRPR's revenue and capital summaries by council service
-- (docs/formats/capital.md). One line per printed row, one figure per printed cell, each keyed by the
-- publication it came from, so the same month of two papers can be compared (report.publication_differences).

-- The council's services as the IRPR reports them (the F&PR reports one of them, a directorate, in detail).
CREATE TABLE dw.dim_council_service (
    service_key    smallint     NOT NULL PRIMARY KEY,
    service_code   nvarchar(30)  NOT NULL UNIQUE,
    service_name   nvarchar(100) NOT NULL UNIQUE,
    sort_order     smallint     NOT NULL
);

-- Which council service the F&PR's revenue ledger (dw.fact_revenue_monitoring) belongs to, from a financial year on.
CREATE TABLE dw.fpr_council_service (
    fiscal_year_start  smallint NOT NULL PRIMARY KEY,
    service_key        smallint NOT NULL REFERENCES dw.dim_council_service (service_key)
);

CREATE TABLE stg.statement_line (
    batch_id         int      NOT NULL,
    source_row       int      NOT NULL,
    statement        nvarchar(30)  NOT NULL,
    period_key       int      NOT NULL,
    publication_key  smallint     NOT NULL,
    service_key      smallint     NULL,
    row_type         nvarchar(20)  NOT NULL,
    line             nvarchar(200) NOT NULL,
    scheme_group     nvarchar(200) NULL,
    sort_order       int      NOT NULL,
    status           nvarchar(20)  NULL,
    direction        nvarchar(5)   NULL
);
CREATE INDEX ix_stg_statement_line_batch ON stg.statement_line (batch_id);

CREATE TABLE stg.statement_figure (
    batch_id    int       NOT NULL,
    source_row  int       NOT NULL,
    measure     nvarchar(40)   NOT NULL,
    value       decimal(19,2) NOT NULL,
    in_total    smallint      NOT NULL
);
CREATE INDEX ix_stg_statement_figure_batch ON stg.statement_figure (batch_id);

-- The printed totals a batch checks (one per total row and measure), for the control totals' landed side.
CREATE TABLE stg.statement_control (
    batch_id   int          NOT NULL,
    measure    nvarchar(40)  NOT NULL,
    scope      nvarchar(200) NOT NULL,
    total_row  int          NOT NULL
);
CREATE INDEX ix_stg_statement_control_batch ON stg.statement_control (batch_id);

CREATE TABLE dw.fact_statement_line (
    line_id          int          IDENTITY(1,1) NOT NULL PRIMARY KEY,
    statement        nvarchar(30)  NOT NULL,
    period_key       int      NOT NULL REFERENCES dw.dim_period (period_key),
    publication_key  smallint     NOT NULL REFERENCES dw.dim_publication (publication_key),
    service_key      smallint     NULL REFERENCES dw.dim_council_service (service_key),
    row_type         nvarchar(20)  NOT NULL,
    line             nvarchar(200) NOT NULL,
    scheme_group     nvarchar(200) NULL,
    sort_order       int      NOT NULL,
    source_row       int      NOT NULL,
    status           nvarchar(20)  NULL,
    direction        nvarchar(5)   NULL,
    batch_id         int      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_fact_statement_line_row UNIQUE (batch_id, source_row),
    CONSTRAINT ck_fact_statement_line_row_type CHECK (row_type IN ('scheme', 'source', 'service', 'memorandum', 'subtotal', 'total'))
);
CREATE INDEX ix_fact_statement_line_period ON dw.fact_statement_line (statement, period_key, publication_key);

-- A figure as printed: money in pounds, percentages in per cent. in_total = 0 when the paper leaves the line
-- out of this column's totals (2017/18 capitalised interest: docs/formats/capital.md §2).
CREATE TABLE dw.fact_statement_figure (
    line_id   int       NOT NULL REFERENCES dw.fact_statement_line (line_id),
    measure   nvarchar(40)   NOT NULL,
    value     decimal(19,2) NOT NULL,
    in_total  smallint      NOT NULL,
    batch_id  int       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_statement_figure PRIMARY KEY (line_id, measure)
);
CREATE INDEX ix_fact_statement_figure_batch ON dw.fact_statement_figure (batch_id);
