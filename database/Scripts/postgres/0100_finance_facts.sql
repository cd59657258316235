-- Revenue finance: the general-ledger extract and the monthly forecast return, staged per batch, and the
-- facts they feed. Money is in pounds at full precision; report views round to £000 at presentation.

-- GL rows as read (cost centre × subjective account); source_row names the place of a bad row. No index: the
-- table holds one batch at a time (the load deletes its rows at the end, a rejected load rolls back), and an
-- index would slow the bulk copy of a million-row extract more than it speeds the set-based checks.
CREATE TABLE stg.gl_line (
    batch_id           integer       NOT NULL,
    source_row         integer       NOT NULL,
    cost_centre_code   varchar(20)   NOT NULL,
    account_code       varchar(20)   NOT NULL,
    account_name       varchar(100)  NULL,
    budget             numeric(19,2) NOT NULL,
    actual             numeric(19,2) NOT NULL
);

-- Ledger at its own grain; a restatement replaces the period slice.
CREATE TABLE dw.fact_ledger (
    period_key         integer       NOT NULL REFERENCES dw.dim_period (period_key),
    cost_centre_key    integer       NOT NULL REFERENCES dw.dim_cost_centre (cost_centre_key),
    account_code       varchar(20)   NOT NULL,
    account_name       varchar(100)  NULL,
    budget             numeric(19,2) NOT NULL,
    actual             numeric(19,2) NOT NULL,
    batch_id           integer       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_ledger PRIMARY KEY (period_key, cost_centre_key, account_code)
);
CREATE INDEX ix_fact_ledger_batch ON dw.fact_ledger (batch_id);

-- Forecast return lines as read (£ after applying the header's unit).
CREATE TABLE stg.forecast_line (
    batch_id            integer       NOT NULL,
    source_row          integer       NOT NULL,
    budget_line_code    varchar(20)   NOT NULL,
    line_name           varchar(200)  NOT NULL,
    forecast_variance   numeric(19,2) NULL,
    forecast_outturn    numeric(19,2) NULL,
    commentary_ref      varchar(20)   NULL,
    block               varchar(200)  NULL
);
CREATE INDEX ix_stg_forecast_line_batch ON stg.forecast_line (batch_id);

-- The forecast return at budget line grain, as typed (variance, or outturn when the return gives that).
CREATE TABLE dw.fact_forecast (
    period_key          integer       NOT NULL REFERENCES dw.dim_period (period_key),
    organisation_key    integer       NOT NULL REFERENCES dw.dim_organisation (organisation_key),
    budget_line_code    varchar(20)   NOT NULL,
    forecast_variance   numeric(19,2) NULL,
    forecast_outturn    numeric(19,2) NULL,
    commentary_ref      varchar(20)   NULL,
    batch_id            integer       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_forecast PRIMARY KEY (period_key, budget_line_code)
);

-- Budget monitoring at budget line × period: the ledger rolled up to the line joined with the forecast.
-- Rebuilt for the period by whichever of the two sources loads; each keeps the batch it came from.
CREATE TABLE dw.fact_revenue_monitoring (
    period_key          integer       NOT NULL REFERENCES dw.dim_period (period_key),
    organisation_key    integer       NOT NULL REFERENCES dw.dim_organisation (organisation_key),
    budget_line_code    varchar(20)   NOT NULL,
    budget              numeric(19,2) NULL,
    actual              numeric(19,2) NULL,
    forecast_variance   numeric(19,2) NULL,
    forecast_outturn    numeric(19,2) NULL,
    commentary_ref      varchar(20)   NULL,
    ledger_batch_id     integer       NULL REFERENCES etl.batch (batch_id),
    forecast_batch_id   integer       NULL REFERENCES etl.batch (batch_id),
    batch_id            integer       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_revenue_monitoring PRIMARY KEY (period_key, budget_line_code)
);

-- Figures as printed in the committee papers (reference data, batch 0). Each load compares what it
-- landed with them and records the result in etl.control_total, so known source defects (totals that
-- are rounded sums) show in report.reconciliation instead of disappearing.
CREATE TABLE dw.published_figure (
    period_key    integer       NOT NULL REFERENCES dw.dim_period (period_key),
    source        varchar(50)   NOT NULL,
    measure       varchar(50)   NOT NULL,
    scope         varchar(200)  NOT NULL,
    value_k       numeric(19,2) NOT NULL,
    tolerance_k   numeric(19,2) NOT NULL,
    note          varchar(400)  NULL,
    batch_id      integer       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_published_figure PRIMARY KEY (period_key, source, measure, scope)
);
