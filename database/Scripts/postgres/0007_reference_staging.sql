-- Staging for the organisation and committee reference and the line mapping; rows keep their batch and source row.
CREATE TABLE stg.organisation (
    batch_id           integer      NOT NULL,
    source_row         integer      NOT NULL,
    fiscal_year_start  smallint     NOT NULL,
    valid_from         date         NOT NULL,
    directorate        varchar(100) NOT NULL,
    service_group      varchar(200) NULL,
    budget_line_code   varchar(20)  NOT NULL,
    budget_line        varchar(200) NOT NULL,
    line_type          varchar(20)  NOT NULL,
    committee_code     varchar(20)  NOT NULL,
    dsg_funded         boolean      NOT NULL,
    pooled_budget      varchar(20)  NULL,
    cost_centre_code   varchar(20)  NOT NULL,
    cost_centre        varchar(200) NOT NULL,
    sort_order         integer      NOT NULL
);
CREATE INDEX ix_stg_organisation_batch ON stg.organisation (batch_id);

CREATE TABLE stg.line_mapping (
    batch_id               integer      NOT NULL,
    source_row             integer      NOT NULL,
    effective_fiscal_year  smallint     NOT NULL,
    from_budget_line_code  varchar(20)  NOT NULL,
    to_budget_line_code    varchar(20)  NOT NULL,
    change_type            varchar(10)  NOT NULL,
    note                   varchar(400) NULL
);
CREATE INDEX ix_stg_line_mapping_batch ON stg.line_mapping (batch_id);
