-- Staging for the indicator catalogue, the indicator returns and the portfolio returns.
CREATE TABLE stg.indicator_catalogue (
    batch_id                 int      NOT NULL,
    source_row               int      NOT NULL,
    indicator_id             nvarchar(10)  NOT NULL,
    indicator_name           nvarchar(400) NOT NULL,
    outcome                  nvarchar(200) NULL,
    responsible_directorate  nvarchar(200) NOT NULL,
    unit                     nvarchar(20)  NOT NULL,
    polarity                 nvarchar(20)  NOT NULL,
    frequency                nvarchar(20)  NOT NULL,
    target_type              nvarchar(20)  NOT NULL,
    is_cumulative            bit      NOT NULL,
    valid_from               date         NOT NULL,
    replaces_indicator_id    nvarchar(10)  NULL,
    sort_order               int      NOT NULL
);
CREATE INDEX ix_stg_indicator_catalogue_batch ON stg.indicator_catalogue (batch_id);

CREATE TABLE stg.indicator_return (
    batch_id                 int       NOT NULL,
    source_row               int       NOT NULL,
    period_key               int       NOT NULL,
    indicator_key            int       NOT NULL,
    indicator_id             nvarchar(10)   NOT NULL,
    sort_order               int       NOT NULL,
    outcome                  nvarchar(200)  NULL,
    measure_name             nvarchar(400)  NOT NULL,
    responsible_directorate  nvarchar(200)  NULL,
    unit                     nvarchar(20)   NOT NULL,
    data_period_label        nvarchar(60)   NULL,
    data_period_kind         nvarchar(20)   NULL,
    data_period_end          date          NULL,
    previous_value           decimal(19,4) NULL,
    target_value             decimal(19,4) NULL,
    target_upper_value       decimal(19,4) NULL,
    target_is_pro_rata       bit       NOT NULL,
    target_applied           decimal(19,4) NULL,
    actual_value             decimal(19,4) NULL,
    numerator                decimal(19,4) NULL,
    denominator              decimal(19,4) NULL,
    previous_text            nvarchar(60)   NULL,
    target_text              nvarchar(60)   NULL,
    actual_text              nvarchar(60)   NULL,
    direction_published_text nvarchar(20)   NULL,
    direction_published      nvarchar(10)   NULL,
    direction_derived        nvarchar(10)   NULL,
    rag_published_text       nvarchar(40)   NULL,
    rag_published            nvarchar(10)   NULL,
    rag_derived              nvarchar(10)   NOT NULL,
    rag_differs              bit       NOT NULL,
    stat_neighbours_text     nvarchar(80)   NULL,
    stat_neighbours_value    decimal(19,4) NULL,
    england_text             nvarchar(80)   NULL,
    england_value            decimal(19,4) NULL,
    comment                  nvarchar(max)          NULL
);
CREATE INDEX ix_stg_indicator_return_batch ON stg.indicator_return (batch_id);

CREATE TABLE stg.portfolio_return (
    batch_id         int      NOT NULL,
    source_row       int      NOT NULL,
    period_key       int      NOT NULL,
    sort_order       int      NOT NULL,
    programme        nvarchar(200) NOT NULL,
    lead_directors   nvarchar(200) NULL,
    description      nvarchar(max)         NULL,
    rag_text         nvarchar(40)  NOT NULL,
    rag              nvarchar(10)  NOT NULL
);
CREATE INDEX ix_stg_portfolio_return_batch ON stg.portfolio_return (batch_id);
