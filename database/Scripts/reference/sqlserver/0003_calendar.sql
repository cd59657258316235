-- Financial years 2015/16 to 2030/31: twelve monthly periods plus period 13 (closedown, dated 31 March).
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
INSERT INTO dw.dim_period (period_key, fiscal_year, fiscal_year_start, period, period_label, period_start, period_end, is_closedown)
SELECT fy * 100 + p, fiscal_year, fy, p,
       CASE WHEN p = 13 THEN N'Closedown ' + fiscal_year
            ELSE LEFT(DATENAME(month, month_start), 3) + N'-' + RIGHT(CAST(YEAR(month_start) AS nvarchar(4)), 2) END,
       CASE WHEN p = 13 THEN DATEFROMPARTS(fy + 1, 3, 1) ELSE month_start END,
       CASE WHEN p = 13 THEN DATEFROMPARTS(fy + 1, 3, 31) ELSE EOMONTH(month_start) END,
       CASE WHEN p = 13 THEN 1 ELSE 0 END
FROM labelled
WHERE NOT EXISTS (SELECT 1 FROM dw.dim_period AS x WHERE x.period_key = labelled.fy * 100 + labelled.p);

WITH numbers AS (
    SELECT TOP (DATEDIFF(day, '2015-04-01', '2031-03-31') + 1)
           ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) - 1 AS n
    FROM sys.all_objects AS a CROSS JOIN sys.all_objects AS b
), days AS (
    SELECT d, CASE WHEN MONTH(d) >= 4 THEN YEAR(d) ELSE YEAR(d) - 1 END AS fy, ((MONTH(d) + 8) % 12) + 1 AS fp
    FROM (SELECT DATEADD(day, n, CAST('2015-04-01' AS date)) AS d FROM numbers) AS x
)
INSERT INTO dw.dim_date (date_key, calendar_date, calendar_year, calendar_month, month_name, month_label, day_of_month,
                         fiscal_year, fiscal_year_start, fiscal_period, fiscal_quarter, is_month_end, period_key)
SELECT YEAR(d) * 10000 + MONTH(d) * 100 + DAY(d), d, YEAR(d), MONTH(d), DATENAME(month, d),
       LEFT(DATENAME(month, d), 3) + N'-' + RIGHT(CAST(YEAR(d) AS nvarchar(4)), 2),
       DAY(d),
       CAST(fy AS nvarchar(4)) + N'/' + RIGHT(N'0' + CAST((fy + 1) % 100 AS nvarchar(2)), 2),
       fy, fp, (fp - 1) / 3 + 1,
       CASE WHEN d = EOMONTH(d) THEN 1 ELSE 0 END,
       fy * 100 + fp
FROM days
WHERE NOT EXISTS (SELECT 1 FROM dw.dim_date AS x WHERE x.calendar_date = days.d);
