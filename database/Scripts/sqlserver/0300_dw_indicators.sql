-- Performance indicators (catalogue as SCD type 2), their lineage across renames, the monthly indicator
-- returns and the portfolio (programme) RAG returns. Values are numbers in the indicator's unit;
-- percentages are stored in percentage points (45% = 45.0000), whatever form the return used.
CREATE TABLE dw.dim_indicator (
    indicator_key            int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    indicator_id             nvarchar(10)  NOT NULL,
    indicator_name           nvarchar(400) NOT NULL,
    outcome                  nvarchar(200) NULL,
    responsible_directorate  nvarchar(200) NOT NULL,
    unit                     nvarchar(20)  NOT NULL,
    polarity                 nvarchar(20)  NOT NULL,
    frequency                nvarchar(20)  NOT NULL,
    target_type              nvarchar(20)  NOT NULL,
    is_cumulative            bit      NOT NULL,
    replaces_indicator_id    nvarchar(10)  NULL,
    sort_order               int      NOT NULL,
    valid_from               date         NOT NULL,
    valid_to                 date         NOT NULL,
    is_current               bit      NOT NULL,
    batch_id                 int      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_dim_indicator_version UNIQUE (indicator_id, valid_from),
    CONSTRAINT ck_dim_indicator_polarity CHECK (polarity IN ('higher_is_better', 'lower_is_better', 'target_band')),
    CONSTRAINT ck_dim_indicator_target_type CHECK (target_type IN ('floor', 'ceiling', 'pro_rata', 'band', 'none'))
);

-- Each indicator with the measure it continues and the head of its chain (the latest measure that
-- continues it), recomputed by every catalogue load, so trends follow renamed and replaced measures.
CREATE TABLE dw.indicator_lineage (
    indicator_id           nvarchar(10) NOT NULL PRIMARY KEY,
    replaces_indicator_id  nvarchar(10) NULL,
    lineage_id             nvarchar(10) NOT NULL,
    generation             int     NOT NULL,
    batch_id               int     NOT NULL REFERENCES etl.batch (batch_id)
);

-- One row per indicator per reporting month: the published figures and RAG, and the derived ones.
CREATE TABLE dw.fact_indicator_return (
    indicator_return_id      int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    period_key               int       NOT NULL REFERENCES dw.dim_period (period_key),
    indicator_key            int       NOT NULL REFERENCES dw.dim_indicator (indicator_key),
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
    comment                  nvarchar(max)          NULL,
    batch_id                 int       NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_fact_indicator_return UNIQUE (period_key, indicator_id),
    CONSTRAINT ck_fact_indicator_rag_published CHECK (rag_published IN ('Red', 'Amber', 'Green', 'No target')),
    CONSTRAINT ck_fact_indicator_rag_derived CHECK (rag_derived IN ('Red', 'Amber', 'Green', 'No target', 'No data'))
);

-- One row per programme per reporting month.
CREATE TABLE dw.fact_portfolio_rag (
    portfolio_rag_id   int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    period_key         int      NOT NULL REFERENCES dw.dim_period (period_key),
    sort_order         int      NOT NULL,
    programme          nvarchar(200) NOT NULL,
    lead_directors     nvarchar(200) NULL,
    description        nvarchar(max)         NULL,
    rag                nvarchar(10)  NOT NULL,
    batch_id           int      NOT NULL REFERENCES etl.batch (batch_id),
    CONSTRAINT uq_fact_portfolio_rag UNIQUE (period_key, programme),
    CONSTRAINT ck_fact_portfolio_rag CHECK (rag IN ('Red', 'Amber', 'Green'))
);
