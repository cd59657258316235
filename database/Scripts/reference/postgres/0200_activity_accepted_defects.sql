-- Known defects of the key activity returns, looked at and accepted (docs/formats/activity.md §3.4, §4):
-- the printed value is loaded as printed and the difference shows in report.reconciliation.
-- Any other total that does not add up (beyond rounding) rejects the return.
DELETE FROM etl.accepted_source_defect WHERE source IN ('adult-services-return', 'sen-placements-return');
INSERT INTO etl.accepted_source_defect (source, fiscal_year_start, period, service_area, code, measure, printed_value, note) VALUES
    ('adult-services-return', 2018, 2, 'OPMH', 'total_income', 'annual budget', -1146000.00, 'OPMH May-18 income block: rows sum to -1,427'),
    ('adult-services-return', 2018, 2, 'OPMH', 'total_income', 'forecast spend', -1111000.00, 'OPMH May-18 income block: rows sum to -1,120'),
    ('adult-services-return', 2018, 2, 'OPMH', 'total_income', 'variance', -35000.00, 'OPMH May-18 income block: row variances sum to -536'),
    ('adult-services-return', 2018, 13, 'OP', 'total_expenditure', 'current users', 3128.00, 'Live In Care users (52) left out of the total'),
    ('adult-services-return', 2018, 13, 'OPMH', 'total_expenditure', 'budgeted users', 229.00, 'Live In Care users (4) left out of the total'),
    ('adult-services-return', 2018, 13, 'OPMH', 'total_expenditure', 'current users', 191.00, 'Live In Care users (2) left out of the total'),
    ('adult-services-return', 2018, 13, 'OPMH', 'total_expenditure', 'annual budget', 6694000.00, 'Live In Care budget (185) left out of the total'),
    ('sen-placements-return', 2018, 13, 'SEN', 'SEMH', 'yearly average', -69.46, 'invalid source value: a negative yearly average'),
    ('sen-placements-return', 2018, 13, 'SEN', 'SEMH', 'actual average cost', -32000.00, 'invalid source value: a negative average cost');
