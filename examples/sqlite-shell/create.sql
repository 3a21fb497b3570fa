-- create.sql: the first session: builds a small database (run by sqlsh, natively and under wisp).
.print -- version and settings
SELECT sqlite_version();
PRAGMA journal_mode;
PRAGMA page_size = 4096;
.changes on
CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, country TEXT, population INTEGER,
                   lat REAL, lon REAL);
INSERT INTO city (name, country, population, lat, lon) VALUES
  ('Lisbon', 'PT', 545796, 38.7223, -9.1393), ('Porto', 'PT', 231800, 41.1579, -8.6291),
  ('Madrid', 'ES', 3223334, 40.4168, -3.7038), ('Seville', 'ES', 688711, 37.3891, -5.9845),
  ('Paris', 'FR', 2161000, 48.8566, 2.3522), ('Lyon', 'FR', 513275, 45.764, 4.8357),
  ('Berlin', 'DE', 3645000, 52.52, 13.405), ('Hamburg', 'DE', 1841000, 53.5511, 9.9937),
  ('Rome', 'IT', 2873000, 41.9028, 12.4964), ('Milan', 'IT', 1352000, 45.4642, 9.19),
  ('Oslo', 'NO', 697010, 59.9139, 10.7522), ('Bergen', 'NO', 285911, 60.3913, 5.3221);
.changes off
.print -- a deliberate constraint violation and a syntax error (the shell goes on)
INSERT INTO city (name, country) VALUES ('Lisbon', 'PT');
SELEC 1;
.print -- 20000 generated rows in one transaction
CREATE TABLE reading (id INTEGER PRIMARY KEY, city_id INTEGER REFERENCES city(id), day INTEGER,
                      temp REAL, note TEXT);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
INSERT INTO reading (city_id, day, temp, note)
SELECT 1 + i % 12, i / 12, round(10.0 + 15.0 * sin(i * 0.0172) + (i * 7919 % 101) / 20.0, 2),
       CASE WHEN i % 97 = 0 THEN 'storm ' || i ELSE NULL END
FROM n;
COMMIT;
CREATE INDEX reading_city_day ON reading(city_id, day);
.print -- a transaction rolled back leaves nothing behind
BEGIN;
DELETE FROM reading WHERE temp > 20;
SELECT count(*) FROM reading;
ROLLBACK;
SELECT count(*) FROM reading;
.print -- views, triggers, full-text search, JSON
CREATE VIEW country_stats AS
  SELECT c.country, count(*) AS n, round(avg(r.temp), 3) AS avg_temp, min(r.temp) AS lo, max(r.temp) AS hi
  FROM reading r JOIN city c ON c.id = r.city_id GROUP BY c.country;
CREATE TABLE log (at INTEGER PRIMARY KEY, what TEXT);
CREATE TRIGGER city_renamed AFTER UPDATE OF name ON city
  BEGIN INSERT INTO log (what) VALUES (old.name || ' -> ' || new.name); END;
UPDATE city SET name = 'Lisboa' WHERE name = 'Lisbon';
UPDATE city SET name = 'Roma' WHERE name = 'Rome';
CREATE VIRTUAL TABLE doc USING fts5(title, body);
INSERT INTO doc VALUES ('sqlite', 'SQLite is a small, fast, self-contained SQL database engine');
INSERT INTO doc VALUES ('wasm', 'WebAssembly is a portable binary instruction format for a stack machine');
INSERT INTO doc VALUES ('wasi', 'WASI gives WebAssembly programs files, clocks and random numbers, in a sandbox');
INSERT INTO doc VALUES ('both', 'This database engine runs as WebAssembly under wisp, in a sandbox');
CREATE TABLE cfg (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
INSERT INTO cfg VALUES ('app', json_object('name', 'sqlsh', 'tags', json_array('demo', 'wasi'), 'ratio', 0.25));
PRAGMA integrity_check;
.tables
