-- The savings tracker: per Business Plan saving proposal and reporting period, the investment, the original
-- saving, the forecast phasing by quarter, the forecast, variance and RAG as the return states them (checked
-- against each other on load), the published direction of travel and the one derived from the previous tracker.
-- Amounts in pounds (the return's £000 scaled); savings are negative. flag notes where the row's own printed
-- figures disagree within rounding (e.g. quarters of -12.5 printed as -13 against a forecast of -50).
CREATE TABLE dw.fact_savings_tracker (
    savings_tracker_id   int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    period_key           int          NOT NULL REFERENCES dw.dim_period (period_key),
    sort_order           int          NOT NULL,
    reference            nvarchar(20)   NOT NULL,
    title                nvarchar(400)  NOT NULL,
    service              nvarchar(100)  NULL,
    committee_key        smallint      NOT NULL REFERENCES dw.dim_committee (committee_key),
    committee_text       nvarchar(100)  NOT NULL,
    investment           decimal(19,2) NULL,
    original_saving      decimal(19,2) NOT NULL,
    q1                   decimal(19,2) NOT NULL,
    q2                   decimal(19,2) NOT NULL,
    q3                   decimal(19,2) NOT NULL,
    q4                   decimal(19,2) NOT NULL,
    forecast_saving      decimal(19,2) NOT NULL,
    variance             decimal(19,2) NOT NULL,
    variance_pct         decimal(9,2)  NULL,
    rag                  nvarchar(10)   NOT NULL,
    direction_published  nvarchar(2)    NULL,
    direction_derived    nvarchar(2)    NULL,
    commentary           nvarchar(max)        NULL,
    flag                 nvarchar(200)  NULL,
    batch_id             int          NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_fact_savings_tracker UNIQUE (period_key, reference),
    CONSTRAINT ck_fact_savings_tracker_rag CHECK (rag IN ('Green', 'Amber', 'Red', 'Black', 'Blue'))
);

CREATE TABLE stg.savings_tracker (
    batch_id             int          NOT NULL,
    source_row           int          NOT NULL,
    period_key           int          NOT NULL,
    sort_order           int          NOT NULL,
    reference            nvarchar(20)   NOT NULL,
    title                nvarchar(400)  NOT NULL,
    service              nvarchar(100)  NULL,
    committee_key        smallint      NOT NULL,
    committee_text       nvarchar(100)  NOT NULL,
    investment           decimal(19,2) NULL,
    original_saving      decimal(19,2) NOT NULL,
    q1                   decimal(19,2) NOT NULL,
    q2                   decimal(19,2) NOT NULL,
    q3                   decimal(19,2) NOT NULL,
    q4                   decimal(19,2) NOT NULL,
    forecast_saving      decimal(19,2) NOT NULL,
    variance             decimal(19,2) NOT NULL,
    variance_pct         decimal(9,2)  NULL,
    rag                  nvarchar(10)   NOT NULL,
    direction_published  nvarchar(2)    NULL,
    direction_derived    nvarchar(2)    NULL,
    commentary           nvarchar(max)        NULL,
    flag                 nvarchar(200)  NULL
);
