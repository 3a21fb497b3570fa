/* sqlsh: a small SQLite shell, the "real program" run under `wisp run` by the tests: built from
 * the same C sources (this file and SQLite's amalgamation) to wasm32-wasi and natively, it must
 * print exactly the same thing in both.
 *   sqlsh DATABASE [SCRIPT]     runs SCRIPT (default: standard input) against DATABASE
 * The input is SQL statements ending in ';' and a few dot commands at the start of a line:
 *   .print TEXT   .tables   .schema [TABLE]   .headers on|off   .changes on|off
 * Rows print as values separated by '|', NULL as "NULL". An error prints "Error: near line N: ..."
 * on standard output (so it is compared too) and the shell goes on; the exit status is 1 if any
 * statement failed, 2 if the database or script cannot be opened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"

struct shell {
    sqlite3 *db;
    int headers;
    int changes;
    int errors;
};

static int print_row(void *ud, int n, char **values, char **names) {
    struct shell *sh = ud;
    (void)sh;
    (void)names;
    for (int i = 0; i < n; i++) printf("%s%s", i ? "|" : "", values[i] ? values[i] : "NULL");
    printf("\n");
    return 0;
}

/* Runs every statement of sql, printing rows (and column names if headers are on). */
static void run_sql(struct shell *sh, const char *sql, int line) {
    const char *tail = sql;
    while (tail && *tail) {
        sqlite3_stmt *st = NULL;
        const char *next = NULL;
        int rc = sqlite3_prepare_v2(sh->db, tail, -1, &st, &next);
        if (rc != SQLITE_OK) {
            printf("Error: near line %d: %s\n", line, sqlite3_errmsg(sh->db));
            sh->errors++;
            return;
        }
        if (!st) { /* whitespace or a comment */
            tail = next;
            continue;
        }
        int cols = sqlite3_column_count(st), first = 1;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (first && sh->headers) {
                for (int i = 0; i < cols; i++) printf("%s%s", i ? "|" : "", sqlite3_column_name(st, i));
                printf("\n");
            }
            first = 0;
            for (int i = 0; i < cols; i++) {
                const unsigned char *v = sqlite3_column_text(st, i);
                if (sqlite3_column_type(st, i) == SQLITE_BLOB) {
                    const unsigned char *b = sqlite3_column_blob(st, i);
                    int nb = sqlite3_column_bytes(st, i);
                    printf("%sx'", i ? "|" : "");
                    for (int k = 0; k < nb; k++) printf("%02x", b[k]);
                    printf("'");
                } else {
                    printf("%s%s", i ? "|" : "", v ? (const char *)v : "NULL");
                }
            }
            printf("\n");
        }
        if (rc != SQLITE_DONE) {
            printf("Error: near line %d: %s\n", line, sqlite3_errmsg(sh->db));
            sh->errors++;
        } else if (sh->changes && cols == 0) {
            printf("changes: %d   total_changes: %d\n", sqlite3_changes(sh->db), sqlite3_total_changes(sh->db));
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return;
        tail = next;
    }
}

static void dot_command(struct shell *sh, char *cmd, int line) {
    size_t n = strlen(cmd);
    while (n && (cmd[n - 1] == '\n' || cmd[n - 1] == '\r' || cmd[n - 1] == ' ')) cmd[--n] = '\0';
    char *arg = strchr(cmd, ' ');
    if (arg) {
        *arg++ = '\0';
        while (*arg == ' ') arg++;
    }
    if (strcmp(cmd, ".print") == 0) {
        printf("%s\n", arg ? arg : "");
    } else if (strcmp(cmd, ".tables") == 0) {
        char *err = NULL;
        sqlite3_exec(sh->db, "SELECT name FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE "
                             "'sqlite_%' ORDER BY 1", print_row, sh, &err);
        sqlite3_free(err);
    } else if (strcmp(cmd, ".schema") == 0) {
        char *q = sqlite3_mprintf("SELECT sql || ';' FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE "
                                  "'sqlite_%%' AND (%Q IS NULL OR tbl_name = %Q) ORDER BY tbl_name, type DESC, name",
                                  arg, arg);
        char *err = NULL;
        sqlite3_exec(sh->db, q, print_row, sh, &err);
        sqlite3_free(err);
        sqlite3_free(q);
    } else if (strcmp(cmd, ".headers") == 0 || strcmp(cmd, ".changes") == 0) {
        int on = arg && strcmp(arg, "on") == 0;
        if (cmd[1] == 'h') sh->headers = on;
        else sh->changes = on;
    } else {
        printf("Error: near line %d: unknown command %s\n", line, cmd);
        sh->errors++;
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: sqlsh DATABASE [SCRIPT]\n");
        return 2;
    }
    FILE *in = argc == 3 ? fopen(argv[2], "r") : stdin;
    if (!in) {
        fprintf(stderr, "sqlsh: cannot open %s\n", argv[2]);
        return 2;
    }
    struct shell sh = {0};
    if (sqlite3_open(argv[1], &sh.db) != SQLITE_OK) {
        fprintf(stderr, "sqlsh: cannot open %s: %s\n", argv[1], sqlite3_errmsg(sh.db));
        return 2;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap), linebuf[4096];
    int line = 0, start = 0;
    buf[0] = '\0';
    while (fgets(linebuf, sizeof linebuf, in)) {
        line++;
        if (len == 0 && linebuf[0] == '.') {
            dot_command(&sh, linebuf, line);
            continue;
        }
        if (len == 0 && strncmp(linebuf, "--", 2) == 0) continue; /* a comment line between statements */
        size_t l = strlen(linebuf);
        if (len + l + 1 > cap) {
            while (len + l + 1 > cap) cap *= 2;
            buf = realloc(buf, cap);
        }
        if (len == 0) start = line;
        memcpy(buf + len, linebuf, l + 1);
        len += l;
        if (sqlite3_complete(buf)) {
            run_sql(&sh, buf, start);
            len = 0;
            buf[0] = '\0';
        }
    }
    if (len && strspn(buf, " \t\r\n") != len) {
        printf("Error: near line %d: incomplete SQL at the end of the input\n", start);
        sh.errors++;
    }
    free(buf);
    if (in != stdin) fclose(in);
    if (sqlite3_close(sh.db) != SQLITE_OK) {
        printf("Error: cannot close the database\n");
        sh.errors++;
    }
    fflush(stdout);
    return sh.errors ? 1 : 0;
}
