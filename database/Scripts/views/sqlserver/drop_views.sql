-- Runs before the journaled scripts on every migrate: every view of the warehouse schemas goes, so a migration may
-- alter or drop what a view reads, and a view removed from database/Scripts/views/ does not linger. The view
-- group re-creates them after the journaled scripts. SQL Server has no DROP VIEW … CASCADE: a view is dropped
-- only once no other view of these schemas reads it (reverse dependency order), so a view declared WITH
-- SCHEMABINDING would not stop the drop. Read rights survive: they are granted on the schemas (0002_roles.sql).
DECLARE @drop nvarchar(600);
WHILE 1 = 1
BEGIN
    SET @drop = NULL;
    SELECT TOP (1) @drop = N'DROP VIEW ' + QUOTENAME(SCHEMA_NAME(v.schema_id)) + N'.' + QUOTENAME(v.name)
    FROM sys.views AS v
    WHERE SCHEMA_NAME(v.schema_id) IN (N'dw', N'report', N'powerbi')
      AND NOT EXISTS (SELECT 1
                      FROM sys.sql_expression_dependencies AS d
                      JOIN sys.views AS r ON r.object_id = d.referencing_id
                      WHERE d.referenced_id = v.object_id AND r.object_id <> v.object_id
                        AND SCHEMA_NAME(r.schema_id) IN (N'dw', N'report', N'powerbi'))
    ORDER BY SCHEMA_NAME(v.schema_id), v.name;
    IF @drop IS NULL
        BREAK;
    EXEC sp_executesql @drop;
END;
IF EXISTS (SELECT 1 FROM sys.views AS v WHERE SCHEMA_NAME(v.schema_id) IN (N'dw', N'report', N'powerbi'))
    THROW 50001, N'Views of dw, report or powerbi that read each other in a cycle could not be dropped.', 1;
