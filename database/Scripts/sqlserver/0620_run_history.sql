-- One row per nightly run (the Hangfire chain or `warehouse run`): when, how many sources, what they did. The
-- status page's run history ("02:00: 13 sources, 2 rejected") and the nightly alert come from here.
CREATE TABLE etl.nightly_run (
    nightly_run_id  int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    trigger_name    nvarchar(20)   NOT NULL,
    started_utc     datetimeoffset(7) NOT NULL,
    finished_utc    datetimeoffset(7) NULL,
    sources         int            NOT NULL,
    files_loaded    int            NULL,
    rejected        int            NULL,
    failed          int            NULL,
    late            int            NULL,
    summary         nvarchar(2000) NULL
);
CREATE INDEX ix_nightly_run_started ON etl.nightly_run (started_utc);
