-- query.sql: the second session, on the database create.sql left behind.
.print -- the schema survived
.schema city
.headers on
SELECT * FROM city ORDER BY id LIMIT 3;
.headers off
SELECT * FROM log ORDER BY at;
.print -- aggregates, grouping, ordering
SELECT * FROM country_stats ORDER BY country;
SELECT country, sum(population), group_concat(name, ',') FROM (SELECT * FROM city ORDER BY name)
GROUP BY country HAVING sum(population) > 1000000 ORDER BY 2 DESC;
.print -- window functions
SELECT name, population, rank() OVER (ORDER BY population DESC) AS r,
       round(100.0 * population / sum(population) OVER (), 2) AS pct
FROM city ORDER BY r LIMIT 5;
SELECT city_id, day, temp, round(avg(temp) OVER (PARTITION BY city_id ORDER BY day ROWS 6 PRECEDING), 3)
FROM reading WHERE city_id = 3 AND day BETWEEN 100 AND 105 ORDER BY day;
.print -- joins and subqueries
SELECT c.name, count(r.note) FROM city c LEFT JOIN reading r ON r.city_id = c.id AND r.note IS NOT NULL
GROUP BY c.id ORDER BY 2 DESC, 1 LIMIT 4;
SELECT name FROM city WHERE id IN (SELECT city_id FROM reading GROUP BY city_id HAVING max(temp) > 30.5) ORDER BY 1;
.print -- floating point, math and string functions
SELECT 1.0 / 3, 2.0 / 3, 1e308 * 10, -0.0, 0.1 + 0.2, 1e-300 * 1e-300, 12345678901234567890.0;
SELECT round(pi(), 10), round(sqrt(2), 12), round(exp(1), 12), ln(1), round(log10(2), 12), pow(2, 62), 7 % 3, -7 / 2;
SELECT printf('%.3f|%10.2e|%d|%x|%s|%q', 3.14159, 123456.789, 42, 255, 'x', 'it''s');
SELECT upper('straße'), lower('ÀÉÎ'), length('héllo'), substr('wisp runtime', 6), replace('a-b-c', '-', '+'),
       instr('hello', 'll'), hex('wasm'), quote(x'00ff'), trim('  x  '), unicode('é'), char(87, 65, 83, 73);
SELECT typeof(1), typeof(1.5), typeof('a'), typeof(x'01'), typeof(NULL), 9223372036854775807 + 0,
       cast('12abc' AS INTEGER), cast(3.99 AS INTEGER), 10 / 0, abs(-9223372036854775807);
.print -- dates (fixed, never 'now')
SELECT date('2024-02-28', '+1 day'), datetime(1700000000, 'unixepoch'), julianday('2000-01-01'),
       strftime('%Y-%j %H:%M', '2023-12-31 23:59:59'), date('2024-01-31', '+1 month');
.print -- recursive CTE: a Mandelbrot set
WITH RECURSIVE
  xaxis(x) AS (VALUES(-2.0) UNION ALL SELECT x + 0.05 FROM xaxis WHERE x < 1.2),
  yaxis(y) AS (VALUES(-1.0) UNION ALL SELECT y + 0.1 FROM yaxis WHERE y < 1.0),
  m(iter, cx, cy, x, y) AS (
    SELECT 0, x, y, 0.0, 0.0 FROM xaxis, yaxis
    UNION ALL
    SELECT iter + 1, cx, cy, x * x - y * y + cx, 2.0 * x * y + cy FROM m WHERE (x * x + y * y) < 4.0 AND iter < 28),
  m2(iter, cx, cy) AS (SELECT max(iter), cx, cy FROM m GROUP BY cx, cy),
  a(t) AS (SELECT group_concat(substr(' .+*#', 1 + min(iter / 7, 4), 1), '') FROM m2 GROUP BY cy)
SELECT group_concat(rtrim(t), char(10)) FROM a;
.print -- full-text search and JSON
SELECT title, snippet(doc, 1, '[', ']', '...', 6) FROM doc WHERE doc MATCH 'webassembly AND sandbox' ORDER BY rank;
SELECT title FROM doc WHERE doc MATCH 'sql*' ORDER BY title;
SELECT json_extract(v, '$.name'), json_extract(v, '$.tags[1]'), json_array_length(v, '$.tags'), v ->> '$.ratio'
FROM cfg WHERE k = 'app';
SELECT key, value FROM cfg, json_each(cfg.v, '$.tags') ORDER BY key;
SELECT json_group_array(name) FROM (SELECT name FROM city WHERE country = 'PT' ORDER BY name);
.print -- the query planner uses the index
EXPLAIN QUERY PLAN SELECT temp FROM reading WHERE city_id = 5 AND day = 77;
SELECT temp FROM reading WHERE city_id = 5 AND day = 77;
.print -- big sort, updates, deletes, vacuum
SELECT count(DISTINCT temp), sum(temp * 100) % 1000003, total(length(note)) FROM reading;
SELECT id, temp FROM reading ORDER BY temp DESC, id LIMIT 3;
UPDATE reading SET temp = temp + 1 WHERE day % 10 = 0;
DELETE FROM reading WHERE id % 3 = 0;
SELECT count(*), round(sum(temp), 2) FROM reading;
VACUUM;
PRAGMA integrity_check;
PRAGMA page_count;
SELECT count(*) FROM reading;
