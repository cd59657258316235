-- Looked-after children placements: placement types and budget (reference files), episodes extracted from the
-- children's social care system (child ids pseudonymised), and the monthly facts derived from them.
CREATE TABLE stg.lac_placement_type (
    batch_id               integer      NOT NULL,
    source_row             integer      NOT NULL,
    placement_type_code    varchar(40)  NOT NULL,
    placement_type         varchar(100) NOT NULL,
    block                  varchar(20)  NOT NULL,
    weeks_funded           smallint     NOT NULL,
    counts_in_block_total  boolean      NOT NULL,
    sort_order             integer      NOT NULL,
    external_client_group  varchar(100) NULL
);
CREATE INDEX ix_stg_lac_placement_type_batch ON stg.lac_placement_type (batch_id);

CREATE TABLE dw.dim_placement_type (
    placement_type_code    varchar(40)  NOT NULL PRIMARY KEY,
    placement_type         varchar(100) NOT NULL,
    block                  varchar(20)  NOT NULL,
    weeks_funded           smallint     NOT NULL,
    counts_in_block_total  boolean      NOT NULL,
    sort_order             integer      NOT NULL,
    external_client_group  varchar(100) NULL,
    batch_id               integer      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT ck_dim_placement_type_block CHECK (block IN ('external', 'in_house', 'permanence')),
    CONSTRAINT ck_dim_placement_type_weeks CHECK (weeks_funded IN (52, 56))
);

CREATE TABLE stg.lac_budget (
    batch_id               integer      NOT NULL,
    source_row             integer      NOT NULL,
    fiscal_year_start      smallint     NOT NULL,
    effective_period       smallint     NOT NULL,
    placement_type_code    varchar(40)  NOT NULL,
    budgeted_placements    integer      NULL,
    annual_budget          numeric(19,2) NOT NULL,
    budget_weekly_cost     numeric(19,4) NULL
);
CREATE INDEX ix_stg_lac_budget_batch ON stg.lac_budget (batch_id);

-- A budget line applies from its effective period until a later effective period of the same year replaces it.
CREATE TABLE dw.lac_budget (
    fiscal_year_start      smallint     NOT NULL,
    effective_period       smallint     NOT NULL,
    placement_type_code    varchar(40)  NOT NULL REFERENCES dw.dim_placement_type (placement_type_code),
    budgeted_placements    integer      NULL,
    annual_budget          numeric(19,2) NOT NULL,
    budget_weekly_cost     numeric(19,4) NULL,
    batch_id               integer      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_lac_budget PRIMARY KEY (fiscal_year_start, effective_period, placement_type_code),
    CONSTRAINT ck_lac_budget_period CHECK (effective_period BETWEEN 1 AND 13)
);

-- How far the incremental extract has read the operational system (its last-modified clock).
CREATE TABLE etl.lac_watermark (
    source                 varchar(50)  NOT NULL PRIMARY KEY,
    last_modified          timestamp with time zone NULL,
    batch_id               integer      NOT NULL REFERENCES etl.batch (batch_id)
);

CREATE TABLE stg.lac_episode (
    batch_id               integer      NOT NULL,
    episode_id             bigint       NOT NULL,
    child_key              varchar(64)  NOT NULL,
    placement_type_code    varchar(40)  NOT NULL,
    provider               varchar(200) NULL,
    start_date             date         NOT NULL,
    end_date               date         NULL,
    planned_end_date       date         NULL,
    weekly_cost            numeric(19,2) NOT NULL,
    last_modified          timestamp with time zone NOT NULL
);
CREATE INDEX ix_stg_lac_episode_batch ON stg.lac_episode (batch_id);

-- The warehouse copy of the episodes; child_key is HMAC-SHA256 of the child id, never the id itself.
CREATE TABLE dw.lac_episode (
    episode_id             bigint       NOT NULL PRIMARY KEY,
    child_key              varchar(64)  NOT NULL,
    placement_type_code    varchar(40)  NOT NULL REFERENCES dw.dim_placement_type (placement_type_code),
    provider               varchar(200) NULL,
    start_date             date         NOT NULL,
    end_date               date         NULL,
    planned_end_date       date         NULL,
    weekly_cost            numeric(19,2) NOT NULL,
    last_modified          timestamp with time zone NOT NULL,
    batch_id               integer      NOT NULL REFERENCES etl.batch (batch_id)
);
CREATE INDEX ix_lac_episode_child ON dw.lac_episode (child_key, placement_type_code);

CREATE TABLE stg.lac_placement_month (
    batch_id                      integer      NOT NULL,
    period_key                    integer      NOT NULL,
    placement_type_code           varchar(40)  NOT NULL,
    snapshot_placements           integer      NOT NULL,
    previous_snapshot_placements  integer      NOT NULL,
    days_to_date                  integer      NOT NULL,
    committed_days                integer      NOT NULL,
    days_in_year                  integer      NOT NULL,
    yearly_average                numeric(19,4) NOT NULL,
    spend_to_date                 numeric(19,2) NOT NULL,
    committed_spend               numeric(19,2) NOT NULL,
    forecast_spend                numeric(19,2) NOT NULL,
    average_weekly_cost           numeric(19,4) NULL
);
CREATE INDEX ix_stg_lac_placement_month_batch ON stg.lac_placement_month (batch_id);

-- Per placement type and month end, derived from the episodes as known at the month end (see docs/placements.md).
CREATE TABLE dw.fact_lac_placement_month (
    period_key                    integer      NOT NULL REFERENCES dw.dim_period (period_key),
    placement_type_code           varchar(40)  NOT NULL REFERENCES dw.dim_placement_type (placement_type_code),
    snapshot_placements           integer      NOT NULL,
    previous_snapshot_placements  integer      NOT NULL,
    days_to_date                  integer      NOT NULL,
    committed_days                integer      NOT NULL,
    days_in_year                  integer      NOT NULL,
    yearly_average                numeric(19,4) NOT NULL,
    spend_to_date                 numeric(19,2) NOT NULL,
    committed_spend               numeric(19,2) NOT NULL,
    forecast_spend                numeric(19,2) NOT NULL,
    average_weekly_cost           numeric(19,4) NULL,
    batch_id                      integer      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_lac_placement_month PRIMARY KEY (period_key, placement_type_code)
);
