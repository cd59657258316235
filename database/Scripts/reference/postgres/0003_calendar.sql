-- Financial years 2015/16 to 2030/31: twelve monthly periods plus period 13 (closedown, dated 31 March).
INSERT INTO dw.dim_period (period_key, fiscal_year, fiscal_year_start, period, period_label, period_start, period_end, is_closedown)
SELECT fy * 100 + p,
       fy::text || '/' || lpad(((fy + 1) % 100)::text, 2, '0'),
       fy, p,
       CASE WHEN p = 13 THEN 'Closedown ' || fy::text || '/' || lpad(((fy + 1) % 100)::text, 2, '0')
            ELSE to_char(make_date(fy, 4, 1) + make_interval(months => p - 1), 'Mon-YY') END,
       CASE WHEN p = 13 THEN make_date(fy + 1, 3, 1) ELSE (make_date(fy, 4, 1) + make_interval(months => p - 1))::date END,
       CASE WHEN p = 13 THEN make_date(fy + 1, 3, 31)
            ELSE (make_date(fy, 4, 1) + make_interval(months => p) - interval '1 day')::date END,
       p = 13
FROM generate_series(2015, 2030) AS fy
CROSS JOIN generate_series(1, 13) AS p
-- A label that differs from what this script gives (a database seeded by an older script) is corrected.
ON CONFLICT (period_key) DO UPDATE SET period_label = EXCLUDED.period_label
WHERE dw.dim_period.period_label IS DISTINCT FROM EXCLUDED.period_label;

-- to_char without the TM prefix gives English month names whatever lc_time is; the SQL Server script spells
-- the same names out (a test checks they agree).
INSERT INTO dw.dim_date (date_key, calendar_date, calendar_year, calendar_month, month_name, month_label, day_of_month,
                         fiscal_year, fiscal_year_start, fiscal_period, fiscal_quarter, is_month_end, period_key)
SELECT to_char(d, 'YYYYMMDD')::int,
       d,
       extract(year FROM d)::smallint,
       extract(month FROM d)::smallint,
       trim(to_char(d, 'Month')),
       to_char(d, 'Mon-YY'),
       extract(day FROM d)::smallint,
       fy::text || '/' || lpad(((fy + 1) % 100)::text, 2, '0'),
       fy::smallint,
       fp::smallint,
       ((fp - 1) / 3 + 1)::smallint,
       d = (date_trunc('month', d) + interval '1 month' - interval '1 day')::date,
       fy * 100 + fp
FROM (
    SELECT g::date AS d,
           CASE WHEN extract(month FROM g) >= 4 THEN extract(year FROM g)::int ELSE extract(year FROM g)::int - 1 END AS fy,
           ((extract(month FROM g)::int + 8) % 12) + 1 AS fp
    FROM generate_series(DATE '2015-04-01', DATE '2031-03-31', INTERVAL '1 day') AS g
) AS days
ON CONFLICT (date_key) DO UPDATE SET month_name = EXCLUDED.month_name, month_label = EXCLUDED.month_label
WHERE dw.dim_date.month_name IS DISTINCT FROM EXCLUDED.month_name OR dw.dim_date.month_label IS DISTINCT FROM EXCLUDED.month_label;
