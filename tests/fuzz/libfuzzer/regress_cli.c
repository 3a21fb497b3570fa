/* Runs the `wisp` command on each regression input (tests/fuzz/libfuzzer/regress/): `wisp validate
 * FILE`, `wisp run FILE`, and `wisp run --invoke NAME FILE 0...` for each exported function of a
 * module that loads. Each must end by itself within 30 s (no signal) with a clean outcome: exit
 * 0, or 1/2 with a first stderr line "wisp: error: ...", or 134 with "trap: ...", and nothing
 * from a sanitizer.
 *   regress_cli WISP FILE_OR_DIR... */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wisp.h"

#define TIMEOUT_S 30
#define MAX_INVOKES 16

static const char *wisp_path;
static int failures, runs;

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        char *nb = realloc(buf, cap * 2 + 1);
        if (!nb) free(buf);
        buf = nb;
        cap *= 2;
    }
    if (buf) buf[n] = '\0';
    *len = n;
    return buf;
}

static void describe(char *const argv[]) {
    fputs("  command:", stderr);
    for (int i = 0; argv[i]; i++) fprintf(stderr, " '%s'", argv[i]);
    fputc('\n', stderr);
}

/* Runs argv with stdout discarded, stderr captured and a timeout; checks the outcome. */
static void check_run(char *const argv[]) {
    runs++;
    FILE *err = tmpfile();
    if (!err) {
        perror("tmpfile");
        failures++;
        return;
    }
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        failures++;
        fclose(err);
        return;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 1);
        }
        dup2(fileno(err), 2);
        alarm(TIMEOUT_S);
        execv(argv[0], argv);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0) {
    }
    size_t len;
    rewind(err);
    char *text = read_all(err, &len);
    fclose(err);
    const char *why = NULL;
    char buf[128];
    if (WIFSIGNALED(st)) {
        snprintf(buf, sizeof buf, "killed by signal %d%s", WTERMSIG(st), WTERMSIG(st) == SIGALRM ? " (timeout)" : "");
        why = buf;
    } else if (!text) {
        why = "cannot read its stderr";
    } else if (strstr(text, "Sanitizer") || strstr(text, "runtime error:")) {
        why = "a sanitizer report";
    } else {
        int code = WEXITSTATUS(st);
        if ((code == 1 || code == 2) && strncmp(text, "wisp: error: ", 13) != 0) why = "an error without 'wisp: error: '";
        if (code == 134 && strncmp(text, "trap: ", 6) != 0) why = "exit 134 without 'trap: '";
        if (code == 127) why = "could not execute";
    }
    if (why) {
        failures++;
        fprintf(stderr, "FAIL: %s\n", why);
        describe(argv);
        if (text) fprintf(stderr, "  stderr: %.2000s\n", text);
    }
    free(text);
}

static const char *zero_arg(uint8_t type) {
    switch (type) {
    case WISP_I32: case WISP_I64: case WISP_F32: case WISP_F64: return "0";
    case WISP_FUNCREF: case WISP_EXTERNREF: return "null";
    default: return NULL;
    }
}

static void check_file(struct wisp_engine *engine, const char *path) {
    char *validate[] = {(char *)wisp_path, "validate", (char *)path, NULL};
    check_run(validate);
    char *run[] = {(char *)wisp_path, "run", (char *)path, NULL};
    check_run(run);

    FILE *f = fopen(path, "rb");
    if (!f) return;
    size_t len;
    char *bytes = read_all(f, &len);
    fclose(f);
    if (!bytes) return;
    struct wisp_module *m = NULL;
    struct wisp_result r = wisp_module_new(engine, (const uint8_t *)bytes, len, &m);
    wisp_result_free(&r);
    free(bytes);
    if (!m) {
        char *inv[] = {(char *)wisp_path, "run", "--invoke", "f", (char *)path, NULL};
        check_run(inv);
        return;
    }
    size_t n = wisp_module_export_count(m);
    int invokes = 0;
    for (size_t i = 0; i < n && invokes < MAX_INVOKES; i++) {
        struct wisp_export_desc d;
        if (!wisp_module_export(m, i, &d) || d.type.kind != WISP_EXTERN_FUNC || strlen(d.name) != d.name_len) continue;
        const struct wisp_functype *ft = &d.type.of.func;
        char **argv = calloc((size_t)ft->param_count + 6, sizeof *argv);
        if (!argv) break;
        argv[0] = (char *)wisp_path;
        argv[1] = "run";
        argv[2] = "--invoke";
        argv[3] = (char *)d.name;
        argv[4] = (char *)path;
        bool ok = true;
        for (uint32_t k = 0; k < ft->param_count; k++) ok = ok && (argv[5 + k] = (char *)zero_arg(ft->params[k]));
        if (ok) {
            check_run(argv);
            invokes++;
        }
        free(argv);
    }
    wisp_module_free(m);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s WISP FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    wisp_path = argv[1];
    struct wisp_engine *engine = wisp_engine_new(NULL);
    if (!engine) return 1;
    int files = 0;
    for (int i = 2; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            failures++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            check_file(engine, argv[i]);
            files++;
            continue;
        }
        struct dirent **list;
        int n = scandir(argv[i], &list, NULL, alphasort);
        for (int k = 0; k < n; k++) {
            if (list[k]->d_name[0] != '.') {
                size_t plen = strlen(argv[i]) + strlen(list[k]->d_name) + 2;
                char *p = malloc(plen);
                if (p) {
                    snprintf(p, plen, "%s/%s", argv[i], list[k]->d_name);
                    check_file(engine, p);
                    files++;
                    free(p);
                }
            }
            free(list[k]);
        }
        if (n >= 0) free(list);
    }
    wisp_engine_free(engine);
    printf("%d files, %d runs of wisp, %d failures\n", files, runs, failures);
    return failures ? 1 : 0;
}
