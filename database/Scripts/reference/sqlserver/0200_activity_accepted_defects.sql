-- Known defects of the key activity returns, looked at and accepted (docs/formats/activity.md §3.4, §4):
-- the printed value is loaded as printed and the difference shows in report.reconciliation.
-- Any other total that does not add up (beyond rounding) rejects the return.
DELETE FROM etl.accepted_source_defect WHERE source IN (N'adult-services-return', N'sen-placements-return');
INSERT INTO etl.accepted_source_defect (source, fiscal_year_start, period, service_area, code, measure, printed_value, note) VALUES
    (N'adult-services-return', 2018, 2, N'OPMH', N'total_income', N'annual budget', -1146000.00, N'OPMH May-18 income block: rows sum to -1,427'),
    (N'adult-services-return', 2018, 2, N'OPMH', N'total_income', N'forecast spend', -1111000.00, N'OPMH May-18 income block: rows sum to -1,120'),
    (N'adult-services-return', 2018, 2, N'OPMH', N'total_income', N'variance', -35000.00, N'OPMH May-18 income block: row variances sum to -536'),
    (N'adult-services-return', 2018, 13, N'OP', N'total_expenditure', N'current users', 3128.00, N'Live In Care users (52) left out of the total'),
    (N'adult-services-return', 2018, 13, N'OPMH', N'total_expenditure', N'budgeted users', 229.00, N'Live In Care users (4) left out of the total'),
    (N'adult-services-return', 2018, 13, N'OPMH', N'total_expenditure', N'current users', 191.00, N'Live In Care users (2) left out of the total'),
    (N'adult-services-return', 2018, 13, N'OPMH', N'total_expenditure', N'annual budget', 6694000.00, N'Live In Care budget (185) left out of the total'),
    (N'sen-placements-return', 2018, 13, N'SEN', N'SEMH', N'yearly average', -69.46, N'invalid source value: a negative yearly average'),
    (N'sen-placements-return', 2018, 13, N'SEN', N'SEMH', N'actual average cost', -32000.00, N'invalid source value: a negative average cost');
