-- The verbs that run as the loader (run, serve, load, status) read DbUp's journal to see whether anything is
-- pending; it is the table DbUp created, unqualified, in the migrating user's default schema.
GRANT SELECT ON SchemaVersions TO warehouse_loader;
