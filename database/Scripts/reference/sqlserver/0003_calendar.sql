-- Month names are spelled here, not taken from DATENAME: DATENAME follows the login's language (a German login
-- stored 'Mai-18'). These are the English names PostgreSQL's to_char gives for 'Month' and 'Mon' whatever its
-- locale; a test reads this list and checks the two engines agree.
DECLARE @month TABLE (month_no int NOT NULL PRIMARY KEY, month_name nvarchar(9) NOT NULL);
INSERT INTO @month (month_no, month_name) VALUES
    (1, N'January'), (2, N'February'), (3, N'March'), (4, N'April'), (5, N'May'), (6, N'June'),
    (7, N'July'), (8, N'August'), (9, N'September'), (10, N'October'), (11, N'November'), (12, N'December');

-- Financial years 2015/16 to 2030/31: twelve monthly periods plus period 13 (closedown, dated 31 March).
DECLARE @period TABLE (period_key int NOT NULL PRIMARY KEY, fiscal_year nvarchar(7) NOT NULL, fiscal_year_start smallint NOT NULL,
                       period smallint NOT NULL, period_label nvarchar(20) NOT NULL, period_start date NOT NULL, period_end date NOT NULL,
                       is_closedown bit NOT NULL);
WITH years AS (
    SELECT TOP (16) CAST(2014 + ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS fy FROM sys.all_objects
), periods AS (
    SELECT TOP (13) CAST(ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS p FROM sys.all_objects
), labelled AS (
    SELECT fy, p,
           CAST(fy AS nvarchar(4)) + N'/' + RIGHT(N'0' + CAST((fy + 1) % 100 AS nvarchar(2)), 2) AS fiscal_year,
           DATEADD(month, p - 1, DATEFROMPARTS(fy, 4, 1)) AS month_start
    FROM years CROSS JOIN periods
)
INSERT INTO @period (period_key, fiscal_year, fiscal_year_start, period, period_label, period_start, period_end, is_closedown)
SELECT fy * 100 + p, fiscal_year, fy, p,
       CASE WHEN p = 13 THEN N'Closedown ' + fiscal_year
            ELSE LEFT(m.month_name, 3) + N'-' + RIGHT(CAST(YEAR(month_start) AS nvarchar(4)), 2) END,
       CASE WHEN p = 13 THEN DATEFROMPARTS(fy + 1, 3, 1) ELSE month_start END,
       CASE WHEN p = 13 THEN DATEFROMPARTS(fy + 1, 3, 31) ELSE EOMONTH(month_start) END,
       CASE WHEN p = 13 THEN 1 ELSE 0 END
FROM labelled
JOIN @month AS m ON m.month_no = MONTH(labelled.month_start);

INSERT INTO dw.dim_period (period_key, fiscal_year, fiscal_year_start, period, period_label, period_start, period_end, is_closedown)
SELECT period_key, fiscal_year, fiscal_year_start, period, period_label, period_start, period_end, is_closedown
FROM @period AS p
WHERE NOT EXISTS (SELECT 1 FROM dw.dim_period AS x WHERE x.period_key = p.period_key);

-- Rows stored by an earlier version of this script under another language are corrected. The comparison is
-- binary, so a label that differs only in letter case is corrected too.
UPDATE x SET period_label = p.period_label
FROM dw.dim_period AS x
JOIN @period AS p ON p.period_key = x.period_key
WHERE x.period_label COLLATE Latin1_General_100_BIN2 <> p.period_label COLLATE Latin1_General_100_BIN2;

DECLARE @date TABLE (d date NOT NULL PRIMARY KEY, fy int NOT NULL, fp int NOT NULL, month_name nvarchar(9) NOT NULL, month_label nvarchar(6) NOT NULL);
WITH numbers AS (
    SELECT TOP (DATEDIFF(day, DATEFROMPARTS(2015, 4, 1), DATEFROMPARTS(2031, 3, 31)) + 1)
           ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) - 1 AS n
    FROM sys.all_objects AS a CROSS JOIN sys.all_objects AS b
), days AS (
    SELECT d, CASE WHEN MONTH(d) >= 4 THEN YEAR(d) ELSE YEAR(d) - 1 END AS fy, ((MONTH(d) + 8) % 12) + 1 AS fp
    FROM (SELECT DATEADD(day, n, DATEFROMPARTS(2015, 4, 1)) AS d FROM numbers) AS x
)
INSERT INTO @date (d, fy, fp, month_name, month_label)
SELECT d, fy, fp, m.month_name, LEFT(m.month_name, 3) + N'-' + RIGHT(CAST(YEAR(d) AS nvarchar(4)), 2)
FROM days
JOIN @month AS m ON m.month_no = MONTH(days.d);

INSERT INTO dw.dim_date (date_key, calendar_date, calendar_year, calendar_month, month_name, month_label, day_of_month,
                         fiscal_year, fiscal_year_start, fiscal_period, fiscal_quarter, is_month_end, period_key)
SELECT YEAR(d) * 10000 + MONTH(d) * 100 + DAY(d), d, YEAR(d), MONTH(d), month_name, month_label,
       DAY(d),
       CAST(fy AS nvarchar(4)) + N'/' + RIGHT(N'0' + CAST((fy + 1) % 100 AS nvarchar(2)), 2),
       fy, fp, (fp - 1) / 3 + 1,
       CASE WHEN d = EOMONTH(d) THEN 1 ELSE 0 END,
       fy * 100 + fp
FROM @date AS days
WHERE NOT EXISTS (SELECT 1 FROM dw.dim_date AS x WHERE x.calendar_date = days.d);

UPDATE x SET month_name = days.month_name, month_label = days.month_label
FROM dw.dim_date AS x
JOIN @date AS days ON days.d = x.calendar_date
WHERE x.month_name COLLATE Latin1_General_100_BIN2 <> days.month_name COLLATE Latin1_General_100_BIN2
   OR x.month_label COLLATE Latin1_General_100_BIN2 <> days.month_label COLLATE Latin1_General_100_BIN2;
