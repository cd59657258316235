-- The name a file was offered under, per batch: the registry keeps the first name of a file's bytes, but the
-- name is part of what a batch judged (its type, a period it states), so exactly-once compares it per batch.
ALTER TABLE etl.batch ADD file_name nvarchar(400) NULL;
