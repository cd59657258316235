-- Runs before the journaled scripts on every migrate: every view of the warehouse schemas goes, so a migration may
-- alter or drop what a view reads, and a view removed from database/Scripts/views/ does not linger. The view
-- group re-creates them after the journaled scripts. CASCADE also drops a view outside these schemas that reads
-- one of ours: build nothing outside dw, report and powerbi on the warehouse's views.
DO $$
DECLARE
    v record;
BEGIN
    FOR v IN SELECT schemaname, viewname FROM pg_views WHERE schemaname IN ('dw', 'report', 'powerbi') ORDER BY schemaname, viewname LOOP
        -- IF EXISTS: an earlier CASCADE may have taken this one already.
        EXECUTE format('DROP VIEW IF EXISTS %I.%I CASCADE', v.schemaname, v.viewname);
    END LOOP;
END
$$;
