-- The forecast return's commentary per line (the Appendix 2 text), kept whole as the budget holder typed it.
-- Its own table: a line's text is optional and long, and the figures' tables stay as they are.
CREATE TABLE stg.forecast_commentary (
    batch_id            int            NOT NULL,
    budget_line_code    nvarchar(20)   NOT NULL,
    commentary          nvarchar(max)  NOT NULL
);
CREATE INDEX ix_stg_forecast_commentary_batch ON stg.forecast_commentary (batch_id);

CREATE TABLE dw.fact_forecast_commentary (
    period_key          int            NOT NULL REFERENCES dw.dim_period (period_key),
    budget_line_code    nvarchar(20)   NOT NULL,
    commentary          nvarchar(max)  NOT NULL,
    batch_id            int            NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT pk_fact_forecast_commentary PRIMARY KEY (period_key, budget_line_code)
);
