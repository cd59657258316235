-- The sample children's social care system: placement episodes as the case management system keeps them.
-- No constraints beyond the key: the real system lets bad episodes through, and the extract must cope.
IF SCHEMA_ID('csc') IS NULL EXEC('CREATE SCHEMA csc');
GO
DROP TABLE IF EXISTS csc.placement_episode;
GO
CREATE TABLE csc.placement_episode (
    episode_id        bigint        NOT NULL PRIMARY KEY,
    child_id          nvarchar(20)  NOT NULL,
    child_name        nvarchar(100) NULL,
    date_of_birth     date          NULL,
    placement_type    nvarchar(40)  NOT NULL,
    provider          nvarchar(200) NULL,
    start_date        date          NOT NULL,
    end_date          date          NULL,
    planned_end_date  date          NULL,
    weekly_cost       decimal(19,2) NOT NULL,
    last_modified     datetime2(6)  NOT NULL
);
GO
CREATE INDEX ix_placement_episode_modified ON csc.placement_episode (last_modified);
