-- The sample children's social care system: placement episodes as the case management system keeps them.
-- No constraints beyond the key: the real system lets bad episodes through, and the extract must cope.
CREATE SCHEMA IF NOT EXISTS csc;
GO
DROP TABLE IF EXISTS csc.placement_episode;
GO
CREATE TABLE csc.placement_episode (
    episode_id        bigint        NOT NULL PRIMARY KEY,
    child_id          varchar(20)   NOT NULL,
    child_name        varchar(100)  NULL,
    date_of_birth     date          NULL,
    placement_type    varchar(40)   NOT NULL,
    provider          varchar(200)  NULL,
    start_date        date          NOT NULL,
    end_date          date          NULL,
    planned_end_date  date          NULL,
    weekly_cost       numeric(19,2) NOT NULL,
    last_modified     timestamp     NOT NULL
);
GO
CREATE INDEX ix_placement_episode_modified ON csc.placement_episode (last_modified);
