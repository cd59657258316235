-- The verbs that run as the loader (run, serve, load, status) read DbUp's journal to see whether anything is
-- pending; it is the table DbUp created, unqualified, on the search path.
GRANT SELECT ON schemaversions TO warehouse_loader;
