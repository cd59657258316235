-- Same as the PostgreSQL script: the period and cost-centre keys of dw.fact_ledger are guaranteed by the
-- load (see docs/finance-quality.md); the lineage key to etl.batch stays enforced. The constraints were
-- declared inline, so SQL Server named them: find them by what they reference.
DECLARE @name sysname;
DECLARE @sql nvarchar(400);
DECLARE keys CURSOR LOCAL FAST_FORWARD FOR
    SELECT fk.name FROM sys.foreign_keys AS fk
    WHERE fk.parent_object_id = OBJECT_ID(N'dw.fact_ledger')
      AND fk.referenced_object_id IN (OBJECT_ID(N'dw.dim_period'), OBJECT_ID(N'dw.dim_cost_centre'));
OPEN keys;
FETCH NEXT FROM keys INTO @name;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @sql = N'ALTER TABLE dw.fact_ledger DROP CONSTRAINT ' + QUOTENAME(@name);
    EXEC sp_executesql @sql;
    FETCH NEXT FROM keys INTO @name;
END;
CLOSE keys;
DEALLOCATE keys;
