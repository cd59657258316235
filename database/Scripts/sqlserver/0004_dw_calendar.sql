CREATE TABLE dw.dim_period (
    period_key         int          NOT NULL PRIMARY KEY,
    fiscal_year        nvarchar(7)  NOT NULL,
    fiscal_year_start  smallint     NOT NULL,
    period             smallint     NOT NULL,
    period_label       nvarchar(20) NOT NULL,
    period_start       date         NOT NULL,
    period_end         date         NOT NULL,
    is_closedown       bit          NOT NULL,
    CONSTRAINT uq_dim_period UNIQUE (fiscal_year_start, period),
    CONSTRAINT ck_dim_period_period CHECK (period BETWEEN 1 AND 13)
);

CREATE TABLE dw.dim_date (
    date_key           int          NOT NULL PRIMARY KEY,
    calendar_date      date         NOT NULL UNIQUE,
    calendar_year      smallint     NOT NULL,
    calendar_month     smallint     NOT NULL,
    month_name         nvarchar(9)  NOT NULL,
    month_label        nvarchar(6)  NOT NULL,
    day_of_month       smallint     NOT NULL,
    fiscal_year        nvarchar(7)  NOT NULL,
    fiscal_year_start  smallint     NOT NULL,
    fiscal_period      smallint     NOT NULL,
    fiscal_quarter     smallint     NOT NULL,
    is_month_end       bit          NOT NULL,
    period_key         int          NOT NULL REFERENCES dw.dim_period (period_key)
);
