-- The virement log for the model: per period the opening (Business Plan) budget and each virement, in pounds.
-- grain: one row per period × log row
-- column period_key: period (yyyypp of the financial year start), joins Period
-- column source_row: the row of the log file
-- column entry_type: opening (Budget as per Business Plan) or virement
-- column line: the budget line(s) moved as printed, or the opening row's label
-- column effective_period: period the virement takes effect, 1-13
-- column amount: amount, £ (+ adds budget to the service)
-- column note: the virement's note
-- column batch_id: the load batch the row came from
CREATE VIEW powerbi.fact_virement AS
SELECT v.period_key, v.source_row, v.entry_type, v.line, v.effective_period, v.amount, v.note, v.batch_id
FROM dw.fact_virement AS v;
