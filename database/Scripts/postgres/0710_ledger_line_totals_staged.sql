-- The GL load sums its rows by budget line while they stream and stages those sums here, one row per line, for
-- the revenue roll-up. Reading the new slice back to roll it up was a GROUP BY over every row (3.3 s of a
-- 10M-row load, docs/finance-quality.md §2). A batch's rows live only inside its transaction: the load deletes
-- them before it commits. What landed is still checked against the file by the control totals.
CREATE TABLE stg.ledger_line_total (
    batch_id            integer        NOT NULL,
    budget_line_code    varchar(20)    NOT NULL,
    budget              numeric(19,2)  NOT NULL,
    actual              numeric(19,2)  NOT NULL,
    CONSTRAINT pk_stg_ledger_line_total PRIMARY KEY (batch_id, budget_line_code)
);
