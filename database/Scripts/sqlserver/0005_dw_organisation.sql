CREATE TABLE dw.dim_organisation (
    organisation_key   int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    budget_line_code   nvarchar(20)  NOT NULL,
    budget_line        nvarchar(200) NOT NULL,
    service_group      nvarchar(200) NULL,
    directorate        nvarchar(100) NOT NULL,
    line_type          nvarchar(20)  NOT NULL,
    dsg_funded         bit           NOT NULL,
    pooled_budget      nvarchar(20)  NULL,
    sort_order         int           NOT NULL,
    valid_from         date          NOT NULL,
    valid_to           date          NOT NULL,
    is_current         bit           NOT NULL,
    batch_id           int           NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_organisation_version UNIQUE (budget_line_code, valid_from),
    CONSTRAINT ck_dim_organisation_line_type CHECK (line_type IN ('expenditure', 'grant', 'unknown'))
);

CREATE TABLE dw.dim_cost_centre (
    cost_centre_key    int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    cost_centre_code   nvarchar(20)  NOT NULL,
    cost_centre        nvarchar(200) NOT NULL,
    budget_line_code   nvarchar(20)  NOT NULL,
    valid_from         date          NOT NULL,
    valid_to           date          NOT NULL,
    is_current         bit           NOT NULL,
    batch_id           int           NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_cost_centre_version UNIQUE (cost_centre_code, valid_from)
);

CREATE TABLE dw.budget_line_mapping (
    mapping_id              int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    effective_fiscal_year   smallint      NOT NULL,
    from_budget_line_code   nvarchar(20)  NOT NULL,
    to_budget_line_code     nvarchar(20)  NOT NULL,
    change_type             nvarchar(10)  NOT NULL,
    note                    nvarchar(400) NULL,
    batch_id                int           NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_budget_line_mapping UNIQUE (effective_fiscal_year, from_budget_line_code, to_budget_line_code),
    CONSTRAINT ck_budget_line_mapping_change CHECK (change_type IN ('renamed', 'moved', 'merged', 'split'))
);

CREATE TABLE dw.dim_committee (
    committee_key   smallint      NOT NULL PRIMARY KEY,
    committee_code  nvarchar(20)  NOT NULL UNIQUE,
    committee_name  nvarchar(100) NOT NULL
);

CREATE TABLE dw.committee_responsibility (
    budget_line_code   nvarchar(20) NOT NULL,
    fiscal_year_start  smallint     NOT NULL,
    committee_key      smallint     NOT NULL REFERENCES dw.dim_committee (committee_key),
    batch_id           int          NOT NULL REFERENCES etl.batch (batch_id),
    PRIMARY KEY (budget_line_code, fiscal_year_start)
);
