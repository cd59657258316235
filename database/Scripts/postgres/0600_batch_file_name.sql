-- The name a file was offered under, per batch: the registry keeps the first name of a file's bytes, but the
-- name is part of what a batch judged (its type, a period it states), so exactly-once compares it per batch.
CREATE TABLE etl.batch_file_name (
    batch_id   integer      NOT NULL PRIMARY KEY REFERENCES etl.batch (batch_id),
    file_name  varchar(400) NOT NULL
);
