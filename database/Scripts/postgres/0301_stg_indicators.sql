-- Staging for the indicator catalogue, the indicator returns and the portfolio returns.
CREATE TABLE stg.indicator_catalogue (
    batch_id                 integer      NOT NULL,
    source_row               integer      NOT NULL,
    indicator_id             varchar(10)  NOT NULL,
    indicator_name           varchar(400) NOT NULL,
    outcome                  varchar(200) NULL,
    responsible_directorate  varchar(200) NOT NULL,
    unit                     varchar(20)  NOT NULL,
    polarity                 varchar(20)  NOT NULL,
    frequency                varchar(20)  NOT NULL,
    target_type              varchar(20)  NOT NULL,
    is_cumulative            boolean      NOT NULL,
    valid_from               date         NOT NULL,
    replaces_indicator_id    varchar(10)  NULL,
    sort_order               integer      NOT NULL
);
CREATE INDEX ix_stg_indicator_catalogue_batch ON stg.indicator_catalogue (batch_id);

CREATE TABLE stg.indicator_return (
    batch_id                 integer       NOT NULL,
    source_row               integer       NOT NULL,
    period_key               integer       NOT NULL,
    indicator_key            integer       NOT NULL,
    indicator_id             varchar(10)   NOT NULL,
    sort_order               integer       NOT NULL,
    outcome                  varchar(200)  NULL,
    measure_name             varchar(400)  NOT NULL,
    responsible_directorate  varchar(200)  NULL,
    unit                     varchar(20)   NOT NULL,
    data_period_label        varchar(60)   NULL,
    data_period_kind         varchar(20)   NULL,
    data_period_end          date          NULL,
    previous_value           numeric(19,4) NULL,
    target_value             numeric(19,4) NULL,
    target_upper_value       numeric(19,4) NULL,
    target_is_pro_rata       boolean       NOT NULL,
    target_applied           numeric(19,4) NULL,
    actual_value             numeric(19,4) NULL,
    numerator                numeric(19,4) NULL,
    denominator              numeric(19,4) NULL,
    previous_text            varchar(60)   NULL,
    target_text              varchar(60)   NULL,
    actual_text              varchar(60)   NULL,
    direction_published_text varchar(20)   NULL,
    direction_published      varchar(10)   NULL,
    direction_derived        varchar(10)   NULL,
    rag_published_text       varchar(40)   NULL,
    rag_published            varchar(10)   NULL,
    rag_derived              varchar(10)   NOT NULL,
    rag_differs              boolean       NOT NULL,
    stat_neighbours_text     varchar(80)   NULL,
    stat_neighbours_value    numeric(19,4) NULL,
    england_text             varchar(80)   NULL,
    england_value            numeric(19,4) NULL,
    comment                  text          NULL
);
CREATE INDEX ix_stg_indicator_return_batch ON stg.indicator_return (batch_id);

CREATE TABLE stg.portfolio_return (
    batch_id         integer      NOT NULL,
    source_row       integer      NOT NULL,
    period_key       integer      NOT NULL,
    sort_order       integer      NOT NULL,
    programme        varchar(200) NOT NULL,
    lead_directors   varchar(200) NULL,
    description      text         NULL,
    rag_text         varchar(40)  NOT NULL,
    rag              varchar(10)  NOT NULL
);
CREATE INDEX ix_stg_portfolio_return_batch ON stg.portfolio_return (batch_id);
