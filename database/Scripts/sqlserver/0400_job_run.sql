-- One row per execution of a background job (nightly run, one source, one inbox file, refresh): what the
-- status page lists as failed jobs, engine-independent (Hangfire's own tables are its business).
CREATE TABLE etl.job_run (
    job_run_id      int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    job             nvarchar(50)   NOT NULL,
    source          nvarchar(50)   NULL,
    hangfire_job_id nvarchar(100)  NULL,
    attempt         int            NOT NULL,
    started_utc     datetimeoffset(7) NOT NULL,
    finished_utc    datetimeoffset(7) NULL,
    outcome         nvarchar(20)   NOT NULL,
    will_retry      bit            NOT NULL,
    message         nvarchar(2000) NULL
);
CREATE INDEX ix_job_run_started ON etl.job_run (started_utc);
