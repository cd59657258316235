-- Key activity data: adult services returns (LD, AMH, OP, OPMH) and SEN placements by Ofsted need.
-- The service-type reference: service area → client group → service type (or SEN need by Ofsted code).
-- line_kind says what a line is: expenditure | income | savings | total_expenditure | total_income | total_net
-- (adult returns), need | growth | recoupment | total (SEN).
CREATE TABLE dw.dim_activity_service_type (
    service_type_key  int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    service_area      nvarchar(10)  NOT NULL,
    code              nvarchar(40)  NOT NULL,
    client_group      nvarchar(100) NOT NULL,
    service_type      nvarchar(200) NOT NULL,
    line_kind         nvarchar(20)  NOT NULL,
    unit              nvarchar(10)  NULL,
    sort_order        int      NOT NULL,
    batch_id          int      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_activity_service_type UNIQUE (service_area, code),
    CONSTRAINT ck_dim_activity_service_type_area CHECK (service_area IN ('LD', 'AMH', 'OP', 'OPMH', 'SEN')),
    CONSTRAINT ck_dim_activity_service_type_unit CHECK (unit IN ('week', 'hour', 'year'))
);

-- Source defects a person has looked at and accepted: a printed total (or value) that is known not to add up.
-- Kept by the reference script; a defect not listed here rejects the return.
CREATE TABLE etl.accepted_source_defect (
    source             nvarchar(50)   NOT NULL,
    fiscal_year_start  smallint      NOT NULL,
    period             smallint      NOT NULL,
    service_area       nvarchar(10)   NOT NULL,
    code               nvarchar(40)   NOT NULL,
    measure            nvarchar(50)   NOT NULL,
    printed_value      numeric(19,2) NOT NULL,
    note               nvarchar(400)  NOT NULL,
    PRIMARY KEY (source, fiscal_year_start, period, service_area, code, measure)
);

-- One row per service type and period as the return states it; money in £, unit costs in £ per unit.
CREATE TABLE dw.fact_adult_activity (
    period_key          int       NOT NULL REFERENCES dw.dim_period (period_key),
    service_type_key    int       NOT NULL REFERENCES dw.dim_activity_service_type (service_type_key),
    budgeted_users      numeric(19,2) NULL,
    budgeted_unit_cost  numeric(19,4) NULL,
    unit                nvarchar(10)   NULL,
    annual_budget       numeric(19,2) NULL,
    current_users       numeric(19,2) NULL,
    current_unit_cost   numeric(19,4) NULL,
    forecast_spend      numeric(19,2) NULL,
    variance            numeric(19,2) NULL,
    source_sheet        nvarchar(50)   NOT NULL,
    source_row          int       NOT NULL,
    batch_id            int       NOT NULL REFERENCES etl.batch (batch_id),
    PRIMARY KEY (period_key, service_type_key)
);

CREATE TABLE dw.fact_sen_placement (
    period_key           int       NOT NULL REFERENCES dw.dim_period (period_key),
    service_type_key     int       NOT NULL REFERENCES dw.dim_activity_service_type (service_type_key),
    budgeted_placements  numeric(19,2) NULL,
    budget               numeric(19,2) NULL,
    budget_average_cost  numeric(19,2) NULL,
    placements_now       numeric(19,2) NULL,
    yearly_average       numeric(19,2) NULL,
    actual_cost          numeric(19,2) NULL,
    actual_average_cost  numeric(19,2) NULL,
    source_row           int       NOT NULL,
    batch_id             int       NOT NULL REFERENCES etl.batch (batch_id),
    PRIMARY KEY (period_key, service_type_key)
);

CREATE TABLE stg.activity_service_type (
    batch_id      int      NOT NULL,
    source_row    int      NOT NULL,
    service_area  nvarchar(10)  NOT NULL,
    code          nvarchar(40)  NOT NULL,
    client_group  nvarchar(100) NOT NULL,
    service_type  nvarchar(200) NOT NULL,
    line_kind     nvarchar(20)  NOT NULL,
    unit          nvarchar(10)  NULL,
    sort_order    int      NOT NULL
);
CREATE INDEX ix_stg_activity_service_type_batch ON stg.activity_service_type (batch_id);

CREATE TABLE stg.adult_activity (
    batch_id            int       NOT NULL,
    source_sheet        nvarchar(50)   NOT NULL,
    source_row          int       NOT NULL,
    period_key          int       NOT NULL,
    service_type_key    int       NOT NULL,
    budgeted_users      numeric(19,2) NULL,
    budgeted_unit_cost  numeric(19,4) NULL,
    unit                nvarchar(10)   NULL,
    annual_budget       numeric(19,2) NULL,
    current_users       numeric(19,2) NULL,
    current_unit_cost   numeric(19,4) NULL,
    forecast_spend      numeric(19,2) NULL,
    variance            numeric(19,2) NULL
);
CREATE INDEX ix_stg_adult_activity_batch ON stg.adult_activity (batch_id);

CREATE TABLE stg.sen_placement (
    batch_id             int       NOT NULL,
    source_row           int       NOT NULL,
    period_key           int       NOT NULL,
    service_type_key     int       NOT NULL,
    budgeted_placements  numeric(19,2) NULL,
    budget               numeric(19,2) NULL,
    budget_average_cost  numeric(19,2) NULL,
    placements_now       numeric(19,2) NULL,
    yearly_average       numeric(19,2) NULL,
    actual_cost          numeric(19,2) NULL,
    actual_average_cost  numeric(19,2) NULL
);
CREATE INDEX ix_stg_sen_placement_batch ON stg.sen_placement (batch_id);

-- What each printed total of a batch adds up: the lines (by kind, or one line by key) whose landed sum is
-- compared with the printed total; the scope names the total (and an accepted defect) in report.reconciliation.
CREATE TABLE stg.activity_control_member (
    batch_id          int      NOT NULL,
    measure           nvarchar(50)  NOT NULL,
    scope             nvarchar(200) NOT NULL,
    service_area      nvarchar(10)  NOT NULL,
    member_kind       nvarchar(20)  NULL,
    service_type_key  int      NULL
);
CREATE INDEX ix_stg_activity_control_member_batch ON stg.activity_control_member (batch_id);
