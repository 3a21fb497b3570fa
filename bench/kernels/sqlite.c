/* sqlite.c: the "real program" workload: SQLite (the amalgamation, fetched at build time from
 * the npm package better-sqlite3) running an in-memory database: bulk inserts through prepared
 * statements, index builds, grouped aggregates, joins, LIKE scans, ORDER BY, updates and deletes.
 * Built with SQLITE_OS_OTHER and the tiny deterministic VFS below, so the same code runs natively,
 * under WASI and without WASI. SIZE = rounds (each builds and queries a fresh database).
 * Self-check: row counts and sums against values computed in C. */
#include "sqlite3.h"

#include "bench.h"

/* ---- a VFS that can open nothing: enough for :memory: databases with in-memory temp files ---- */
static int vfs_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out) {
    (void)v, (void)name, (void)flags, (void)out;
    f->pMethods = NULL;
    return SQLITE_CANTOPEN;
}
static int vfs_delete(sqlite3_vfs *v, const char *name, int sync) { (void)v, (void)name, (void)sync; return SQLITE_OK; }
static int vfs_access(sqlite3_vfs *v, const char *name, int flags, int *res) {
    (void)v, (void)name, (void)flags;
    *res = 0;
    return SQLITE_OK;
}
static int vfs_fullpath(sqlite3_vfs *v, const char *name, int n, char *out) {
    (void)v;
    sqlite3_snprintf(n, out, "%s", name);
    return SQLITE_OK;
}
static int vfs_random(sqlite3_vfs *v, int n, char *out) {
    (void)v;
    static uint64_t state = 12345; /* deterministic on purpose: benchmark runs must be repeatable */
    for (int i = 0; i < n; i++) out[i] = (char)bench_rand(&state);
    return n;
}
static int vfs_sleep(sqlite3_vfs *v, int us) { (void)v; return us; }
static int vfs_time(sqlite3_vfs *v, double *t) { (void)v; *t = 2460000.5; return SQLITE_OK; }
static int vfs_time64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; *t = (sqlite3_int64)2460000 * 86400000 + 43200000; return SQLITE_OK; }
static int vfs_lasterr(sqlite3_vfs *v, int n, char *buf) { (void)v, (void)n, (void)buf; return 0; }

static sqlite3_vfs bench_vfs = {
    .iVersion = 2, .szOsFile = sizeof(sqlite3_file), .mxPathname = 256, .zName = "bench",
    .xOpen = vfs_open, .xDelete = vfs_delete, .xAccess = vfs_access, .xFullPathname = vfs_fullpath,
    .xRandomness = vfs_random, .xSleep = vfs_sleep, .xCurrentTime = vfs_time, .xGetLastError = vfs_lasterr,
    .xCurrentTimeInt64 = vfs_time64,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&bench_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

/* ---- the workload ---- */
static int exec(sqlite3 *db, const char *sql, int *ok) {
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
#ifndef BENCH_EXPORT
        fprintf(stderr, "sqlite: %s: %s\n", sql, err ? err : "?");
#endif
        *ok = 0;
    }
    sqlite3_free(err);
    return rc;
}

/* Runs a query and folds every column of every row into the checksum; returns the row count. */
static int64_t fold(sqlite3 *db, const char *sql, uint64_t *sum, int *ok) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        *ok = 0;
        return -1;
    }
    int64_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rows++;
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_INTEGER: *sum = bench_mix(*sum, (uint64_t)sqlite3_column_int64(st, c)); break;
            case SQLITE_FLOAT: *sum = bench_mix(*sum, (uint64_t)(int64_t)(sqlite3_column_double(st, c) * 1000.0)); break;
            case SQLITE_TEXT: {
                const unsigned char *t = sqlite3_column_text(st, c);
                uint64_t h = 1469598103934665603ull;
                for (; *t; t++) h = (h ^ *t) * 0x100000001b3ull;
                *sum = bench_mix(*sum, h);
                break;
            }
            default: *sum = bench_mix(*sum, 7); break;
            }
        }
    }
    if (rc != SQLITE_DONE) *ok = 0;
    sqlite3_finalize(st);
    return rows;
}

static int64_t scalar(sqlite3 *db, const char *sql, int *ok) {
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        *ok = 0;
        return -1;
    }
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    else *ok = 0;
    sqlite3_finalize(st);
    return v;
}

