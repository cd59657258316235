CREATE TABLE stg.organisation (
    batch_id           int           NOT NULL,
    source_row         int           NOT NULL,
    fiscal_year_start  smallint      NOT NULL,
    valid_from         date          NOT NULL,
    directorate        nvarchar(100) NOT NULL,
    service_group      nvarchar(200) NULL,
    budget_line_code   nvarchar(20)  NOT NULL,
    budget_line        nvarchar(200) NOT NULL,
    line_type          nvarchar(20)  NOT NULL,
    committee_code     nvarchar(20)  NOT NULL,
    dsg_funded         bit           NOT NULL,
    pooled_budget      nvarchar(20)  NULL,
    cost_centre_code   nvarchar(20)  NOT NULL,
    cost_centre        nvarchar(200) NOT NULL,
    sort_order         int           NOT NULL
);
CREATE INDEX ix_stg_organisation_batch ON stg.organisation (batch_id);

CREATE TABLE stg.line_mapping (
    batch_id               int           NOT NULL,
    source_row             int           NOT NULL,
    effective_fiscal_year  smallint      NOT NULL,
    from_budget_line_code  nvarchar(20)  NOT NULL,
    to_budget_line_code    nvarchar(20)  NOT NULL,
    change_type            nvarchar(10)  NOT NULL,
    note                   nvarchar(400) NULL
);
CREATE INDEX ix_stg_line_mapping_batch ON stg.line_mapping (batch_id);
