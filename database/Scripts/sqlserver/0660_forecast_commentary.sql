-- The forecast return's commentary per line (the Appendix 2 text), kept whole as the budget holder typed it.
ALTER TABLE stg.forecast_line ADD commentary nvarchar(max) NULL;
ALTER TABLE dw.fact_forecast ADD commentary nvarchar(max) NULL;