#define ROWS 1000
static const char *const names[] = {"ada", "brook", "cyd", "dana", "eli", "fern", "gus", "hal", "ivy", "jo"};

static uint64_t bench_kernel(uint32_t size, int *ok) {
    uint64_t sum = 0;
    for (uint32_t r = 0; r < size; r++) {
        sqlite3 *db;
        if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
            *ok = 0;
            return 0;
        }
        exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;", ok);
        exec(db, "CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT, city INTEGER, score INTEGER, bio TEXT);"
                 "CREATE TABLE city(id INTEGER PRIMARY KEY, label TEXT, zone INTEGER);", ok);
        exec(db, "BEGIN", ok);
        sqlite3_stmt *ins;
        if (sqlite3_prepare_v2(db, "INSERT INTO person(name, city, score, bio) VALUES(?1, ?2, ?3, ?4)", -1, &ins,
                               NULL) != SQLITE_OK) {
            *ok = 0;
            sqlite3_close(db);
            return 0;
        }
        uint64_t rs = r;
        int64_t score_total = 0;
        char name[32], bio[96];
        for (int i = 0; i < ROWS; i++) {
            uint64_t x = bench_rand(&rs);
            int score = (int)(x % 1000);
            score_total += score;
            sqlite3_snprintf(sizeof name, name, "%s%d", names[x >> 20 & 7], (int)(x >> 32 & 1023));
            sqlite3_snprintf(sizeof bio, bio, "member %d of group %s, joined in round %u with note %llx", i,
                             names[(x >> 40) % 10], r, (unsigned long long)(x >> 8 & 0xffffff));
            sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(ins, 2, (int)(x >> 48 & 63));
            sqlite3_bind_int(ins, 3, score);
            sqlite3_bind_text(ins, 4, bio, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(ins) != SQLITE_DONE) *ok = 0;
            sqlite3_reset(ins);
        }
        sqlite3_finalize(ins);
        exec(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE i < 63) "
                 "INSERT INTO city SELECT i, 'city-' || i, i % 5 FROM n;", ok);
        exec(db, "COMMIT", ok);
        if (scalar(db, "SELECT count(*) FROM person", ok) != ROWS) *ok = 0;
        if (scalar(db, "SELECT sum(score) FROM person", ok) != score_total) *ok = 0;
        exec(db, "CREATE INDEX person_city ON person(city, score); CREATE INDEX person_name ON person(name);", ok);
        fold(db, "SELECT city, count(*), sum(score), min(score), max(score) FROM person GROUP BY city ORDER BY city",
             &sum, ok);
        fold(db, "SELECT c.zone, count(*), avg(p.score) FROM person p JOIN city c ON p.city = c.id "
                 "GROUP BY c.zone ORDER BY c.zone", &sum, ok);
        fold(db, "SELECT id, name, score FROM person ORDER BY score DESC, id LIMIT 50", &sum, ok);
        fold(db, "SELECT count(*) FROM person WHERE bio LIKE '%group eli%' AND score > 500", &sum, ok);
        fold(db, "SELECT name, count(*) AS n FROM person GROUP BY name HAVING n > 1 ORDER BY n DESC, name LIMIT 20",
             &sum, ok);
        for (int q = 0; q < 50; q++) {
            char sql[128];
            sqlite3_snprintf(sizeof sql, sql, "SELECT count(*), sum(score) FROM person WHERE city = %d AND score >= %d",
                             q % 64, (q * 37) % 1000);
            fold(db, sql, &sum, ok);
        }
        exec(db, "UPDATE person SET score = score + 1 WHERE city % 3 = 0", ok);
        exec(db, "DELETE FROM person WHERE score < 100", ok);
        int64_t left = scalar(db, "SELECT count(*) FROM person", ok);
        int64_t low = scalar(db, "SELECT count(*) FROM person WHERE score < 100", ok);
        if (low != 0 || left <= 0 || left >= ROWS) *ok = 0;
        sum = bench_mix(sum, (uint64_t)left);
        fold(db, "SELECT substr(bio, 1, 12), upper(name), length(bio) FROM person WHERE id % 97 = 0 ORDER BY id",
             &sum, ok);
        sqlite3_close(db);
    }
    return sum;
}

BENCH_MAIN("sqlite", 160, {1, 4063808835214833325ull}, {2, 9539480062644756327ull}, {160, 4168165623985736909ull})
