/* Unit tests of WASI: the sandbox resolver driven directly, with both resolvers (openat2 and the
 * component walk) - `..` chains, absolute paths, symlinks leading out, loops, NUL, long paths, a
 * directory swapped for a symlink between calls and during calls - then WASI calls made through
 * the linker from a module built at test time with wat2wasm (every import with its exact
 * signature, guest-pointer checks, rights, read-only preopens, fd_readdir cookies, poll, exit). */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "wasi/wasi_internal.h"
#include "wisp.h"
#include "wisp_wasi.h"

static char tmp[256]; /* the test's scratch directory: tmp/root is the sandbox, tmp/outside is not */

static void put_file(const char *rel, const char *text) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmp, rel);
    FILE *f = fopen(p, "w");
    if (!f) {
        perror(p);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

static void mk(const char *rel) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmp, rel);
    if (mkdir(p, 0755) != 0) perror(p);
}

static void ln(const char *target, const char *rel) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmp, rel);
    if (symlink(target, p) != 0) perror(p);
}

static void setup_tree(void) {
    mk("root");
    mk("outside");
    put_file("outside/secret", "SECRET");
    mk("root/sub");
    mk("root/sub/deeper");
    put_file("root/sub/file.txt", "inside");
    ln("sub", "root/link_in");
    ln("../outside", "root/link_out");
    ln("/etc", "root/link_abs");
    ln("loop2", "root/loop1");
    ln("loop1", "root/loop2");
    ln("self", "root/self");
    ln("..", "root/sub/up");
    ln("../..", "root/sub/upup");
    ln("nowhere", "root/dangling");
    ln("sub/file.txt", "root/file_link");
    mk("root/race");
    mk("root/race/d");
    put_file("root/race/d/f", "inside");
    ln("../../outside", "root/race/dl");
    put_file("outside/f", "SECRET");
}

static void rm_tree(void) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmp);
}

/* Opens path beneath root and returns the first bytes read ("" for a directory), or NULL with
 * *err set. */
static const char *open_read(struct wisp_wasi *w, int root, const char *path, size_t len, bool follow,
                             uint16_t *err) {
    static char buf[64];
    int fd = -1;
    *err = wasi_resolve_open(w, root, path, len, O_RDONLY, 0, follow, &fd);
    if (*err) return NULL;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static uint16_t open_err(struct wisp_wasi *w, int root, const char *path, bool follow) {
    uint16_t err;
    open_read(w, root, path, strlen(path), follow, &err);
    return err;
}

static bool open_is(struct wisp_wasi *w, int root, const char *path, const char *want) {
    uint16_t err;
    const char *got = open_read(w, root, path, strlen(path), true, &err);
    if (!got) fprintf(stderr, "  open %s: wasi errno %u\n", path, err);
    return got && strcmp(got, want) == 0;
}

static uint16_t parent(struct wisp_wasi *w, int root, const char *path, bool follow, char *name, size_t cap) {
    struct wasi_at at;
    uint16_t err = wasi_resolve_parent(w, root, path, strlen(path), follow, &at);
    if (!err) {
        snprintf(name, cap, "%s%s", at.name, at.must_dir ? "/" : "");
        wasi_at_release(w, &at);
    }
    return err;
}

/* ---- the resolver ---- */

static void test_resolver(struct wisp_engine *e, int resolver) {
    char name[300], name_buf[300];
    struct wisp_wasi *w = wisp_wasi_new(e);
    CHECK(w != NULL);
    w->resolver = resolver;
    char p[512];
    snprintf(p, sizeof p, "%s/root", tmp);
    int root = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    CHECK(root >= 0);

    /* Inside the sandbox. */
    CHECK(open_is(w, root, "sub/file.txt", "inside"));
    CHECK(open_is(w, root, "./sub//./file.txt", "inside"));
    CHECK(open_is(w, root, "sub/../sub/deeper/../file.txt", "inside"));
    CHECK(open_is(w, root, "link_in/file.txt", "inside"));
    CHECK(open_is(w, root, "file_link", "inside"));
    CHECK(open_is(w, root, "sub/up/sub/file.txt", "inside"));
    CHECK(open_is(w, root, ".", ""));
    CHECK(open_is(w, root, "sub/..", ""));

    /* `..` chains, absolute paths. */
    CHECK(open_err(w, root, "..", true) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "../outside/secret", true) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "sub/../../outside/secret", true) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "sub/deeper/../../../outside/secret", true) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "/etc/passwd", true) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "//etc/passwd", true) == WASI_ENOTCAPABLE);
    /* Symlinks leading out, relative and absolute, in the middle and at the end. */
    CHECK(open_err(w, root, "link_out/secret", true) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "link_abs/passwd", true) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "link_abs", true) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "sub/upup/outside/secret", true) == WASI_ENOTCAPABLE);
    /* Loops, dangling links, no-follow. */
    CHECK(open_err(w, root, "loop1", true) == WASI_ELOOP);
    CHECK(open_err(w, root, "loop1/x", true) == WASI_ELOOP);
    CHECK(open_err(w, root, "self", true) == WASI_ELOOP);
    CHECK(open_err(w, root, "dangling", true) == WASI_ENOENT);
    CHECK(open_err(w, root, "file_link", false) == WASI_ELOOP);
    CHECK(open_err(w, root, "link_out", false) == WASI_ELOOP);
    CHECK(open_err(w, root, "sub/file.txt/", true) == WASI_ENOTDIR);
    CHECK(open_err(w, root, "link_in/", false) == 0); /* a trailing slash follows, as in POSIX */
    CHECK(open_err(w, root, "link_out/", false) == WASI_ENOTCAPABLE);
    CHECK(open_err(w, root, "missing/x", true) == WASI_ENOENT);
    CHECK(open_err(w, root, "", true) == WASI_ENOENT);
    /* NUL inside the path. */
    uint16_t err;
    CHECK(open_read(w, root, "sub\0/file.txt", 13, true, &err) == NULL && err == WASI_EINVAL);

    /* Long paths: up to 64 KiB are resolved (past the kernel's PATH_MAX by the walk, one component
     * at a time); longer ones are refused cleanly. */
    size_t big = WASI_PATH_MAX;
    char *lp = malloc(big + 64);
    CHECK(lp != NULL);
    for (size_t i = 0; i + 2 <= big; i += 2) memcpy(lp + i, "./", 2);
    memcpy(lp + big - 12, "sub/file.txt", 13);
    const char *got = open_read(w, root, lp, big, true, &err);
    CHECK(got && strcmp(got, "inside") == 0);
    for (size_t i = 0; i + 2 <= big + 2; i += 2) memcpy(lp + i, "./", 2);
    memcpy(lp + big + 2 - 12, "sub/file.txt", 13);
    CHECK(open_read(w, root, lp, big + 2, true, &err) == NULL && err == WASI_ENAMETOOLONG);
    for (size_t i = 0; i + 3 <= big; i += 3) memcpy(lp + i, "../", 3);
    lp[big - big % 3] = '\0';
    CHECK(open_read(w, root, lp, big - big % 3, true, &err) == NULL && err == WASI_ENOTCAPABLE);
    /* Out and back in: sub/.. repeated, then the file, just past PATH_MAX. */
    size_t n = 0;
    while (n < 5000) {
        memcpy(lp + n, "sub/../", 7);
        n += 7;
    }
    memcpy(lp + n, "link_in/file.txt", 17);
    got = open_read(w, root, lp, n + 16, true, &err);
    CHECK(got && strcmp(got, "inside") == 0);
    CHECK(parent(w, root, lp, false, name_buf, sizeof name_buf) == 0 && strcmp(name_buf, "file.txt") == 0);
    memcpy(lp + n, "link_out/secret", 16);
    CHECK(open_read(w, root, lp, n + 15, true, &err) == NULL && err == WASI_ENOTCAPABLE);
    /* A component longer than NAME_MAX. */
    memset(lp, 'a', 300);
    lp[300] = '\0';
    CHECK(open_read(w, root, lp, 300, true, &err) == NULL && err == WASI_ENAMETOOLONG);
    free(lp);

    /* Parent resolution: the final name is never "..", a symlink only without follow. */
    CHECK(parent(w, root, "sub/file.txt", false, name, sizeof name) == 0 && strcmp(name, "file.txt") == 0);
    CHECK(parent(w, root, "sub/deeper/", false, name, sizeof name) == 0 && strcmp(name, "deeper/") == 0);
    CHECK(parent(w, root, "sub/..", false, name, sizeof name) == 0 && strcmp(name, ".") == 0);
    CHECK(parent(w, root, "..", false, name, sizeof name) == WASI_ENOTCAPABLE);
    CHECK(parent(w, root, "sub/../..", false, name, sizeof name) == WASI_ENOTCAPABLE);
    CHECK(parent(w, root, "link_out", false, name, sizeof name) == 0 && strcmp(name, "link_out") == 0);
    CHECK(parent(w, root, "link_out", true, name, sizeof name) == WASI_ENOTCAPABLE);
    CHECK(parent(w, root, "link_abs", true, name, sizeof name) == WASI_ENOTCAPABLE);
    CHECK(parent(w, root, "file_link", true, name, sizeof name) == 0 && strcmp(name, "file.txt") == 0);
    CHECK(parent(w, root, "loop1", true, name, sizeof name) == WASI_ELOOP);
    CHECK(parent(w, root, "link_out/secret", false, name, sizeof name) == WASI_ENOTCAPABLE);
    CHECK(parent(w, root, "/x", false, name, sizeof name) == WASI_ENOTCAPABLE);
    CHECK(parent(w, root, "newfile", false, name, sizeof name) == 0 && strcmp(name, "newfile") == 0);

    /* A directory swapped for a symlink between two calls. */
    snprintf(p, sizeof p, "%s/root/race/d", tmp);
    char q[512];
    snprintf(q, sizeof q, "%s/root/race/dl", tmp);
    CHECK(open_is(w, root, "race/d/f", "inside"));
    CHECK(renameat2(AT_FDCWD, p, AT_FDCWD, q, RENAME_EXCHANGE) == 0);
    CHECK(open_err(w, root, "race/d/f", true) == WASI_ENOTCAPABLE);
    CHECK(parent(w, root, "race/d/f", false, name, sizeof name) == WASI_ENOTCAPABLE);
    CHECK(open_is(w, root, "race/dl/f", "inside"));
    CHECK(renameat2(AT_FDCWD, p, AT_FDCWD, q, RENAME_EXCHANGE) == 0);
    CHECK(open_is(w, root, "race/d/f", "inside"));

    close(root);
    wisp_wasi_free(w);
}

/* A child process swaps race/d (a directory) and race/dl (a symlink leading out) as fast as it
 * can while we resolve race/d/f: every success must have read the inside file. */
static void test_race(struct wisp_engine *e, int resolver) {
    struct wisp_wasi *w = wisp_wasi_new(e);
    w->resolver = resolver;
    char p[512], q[512];
    snprintf(p, sizeof p, "%s/root", tmp);
    int root = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    snprintf(p, sizeof p, "%s/root/race/d", tmp);
    snprintf(q, sizeof q, "%s/root/race/dl", tmp);
    struct stat secret;
    char sp[512];
    snprintf(sp, sizeof sp, "%s/outside/f", tmp);
    CHECK(stat(sp, &secret) == 0);

    pid_t child = fork();
    if (child == 0) {
        /* At most ~2 s, in case the parent dies. */
        for (long i = 0; i < 2000000; i++) renameat2(AT_FDCWD, p, AT_FDCWD, q, RENAME_EXCHANGE);
        _exit(0);
    }
    CHECK(child > 0);
    int ok = 0, refused = 0, escaped = 0;
    for (int i = 0; i < 3000; i++) {
        uint16_t err;
        const char *got = open_read(w, root, "race/d/f", 8, true, &err);
        if (got && strcmp(got, "inside") == 0) ok++;
        else if (got) escaped++;
        else refused++;
        struct wasi_at at;
        if (wasi_resolve_parent(w, root, "race/d/f", 8, true, &at) == 0) {
            struct stat st;
            if (fstatat(at.dirfd, at.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_ino == secret.st_ino &&
                st.st_dev == secret.st_dev)
                escaped++;
            wasi_at_release(w, &at);
        }
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK(escaped == 0);
    CHECK(ok + refused == 3000);
    /* Leave the tree as it was (d a directory). */
    struct stat st;
    if (lstat(p, &st) == 0 && S_ISLNK(st.st_mode)) renameat2(AT_FDCWD, p, AT_FDCWD, q, RENAME_EXCHANGE);
    close(root);
    wisp_wasi_free(w);
}

/* ---- calls through the linker ---- */

/* The 46 functions with their parameter types as wasi-libc's <wasi/api.h> declares them
 * (pointers, sizes, fds and flags are i32; 64-bit values i64), written out independently of
 * src/wasi/define.c so that a wrong signature there fails to link here. */
static const char *const all_funcs[46][2] = {
    {"args_get", "ii"}, {"args_sizes_get", "ii"}, {"environ_get", "ii"}, {"environ_sizes_get", "ii"},
    {"clock_res_get", "ii"}, {"clock_time_get", "iIi"}, {"fd_advise", "iIIi"}, {"fd_allocate", "iII"},
    {"fd_close", "i"}, {"fd_datasync", "i"}, {"fd_fdstat_get", "ii"}, {"fd_fdstat_set_flags", "ii"},
    {"fd_fdstat_set_rights", "iII"}, {"fd_filestat_get", "ii"}, {"fd_filestat_set_size", "iI"},
    {"fd_filestat_set_times", "iIIi"}, {"fd_pread", "iiiIi"}, {"fd_prestat_get", "ii"},
    {"fd_prestat_dir_name", "iii"}, {"fd_pwrite", "iiiIi"}, {"fd_read", "iiii"}, {"fd_readdir", "iiiIi"},
    {"fd_renumber", "ii"}, {"fd_seek", "iIii"}, {"fd_sync", "i"}, {"fd_tell", "ii"}, {"fd_write", "iiii"},
    {"path_create_directory", "iii"}, {"path_filestat_get", "iiiii"}, {"path_filestat_set_times", "iiiiIIi"},
    {"path_link", "iiiiiii"}, {"path_open", "iiiiiIIii"}, {"path_readlink", "iiiiii"},
    {"path_remove_directory", "iii"}, {"path_rename", "iiiiii"}, {"path_symlink", "iiiii"},
    {"path_unlink_file", "iii"}, {"poll_oneoff", "iiii"}, {"proc_exit", "i"}, {"proc_raise", "i"},
    {"sched_yield", ""}, {"random_get", "ii"}, {"sock_accept", "iii"}, {"sock_recv", "iiiiii"},
    {"sock_send", "iiiii"}, {"sock_shutdown", "ii"},
};

/* Writes a module importing all 46 functions and exporting "w_NAME" wrappers that forward their
 * arguments, plus _start (writes "hello\n" to fd 1 and exits 7) and "deep" (exits from three
 * calls down). */
static bool build_module(const char *wat, const char *wasm) {
    FILE *f = fopen(wat, "w");
    if (!f) return false;
    fprintf(f, "(module\n");
    for (int i = 0; i < 46; i++) {
        const char *n = all_funcs[i][0], *s = all_funcs[i][1];
        fprintf(f, "  (import \"wasi_snapshot_preview1\" \"%s\" (func $%s (param", n, n);
        for (const char *c = s; *c; c++) fprintf(f, " %s", *c == 'I' ? "i64" : "i32");
        fprintf(f, ")%s))\n", strcmp(n, "proc_exit") == 0 ? "" : " (result i32)");
    }
    fprintf(f, "  (memory (export \"memory\") 1)\n");
    fprintf(f, "  (data (i32.const 1024) \"hello\\n\")\n");
    for (int i = 0; i < 46; i++) {
        const char *n = all_funcs[i][0], *s = all_funcs[i][1];
        fprintf(f, "  (func (export \"w_%s\") (param", n);
        for (const char *c = s; *c; c++) fprintf(f, " %s", *c == 'I' ? "i64" : "i32");
        fprintf(f, ")%s\n   ", strcmp(n, "proc_exit") == 0 ? "" : " (result i32)");
        for (size_t k = 0; k < strlen(s); k++) fprintf(f, " local.get %zu", k);
        fprintf(f, " call $%s)\n", n);
    }
    fprintf(f, "  (func (export \"_start\")\n"
               "    (i32.store (i32.const 0) (i32.const 1024)) (i32.store (i32.const 4) (i32.const 6))\n"
               "    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))\n"
               "    (call $proc_exit (i32.const 7)) unreachable)\n"
               "  (func $d3 (call $proc_exit (i32.const 42)) unreachable)\n"
               "  (func $d2 (call $d3) unreachable)\n"
               "  (func (export \"deep\") (result i32) (call $d2) (i32.const 0))\n"
               ")\n");
    fclose(f);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "wat2wasm '%s' -o '%s'", wat, wasm);
    return system(cmd) == 0;
}

static uint8_t *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *b = malloc((size_t)n);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

struct env {
    struct wisp_engine *engine;
    struct wisp_module *module;
    struct wisp_store *store;
    struct wisp_linker *linker;
    struct wisp_instance *inst;
    struct wisp_wasi *wasi;
    struct wisp_memory *mem;
};

static bool env_new2(struct env *v, struct wisp_engine *e, struct wisp_module *m, struct wisp_wasi *w, bool quiet) {
    memset(v, 0, sizeof *v);
    v->engine = e;
    v->module = m;
    v->wasi = w;
    v->store = wisp_store_new(e);
    v->linker = wisp_linker_new(v->store);
    struct wisp_result r = wisp_wasi_define(w, v->linker);
    bool ok = r.kind == WISP_OK;
    wisp_result_free(&r);
    r = wisp_linker_instantiate(v->linker, m, &v->inst);
    if (r.kind != WISP_OK && !quiet) fprintf(stderr, "instantiate: %s\n", r.message ? r.message : "?");
    ok = ok && r.kind == WISP_OK;
    wisp_result_free(&r);
    struct wisp_extern ext;
    if (ok && wisp_instance_export(v->inst, "memory", &ext)) v->mem = ext.of.memory;
    return ok && v->mem;
}

static bool env_new(struct env *v, struct wisp_engine *e, struct wisp_module *m, struct wisp_wasi *w) {
    return env_new2(v, e, m, w, false);
}

static void env_free(struct env *v) {
    wisp_linker_free(v->linker);
    wisp_store_free(v->store);
    wisp_wasi_free(v->wasi);
}

/* Calls w_NAME with the arguments given as int64s (typed by the signature table); returns the
 * errno result, or -1 if the call did not return normally. */
static int call(struct env *v, const char *name, ...) {
    const char *sig = NULL;
    for (int i = 0; i < 46; i++)
        if (strcmp(all_funcs[i][0], name) == 0) sig = all_funcs[i][1];
    if (!sig) return -2;
    struct wisp_value args[16], res;
    va_list ap;
    va_start(ap, name);
    size_t n = strlen(sig);
    for (size_t i = 0; i < n; i++) {
        memset(&args[i], 0, sizeof args[i]);
        long long x = va_arg(ap, long long);
        if (sig[i] == 'I') {
            args[i].type = WISP_I64;
            args[i].of.i64 = x;
        } else {
            args[i].type = WISP_I32;
            args[i].of.i32 = (int32_t)x;
        }
    }
    va_end(ap);
    char ename[64];
    snprintf(ename, sizeof ename, "w_%s", name);
    struct wisp_result r = wisp_instance_call(v->inst, ename, args, n, &res, strcmp(name, "proc_exit") ? 1 : 0);
    int out = r.kind == WISP_OK ? res.of.i32 : -1;
    wisp_result_free(&r);
    return out;
}
#define A(x) ((long long)(x))

static uint8_t *mem(struct env *v) { return wisp_memory_data(v->mem); }
static uint32_t ld32(struct env *v, uint32_t at) { return wasi_ld32(mem(v) + at); }
static uint64_t ld64(struct env *v, uint32_t at) { return wasi_ld64(mem(v) + at); }
static void put_str(struct env *v, uint32_t at, const char *s) { memcpy(mem(v) + at, s, strlen(s)); }
/* Writes an iovec {buf, len} at `at`. */
static void put_iov(struct env *v, uint32_t at, uint32_t buf, uint32_t len) {
    wasi_st32(mem(v) + at, buf);
    wasi_st32(mem(v) + at + 4, len);
}

static int path_open(struct env *v, uint32_t dirfd, const char *path, uint32_t oflags, uint64_t rights,
                     uint32_t fdflags) {
    put_str(v, 2048, path);
    int r = call(v, "path_open", A(dirfd), A(1), A(2048), A(strlen(path)), A(oflags), A(rights), A(rights),
                 A(fdflags), A(4000));
    return r == 0 ? (int)ld32(v, 4000) : -r;
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Builds and compiles the all-functions module. */
static struct wisp_module *load_module(struct wisp_engine *e) {
    char wat[400], wasm[400];
    snprintf(wat, sizeof wat, "%s/all.wat", tmp);
    snprintf(wasm, sizeof wasm, "%s/all.wasm", tmp);
    CHECK(build_module(wat, wasm));
    size_t len = 0;
    uint8_t *bytes = read_all(wasm, &len);
    CHECK(bytes != NULL);
    if (!bytes) return NULL;
    struct wisp_module *m = NULL;
    struct wisp_result r = wisp_module_new(e, bytes, len, &m);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    free(bytes);
    return m;
}

static void test_calls(struct wisp_engine *e, struct wisp_module *m) {
    char wat[400], wasm[400];
    size_t len = 0;
    uint8_t *bytes;
    struct wisp_result r;

    struct wisp_wasi *w = wisp_wasi_new(e);
    char p[512];
    snprintf(p, sizeof p, "%s/root", tmp);
    r = wisp_wasi_preopen_dir(w, p, "/sandbox", 0);
    CHECK(r.kind == WISP_OK);
    snprintf(p, sizeof p, "%s/root/sub", tmp);
    r = wisp_wasi_preopen_dir(w, p, "ro", WISP_WASI_DIR_READONLY);
    CHECK(r.kind == WISP_OK);
    r = wisp_wasi_preopen_dir(w, "/nonexistent-dir", "x", 0);
    CHECK(r.kind == WISP_ERROR && r.message && strstr(r.message, "nonexistent"));
    wisp_result_free(&r);
    snprintf(p, sizeof p, "%s/root/sub/file.txt", tmp);
    r = wisp_wasi_preopen_dir(w, p, "x", 0);
    CHECK(r.kind == WISP_ERROR && r.message && strstr(r.message, "not a directory"));
    wisp_result_free(&r);
    const char *argv[] = {"prog", "one", "two"};
    r = wisp_wasi_set_args(w, 3, argv);
    CHECK(r.kind == WISP_OK);
    r = wisp_wasi_add_env(w, "A", "1");
    CHECK(r.kind == WISP_OK);
    r = wisp_wasi_add_env(w, "B=", "1");
    CHECK(r.kind == WISP_ERROR);
    wisp_result_free(&r);
    CHECK(wisp_wasi_capture_output(w, 1).kind == WISP_OK);
    CHECK(wisp_wasi_set_stdin_buffer(w, "abc", 3).kind == WISP_OK);
    struct env v;
    CHECK(env_new(&v, e, m, w));

    /* _start: output captured, exit code through the result. */
    r = wisp_instance_call(v.inst, "_start", NULL, 0, NULL, 0);
    CHECK(r.kind == WISP_EXIT && r.exit_code == 7);
    wisp_result_free(&r);
    size_t olen;
    const uint8_t *out = wisp_wasi_output(w, 1, &olen);
    CHECK(out && olen == 6 && memcmp(out, "hello\n", 6) == 0);
    CHECK(wisp_wasi_output(w, 2, &olen) == NULL);
    struct wisp_value res;
    r = wisp_instance_call(v.inst, "deep", NULL, 0, &res, 1);
    CHECK(r.kind == WISP_EXIT && r.exit_code == 42);
    wisp_result_free(&r);

    /* args, environ. */
    CHECK(call(&v, "args_sizes_get", A(0), A(4)) == 0 && ld32(&v, 0) == 3 && ld32(&v, 4) == 13);
    CHECK(call(&v, "args_get", A(100), A(200)) == 0 && ld32(&v, 104) == 205 &&
          memcmp(mem(&v) + 200, "prog\0one\0two\0", 13) == 0);
    CHECK(call(&v, "environ_sizes_get", A(0), A(4)) == 0 && ld32(&v, 0) == 1 && ld32(&v, 4) == 4);
    CHECK(call(&v, "environ_get", A(100), A(200)) == 0 && memcmp(mem(&v) + 200, "A=1", 4) == 0);
    CHECK(call(&v, "args_get", A(65534), A(200)) == WASI_EFAULT);
    CHECK(call(&v, "args_sizes_get", A(65535), A(4)) == WASI_EFAULT);

    /* Guest pointers: every one range-checked, with wrap-around. */
    put_iov(&v, 0, 1024, 6);
    CHECK(call(&v, "fd_write", A(1), A(0), A(1), A(8)) == 0 && ld32(&v, 8) == 6);
    CHECK(call(&v, "fd_write", A(1), A(65532), A(1), A(8)) == WASI_EFAULT);  /* iovec half outside */
    CHECK(call(&v, "fd_write", A(1), A(0), A(0x20000000), A(8)) == WASI_EFAULT); /* iovec count */
    put_iov(&v, 16, 0xfffffff0u, 0x20);
    CHECK(call(&v, "fd_write", A(1), A(16), A(1), A(8)) == WASI_EFAULT);      /* buf + len wraps */
    put_iov(&v, 16, 65530, 7);
    CHECK(call(&v, "fd_write", A(1), A(16), A(1), A(8)) == WASI_EFAULT);      /* buf past the end */
    put_iov(&v, 16, 65536, 0);
    CHECK(call(&v, "fd_write", A(1), A(16), A(1), A(8)) == 0 && ld32(&v, 8) == 0); /* empty at the end */
    CHECK(call(&v, "fd_write", A(1), A(0), A(1), A(65533)) == WASI_EFAULT);   /* result pointer */
    CHECK(call(&v, "random_get", A(65530), A(10)) == WASI_EFAULT);
    CHECK(call(&v, "random_get", A(0), A(65536)) == 0);
    CHECK(call(&v, "clock_time_get", A(0), A(0), A(65529)) == WASI_EFAULT);
    CHECK(call(&v, "clock_time_get", A(9), A(0), A(0)) == WASI_EINVAL);
    CHECK(call(&v, "fd_write", A(77), A(0), A(1), A(8)) == WASI_EBADF);
    CHECK(call(&v, "fd_write", A(-1), A(0), A(1), A(8)) == WASI_EBADF);
    CHECK(call(&v, "proc_raise", A(6)) == WASI_ENOSYS);
    CHECK(call(&v, "sched_yield") == 0);
    CHECK(call(&v, "sock_accept", A(1), A(0), A(0)) == WASI_ENOTSOCK);

    /* stdin from a buffer. */
    put_iov(&v, 0, 300, 10);
    CHECK(call(&v, "fd_read", A(0), A(0), A(1), A(8)) == 0 && ld32(&v, 8) == 3 &&
          memcmp(mem(&v) + 300, "abc", 3) == 0);
    CHECK(call(&v, "fd_read", A(0), A(0), A(1), A(8)) == 0 && ld32(&v, 8) == 0);
    CHECK(call(&v, "fd_seek", A(0), A(0), A(0), A(8)) == WASI_ESPIPE);

    /* Preopens. */
    CHECK(call(&v, "fd_prestat_get", A(3), A(0)) == 0 && mem(&v)[0] == 0 && ld32(&v, 4) == 8);
    CHECK(call(&v, "fd_prestat_dir_name", A(3), A(100), A(8)) == 0 && memcmp(mem(&v) + 100, "/sandbox", 8) == 0);
    CHECK(call(&v, "fd_prestat_dir_name", A(3), A(100), A(3)) == WASI_ENAMETOOLONG);
    CHECK(call(&v, "fd_prestat_get", A(5), A(0)) == WASI_EBADF);
    CHECK(call(&v, "fd_prestat_get", A(1), A(0)) == WASI_EBADF);

    /* path_open: errors, rights, read-only. */
    uint64_t rd = WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_FILESTAT_GET;
    uint64_t rw = rd | WASI_RIGHT_FD_WRITE;
    int fd = path_open(&v, 3, "sub/file.txt", 0, rd, 0);
    CHECK(fd >= 5);
    put_iov(&v, 0, 300, 10);
    CHECK(call(&v, "fd_read", A(fd), A(0), A(1), A(8)) == 0 && ld32(&v, 8) == 6);
    CHECK(call(&v, "fd_write", A(fd), A(0), A(1), A(8)) == WASI_ENOTCAPABLE);
    CHECK(call(&v, "fd_tell", A(fd), A(8)) == WASI_ENOTCAPABLE);
    CHECK(call(&v, "fd_seek", A(fd), A(0), A(0), A(8)) == 0);
    CHECK(call(&v, "fd_fdstat_set_rights", A(fd), A(rw), A(0)) == WASI_ENOTCAPABLE);
    CHECK(call(&v, "fd_fdstat_set_rights", A(fd), A(WASI_RIGHT_FD_READ), A(0)) == 0);
    CHECK(call(&v, "fd_seek", A(fd), A(0), A(0), A(8)) == WASI_ENOTCAPABLE);
    CHECK(call(&v, "fd_fdstat_get", A(fd), A(0)) == 0 && mem(&v)[0] == WASI_FILETYPE_REGULAR_FILE &&
          ld64(&v, 8) == WASI_RIGHT_FD_READ);
    CHECK(call(&v, "path_open", A(fd), A(0), A(2048), A(1), A(0), A(0), A(0), A(0), A(4000)) == WASI_ENOTDIR);
    CHECK(call(&v, "fd_close", A(fd)) == 0);
    CHECK(call(&v, "fd_close", A(fd)) == WASI_EBADF);
    CHECK(path_open(&v, 3, "../outside/secret", 0, rd, 0) == -WASI_ENOTCAPABLE);
    CHECK(path_open(&v, 3, "/etc/passwd", 0, rd, 0) == -WASI_ENOTCAPABLE);
    CHECK(path_open(&v, 3, "link_out/secret", 0, rd, 0) == -WASI_ENOTCAPABLE);
    CHECK(path_open(&v, 3, "loop1", 0, rd, 0) == -WASI_ELOOP);
    CHECK(path_open(&v, 9, "sub/file.txt", 0, rd, 0) == -WASI_EBADF);
    CHECK(path_open(&v, 1, "sub/file.txt", 0, rd, 0) == -WASI_ENOTDIR);
    CHECK(path_open(&v, 3, "sub/file.txt", 0, rd | WASI_RIGHT(40), 0) == -WASI_ENOTCAPABLE);
    memcpy(mem(&v) + 2048, "sub\0x", 5);
    CHECK(call(&v, "path_open", A(3), A(0), A(2048), A(5), A(0), A(rd), A(rd), A(0), A(4000)) == WASI_EINVAL);
    mem(&v)[2048] = 0xff; /* not UTF-8 */
    CHECK(call(&v, "path_open", A(3), A(0), A(2048), A(3), A(0), A(rd), A(rd), A(0), A(4000)) == WASI_EILSEQ);
    CHECK(call(&v, "path_open", A(3), A(0), A(65530), A(10), A(0), A(rd), A(rd), A(0), A(4000)) == WASI_EFAULT);
    CHECK(call(&v, "path_open", A(3), A(0), A(2048), A(3), A(0), A(rd), A(rd), A(0), A(65534)) == WASI_EFAULT);
    /* The read-only preopen (fd 4 = root/sub). */
    CHECK(path_open(&v, 4, "file.txt", 0, rd, 0) >= 0);
    CHECK(path_open(&v, 4, "file.txt", 0, rw, 0) == -WASI_EROFS);
    CHECK(path_open(&v, 4, "new.txt", WASI_OFLAG_CREAT, rd, 0) == -WASI_EROFS);
    CHECK(path_open(&v, 4, "file.txt", WASI_OFLAG_TRUNC, rd, 0) == -WASI_EROFS);
    CHECK(path_open(&v, 4, "file.txt", 0, rd, WASI_FDFLAG_APPEND) == -WASI_EROFS);
    put_str(&v, 2048, "deeper");
    CHECK(call(&v, "path_create_directory", A(4), A(2048), A(3)) == WASI_EROFS);
    CHECK(call(&v, "path_remove_directory", A(4), A(2048), A(6)) == WASI_EROFS);
    CHECK(call(&v, "path_unlink_file", A(4), A(2048), A(6)) == WASI_EROFS);
    CHECK(call(&v, "path_rename", A(4), A(2048), A(6), A(3), A(2048), A(6)) == WASI_EROFS);
    CHECK(call(&v, "path_link", A(4), A(0), A(2048), A(6), A(3), A(2048), A(6)) == WASI_EROFS);
    CHECK(call(&v, "path_symlink", A(2048), A(6), A(4), A(2048), A(3)) == WASI_EROFS);
    CHECK(call(&v, "path_filestat_set_times", A(4), A(0), A(2048), A(6), A(0), A(0), A(2)) == WASI_EROFS);
    CHECK(call(&v, "path_filestat_get", A(4), A(0), A(2048), A(6), A(0)) == 0 &&
          mem(&v)[16] == WASI_FILETYPE_DIRECTORY);
    snprintf(p, sizeof p, "%s/root/sub/deeper", tmp);
    struct stat st;
    CHECK(stat(p, &st) == 0 && S_ISDIR(st.st_mode));

    /* Files: create, write, seek, truncate, stat; symlink creation rules. */
    fd = path_open(&v, 3, "made.txt", WASI_OFLAG_CREAT | WASI_OFLAG_EXCL, rw | WASI_RIGHT_FD_FILESTAT_SET_SIZE, 0);
    CHECK(fd >= 0);
    put_iov(&v, 0, 1024, 6);
    CHECK(call(&v, "fd_write", A(fd), A(0), A(1), A(8)) == 0 && ld32(&v, 8) == 6);
    CHECK(call(&v, "fd_filestat_set_size", A(fd), A(3)) == 0);
    CHECK(call(&v, "fd_filestat_get", A(fd), A(4096)) == 0 && ld64(&v, 4096 + 32) == 3 && mem(&v)[4096 + 16] == 4);
    int pr = call(&v, "fd_pread", A(fd), A(0), A(1), A(0), A(8));
    if (pr) fprintf(stderr, "pread: %d\n", pr);
    CHECK(pr == 0 && ld32(&v, 8) == 3);
    CHECK(call(&v, "fd_close", A(fd)) == 0);
    CHECK(path_open(&v, 3, "made.txt", WASI_OFLAG_CREAT | WASI_OFLAG_EXCL, rw, 0) == -WASI_EEXIST);
    put_str(&v, 2048, "../../x");
    put_str(&v, 2100, "sub/esc");
    CHECK(call(&v, "path_symlink", A(2048), A(7), A(3), A(2100), A(7)) == WASI_ENOTCAPABLE);
    CHECK(call(&v, "path_symlink", A(2048), A(5), A(3), A(2100), A(7)) == WASI_ENOTCAPABLE); /* "../.." */
    CHECK(call(&v, "path_symlink", A(2048), A(2), A(3), A(2100), A(7)) == 0); /* "..": the root */
    put_str(&v, 2048, "/etc");
    CHECK(call(&v, "path_symlink", A(2048), A(4), A(3), A(2100), A(7)) == WASI_ENOTCAPABLE);
    CHECK(call(&v, "path_readlink", A(3), A(2100), A(7), A(300), A(64), A(8)) == 0 && ld32(&v, 8) == 2 &&
          memcmp(mem(&v) + 300, "..", 2) == 0);
    CHECK(call(&v, "path_unlink_file", A(3), A(2100), A(7)) == 0);
    put_str(&v, 2048, "made.txt");
    CHECK(call(&v, "path_unlink_file", A(3), A(2048), A(8)) == 0);
    CHECK(call(&v, "path_unlink_file", A(3), A(2048), A(8)) == WASI_ENOENT);
    put_str(&v, 2048, "..");
    CHECK(call(&v, "path_remove_directory", A(3), A(2048), A(2)) == WASI_ENOTCAPABLE);
    CHECK(call(&v, "path_filestat_get", A(3), A(0), A(2048), A(2), A(0)) == WASI_ENOTCAPABLE);
    snprintf(p, sizeof p, "%s/outside/secret", tmp);
    CHECK(stat(p, &st) == 0);

    /* fd_readdir on a large directory, through a small buffer, following cookies. */
    put_str(&v, 2048, "big");
    CHECK(call(&v, "path_create_directory", A(3), A(2048), A(3)) == 0);
    for (int i = 0; i < 500; i++) {
        char name[32];
        snprintf(name, sizeof name, "big/entry-%04d", i);
        int f = path_open(&v, 3, name, WASI_OFLAG_CREAT, rw, 0);
        CHECK(f >= 0);
        call(&v, "fd_close", A(f));
    }
    int dfd = path_open(&v, 3, "big", WASI_OFLAG_DIRECTORY, WASI_RIGHT_FD_READDIR, 0);
    CHECK(dfd >= 0);
    uint64_t cookie = 0;
    int seen = 0, bad = 0, rounds = 0;
    char seen_map[500] = {0};
    for (;;) {
        uint32_t bufsz = 200; /* a few entries per call, the last one cut off */
        CHECK(call(&v, "fd_readdir", A(dfd), A(8192), A(bufsz), A(cookie), A(8)) == 0);
        uint32_t used = ld32(&v, 8), pos = 0;
        rounds++;
        while (pos + 24 <= used) {
            uint64_t next = ld64(&v, 8192 + pos);
            uint32_t nl = ld32(&v, 8192 + pos + 16);
            if (pos + 24 + nl > used) break; /* truncated: ask again from the cookie */
            const char *nm = (const char *)mem(&v) + 8192 + pos + 24;
            int idx;
            if (nl == 10 && sscanf(nm, "entry-%4d", &idx) == 1 && idx >= 0 && idx < 500) {
                if (seen_map[idx]) bad++;
                seen_map[idx] = 1;
                seen++;
            } else if (!(nl == 1 && nm[0] == '.') && !(nl == 2 && nm[0] == '.' && nm[1] == '.')) {
                bad++;
            }
            cookie = next;
            pos += 24 + nl;
        }
        if (used < bufsz) break; /* the end */
        if (rounds > 2000) break;
    }
    CHECK(seen == 500 && bad == 0);
    CHECK(call(&v, "fd_readdir", A(dfd), A(8192), A(200), A(cookie), A(8)) == 0 && ld32(&v, 8) == 0);
    CHECK(call(&v, "fd_readdir", A(dfd), A(65530), A(200), A(0), A(8)) == WASI_EFAULT);
    CHECK(call(&v, "fd_readdir", A(1), A(8192), A(200), A(0), A(8)) == WASI_ENOTDIR);
    /* A buffer smaller than one header is filled to the brim. */
    CHECK(call(&v, "fd_readdir", A(dfd), A(8192), A(10), A(0), A(8)) == 0 && ld32(&v, 8) == 10);
    CHECK(call(&v, "fd_close", A(dfd)) == 0);

    /* fd_renumber. */
    fd = path_open(&v, 3, "sub/file.txt", 0, rd, 0);
    int fd2 = path_open(&v, 3, "sub/file.txt", 0, rd, 0);
    CHECK(call(&v, "fd_renumber", A(fd), A(fd2)) == 0);
    CHECK(call(&v, "fd_close", A(fd)) == WASI_EBADF);
    CHECK(call(&v, "fd_renumber", A(fd2), A(99)) == WASI_EBADF);
    CHECK(call(&v, "fd_close", A(fd2)) == 0);

    /* poll_oneoff: a 20 ms relative sleep, an absolute one in the past, errors. */
    uint8_t *s = mem(&v) + 512;
    memset(s, 0, 96);
    wasi_st64(s, 0x1234);
    s[8] = 0;                        /* clock */
    wasi_st32(s + 16, WASI_CLOCK_MONOTONIC);
    wasi_st64(s + 24, 20000000);     /* 20 ms */
    uint64_t t0 = now_ns();
    CHECK(call(&v, "poll_oneoff", A(512), A(1024), A(1), A(8)) == 0 && ld32(&v, 8) == 1);
    CHECK(now_ns() - t0 >= 20000000);
    CHECK(ld64(&v, 1024) == 0x1234 && mem(&v)[1024 + 10] == 0 && mem(&v)[1024 + 8] == 0);
    wasi_st16(s + 40, 1);            /* absolute, at time 5 ns: long past */
    wasi_st64(s + 24, 5);
    t0 = now_ns();
    CHECK(call(&v, "poll_oneoff", A(512), A(1024), A(1), A(8)) == 0 && ld32(&v, 8) == 1);
    CHECK(now_ns() - t0 < 1000000000);
    CHECK(call(&v, "poll_oneoff", A(512), A(1024), A(0), A(8)) == WASI_EINVAL);
    CHECK(call(&v, "poll_oneoff", A(65500), A(1024), A(1), A(8)) == WASI_EFAULT);
    /* An fd subscription on a closed fd: an error event, no waiting. */
    memset(s + 48, 0, 48);
    s[48 + 8] = 1; /* fd_read */
    wasi_st32(s + 48 + 16, 99);
    wasi_st16(s + 40, 0);
    wasi_st64(s + 24, 5000000000ull); /* a 5 s clock that must not be waited for */
    t0 = now_ns();
    CHECK(call(&v, "poll_oneoff", A(512), A(1024), A(2), A(8)) == 0 && ld32(&v, 8) == 1);
    CHECK(now_ns() - t0 < 1000000000 && wasi_ld16(mem(&v) + 1024 + 8) == WASI_EBADF && mem(&v)[1024 + 10] == 1);
    /* stdin buffer readiness. */
    wasi_st32(s + 48 + 16, 0);
    CHECK(call(&v, "poll_oneoff", A(512), A(1024), A(2), A(8)) == 0 && ld32(&v, 8) == 1 &&
          wasi_ld16(mem(&v) + 1024 + 8) == 0 && wasi_ld16(mem(&v) + 1024 + 24) == 1 /* hangup: input done */);

    env_free(&v);

    /* Deterministic mode: repeatable random bytes and clocks, sleeps that do not sleep. */
    uint8_t first[32];
    for (int round = 0; round < 2; round++) {
        struct wisp_wasi *dw = wisp_wasi_new(e);
        wisp_wasi_set_deterministic(dw, 99);
        struct env dv;
        CHECK(env_new(&dv, e, m, dw));
        CHECK(call(&dv, "random_get", A(0), A(32)) == 0);
        if (round == 0)
            memcpy(first, mem(&dv), 32);
        else
            CHECK(memcmp(first, mem(&dv), 32) == 0);
        CHECK(call(&dv, "clock_time_get", A(1), A(0), A(100)) == 0);
        CHECK(call(&dv, "clock_time_get", A(1), A(0), A(108)) == 0);
        CHECK(ld64(&dv, 108) - ld64(&dv, 100) == 1000000);
        s = mem(&dv) + 512;
        memset(s, 0, 48);
        wasi_st32(s + 16, WASI_CLOCK_MONOTONIC);
        wasi_st64(s + 24, 3600000000000ull); /* an hour */
        t0 = now_ns();
        CHECK(call(&dv, "poll_oneoff", A(512), A(1024), A(1), A(8)) == 0 && ld32(&dv, 8) == 1);
        CHECK(now_ns() - t0 < 1000000000);
        CHECK(call(&dv, "clock_time_get", A(1), A(0), A(116)) == 0);
        CHECK(ld64(&dv, 116) - ld64(&dv, 108) >= 3600000000000ull);
        env_free(&dv);
    }

    /* A wrong signature for a WASI import does not link. */
    snprintf(wat, sizeof wat, "%s/bad.wat", tmp);
    snprintf(wasm, sizeof wasm, "%s/bad.wasm", tmp);
    FILE *f = fopen(wat, "w");
    fprintf(f, "(module (import \"wasi_snapshot_preview1\" \"fd_write\" (func (param i32 i32 i32) (result i32))))\n");
    fclose(f);
    char cmd[1000];
    snprintf(cmd, sizeof cmd, "wat2wasm '%s' -o '%s'", wat, wasm);
    CHECK(system(cmd) == 0);
    bytes = read_all(wasm, &len);
    struct wisp_module *bm = NULL;
    r = wisp_module_new(e, bytes, len, &bm);
    wisp_result_free(&r);
    free(bytes);
    struct wisp_wasi *bw = wisp_wasi_new(e);
    struct env bv;
    CHECK(!env_new2(&bv, e, bm, bw, true));
    env_free(&bv);
    wisp_module_free(bm);
}

/* sock_* on sockets the host hands in: a connected pair and a listening TCP socket. */
static void test_sockets(struct wisp_engine *e, struct wisp_module *m) {
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    int lsn = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof sa;
    CHECK(lsn >= 0 && bind(lsn, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(lsn, 4) == 0 &&
          getsockname(lsn, (struct sockaddr *)&sa, &sl) == 0);
    struct wisp_wasi *w = wisp_wasi_new(e);
    uint32_t gs = 0, gl = 0;
    CHECK(wisp_wasi_add_socket(w, sv[0], &gs).kind == WISP_OK && gs == 3);
    CHECK(wisp_wasi_add_socket(w, lsn, &gl).kind == WISP_OK && gl == 4);
    struct wisp_result r = wisp_wasi_add_socket(w, 0, &gl);
    CHECK(r.kind == WISP_ERROR); /* not a socket */
    wisp_result_free(&r);
    struct env v;
    CHECK(env_new(&v, e, m, w));

    CHECK(call(&v, "fd_fdstat_get", A(gs), A(0)) == 0 && mem(&v)[0] == WASI_FILETYPE_SOCKET_STREAM);
    CHECK(call(&v, "fd_prestat_get", A(gs), A(0)) == WASI_EBADF);
    /* send: the host end receives it. */
    memcpy(mem(&v) + 1024, "ping", 4);
    put_iov(&v, 0, 1024, 4);
    CHECK(call(&v, "sock_send", A(gs), A(0), A(1), A(0), A(8)) == 0 && ld32(&v, 8) == 4);
    char buf[16] = {0};
    CHECK(read(sv[1], buf, sizeof buf) == 4 && memcmp(buf, "ping", 4) == 0);
    CHECK(call(&v, "sock_send", A(gs), A(0), A(1), A(1), A(8)) == WASI_EINVAL);
    /* poll: nothing to read yet, so the 10 ms clock fires; then data makes the fd ready. */
    uint8_t *s = mem(&v) + 512;
    memset(s, 0, 96);
    wasi_st64(s, 1);
    s[8] = 1; /* fd_read */
    wasi_st32(s + 16, gs);
    wasi_st64(s + 48, 2);
    s[48 + 8] = 0; /* clock */
    wasi_st32(s + 48 + 16, WASI_CLOCK_MONOTONIC);
    wasi_st64(s + 48 + 24, 10000000);
    CHECK(call(&v, "poll_oneoff", A(512), A(2048), A(2), A(8)) == 0 && ld32(&v, 8) == 1 && ld64(&v, 2048) == 2);
    CHECK(write(sv[1], "pong!", 5) == 5);
    CHECK(call(&v, "poll_oneoff", A(512), A(2048), A(2), A(8)) == 0 && ld32(&v, 8) >= 1 && ld64(&v, 2048) == 1 &&
          ld64(&v, 2048 + 16) == 5);
    /* recv: peek, then read, into two iovecs. */
    put_iov(&v, 0, 1100, 2);
    put_iov(&v, 8, 1200, 10);
    CHECK(call(&v, "sock_recv", A(gs), A(0), A(2), A(1), A(16), A(20)) == 0 && ld32(&v, 16) == 5);
    CHECK(call(&v, "sock_recv", A(gs), A(0), A(2), A(0), A(16), A(20)) == 0 && ld32(&v, 16) == 5 &&
          memcmp(mem(&v) + 1100, "po", 2) == 0 && memcmp(mem(&v) + 1200, "ng!", 3) == 0 &&
          wasi_ld16(mem(&v) + 20) == 0);
    CHECK(call(&v, "sock_recv", A(gs), A(0), A(2), A(4), A(16), A(20)) == WASI_EINVAL);
    CHECK(call(&v, "sock_recv", A(gs), A(65530), A(2), A(0), A(16), A(20)) == WASI_EFAULT);
    /* shutdown: the host end sees end of file. */
    CHECK(call(&v, "sock_shutdown", A(gs), A(2)) == 0);
    CHECK(read(sv[1], buf, sizeof buf) == 0);
    CHECK(call(&v, "sock_shutdown", A(gs), A(7)) == WASI_EINVAL);
    CHECK(call(&v, "sock_shutdown", A(0), A(2)) == WASI_ENOTSOCK);
    /* accept: a client connects to the listening socket. */
    int cl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(connect(cl, (struct sockaddr *)&sa, sizeof sa) == 0);
    CHECK(call(&v, "sock_accept", A(gl), A(0), A(8)) == 0);
    uint32_t conn = ld32(&v, 8);
    CHECK(conn > gl);
    CHECK(call(&v, "fd_write", A(conn), A(0), A(1), A(16)) == 0); /* iovec 0 still "po" */
    CHECK(read(cl, buf, sizeof buf) == 2);
    /* Nobody else is connecting: a non-blocking listener says EAGAIN. */
    CHECK(call(&v, "fd_fdstat_set_flags", A(gl), A(WASI_FDFLAG_NONBLOCK)) == 0);
    CHECK(call(&v, "fd_fdstat_get", A(gl), A(0)) == 0 && wasi_ld16(mem(&v) + 2) == WASI_FDFLAG_NONBLOCK);
    CHECK(call(&v, "sock_accept", A(gl), A(0), A(8)) == WASI_EAGAIN);
    CHECK(call(&v, "sock_accept", A(gl), A(1), A(8)) == WASI_EINVAL);
    CHECK(call(&v, "fd_close", A(conn)) == 0);
    CHECK(read(cl, buf, sizeof buf) == 0); /* accepted connections belong to the guest: closed */
    CHECK(call(&v, "fd_close", A(gs)) == 0);
    CHECK(write(sv[1], "x", 1) == 1); /* handed-in sockets stay the host's: still open */
    env_free(&v);
    close(cl);
    close(lsn);
    close(sv[0]);
    close(sv[1]);
}

/* Out of memory at every allocation of context setup and definition: clean failures only. */
struct fail_alloc {
    long count, fail_at;
};
static void *fail_alloc_fn(void *ud, void *ptr, size_t old_size, size_t new_size) {
    struct fail_alloc *t = ud;
    (void)old_size;
    if (new_size == 0) {
        free(ptr);
        return NULL;
    }
    if (t->count++ == t->fail_at) return NULL;
    return realloc(ptr, new_size);
}

static void test_oom(void) {
    /* Fail allocation n for n = 0, 1, ... until a run needs fewer than n allocations. */
    bool injected = true;
    for (long n = 0; injected && n < 100000; n++) {
        struct fail_alloc fa = {0, -1};
        struct wisp_config cfg;
        wisp_config_init(&cfg);
        cfg.alloc = fail_alloc_fn;
        cfg.alloc_ud = &fa;
        struct wisp_engine *e = wisp_engine_new(&cfg);
        fa.fail_at = n;
        fa.count = 0;
        struct wisp_wasi *w = wisp_wasi_new(e);
        if (w) {
            const char *argv[] = {"a", "b"};
            struct wisp_result r = wisp_wasi_set_args(w, 2, argv);
            wisp_result_free(&r);
            r = wisp_wasi_add_env(w, "K", "V");
            wisp_result_free(&r);
            r = wisp_wasi_preopen_dir(w, tmp, ".", 0);
            wisp_result_free(&r);
            r = wisp_wasi_capture_output(w, 2);
            wisp_result_free(&r);
            struct wisp_store *s = wisp_store_new(e);
            struct wisp_linker *l = s ? wisp_linker_new(s) : NULL;
            if (l) {
                r = wisp_wasi_define(w, l);
                wisp_result_free(&r);
            }
            wisp_linker_free(l);
            wisp_store_free(s);
            wisp_wasi_free(w);
        }
        injected = fa.count > n;
        wisp_engine_free(e);
    }
    CHECK(!injected);
}

/* The same with WASI calls that allocate (paths, iovecs, readdir snapshots, poll arrays): each
 * either works or says ENOMEM, and nothing leaks (the sanitizer build checks). */
static void test_oom_calls(const uint8_t *bytes, size_t len, int resolver) {
    bool injected = true;
    for (long n = 0; injected && n < 100000; n++) {
        struct fail_alloc fa = {0, -1};
        struct wisp_config cfg;
        wisp_config_init(&cfg);
        cfg.alloc = fail_alloc_fn;
        cfg.alloc_ud = &fa;
        struct wisp_engine *e = wisp_engine_new(&cfg);
        struct wisp_module *m = NULL;
        struct wisp_result r = wisp_module_new(e, bytes, len, &m);
        wisp_result_free(&r);
        fa.fail_at = n;
        fa.count = 0;
        struct wisp_wasi *w = m ? wisp_wasi_new(e) : NULL;
        if (w) {
            w->resolver = resolver;
            char p[512];
            snprintf(p, sizeof p, "%s/root", tmp);
            r = wisp_wasi_preopen_dir(w, p, ".", 0);
            bool ok = r.kind == WISP_OK;
            wisp_result_free(&r);
            r = wisp_wasi_capture_output(w, 1);
            ok = ok && r.kind == WISP_OK;
            wisp_result_free(&r);
            struct env v;
            memset(&v, 0, sizeof v);
            v.wasi = w;
            if (ok && env_new2(&v, e, m, w, true)) {
                int fd = path_open(&v, 3, "link_in/../sub/./file.txt", 0, WASI_RIGHT_FD_READ, 0);
                CHECK(fd >= 0 || fd == -WASI_ENOMEM);
                int er = call(&v, "fd_readdir", A(3), A(8192), A(4096), A(0), A(8));
                CHECK(er == 0 || er == WASI_ENOMEM);
                put_str(&v, 2048, "file_link");
                er = call(&v, "path_filestat_get", A(3), A(1), A(2048), A(9), A(0));
                CHECK(er == 0 || er == WASI_ENOMEM);
                uint8_t *s = mem(&v) + 512;
                memset(s, 0, 48);
                wasi_st32(s + 16, WASI_CLOCK_MONOTONIC);
                er = call(&v, "poll_oneoff", A(512), A(1024), A(1), A(8));
                CHECK(er == 0 || er == WASI_ENOMEM);
                for (int i = 0; i < 10; i++) put_iov(&v, 8 * (uint32_t)i, 1024, 1);
                er = call(&v, "fd_write", A(1), A(0), A(10), A(100));
                CHECK(er == 0 || er == WASI_ENOMEM || er == WASI_ENOSPC); /* ENOSPC: the capture is full */
            }
            env_free(&v);
        }
        injected = fa.count > n;
        if (!injected && getenv("WISP_TEST_VERBOSE")) fprintf(stderr, "oom sweep: %ld allocations\n", n);
        wisp_module_free(m);
        wisp_engine_free(e);
    }
    CHECK(!injected);
}

int main(void) {
    snprintf(tmp, sizeof tmp, "%s/wisp-wasi-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    setup_tree();
    struct wisp_engine *e = wisp_engine_new(NULL);

    test_resolver(e, WASI_RESOLVE_WALK);
    test_race(e, WASI_RESOLVE_WALK);
    /* openat2 where the kernel has it (the probe decides; without it AUTO walks again). */
    test_resolver(e, WASI_RESOLVE_AUTO);
    test_race(e, WASI_RESOLVE_AUTO);
    struct wisp_module *m = load_module(e);
    if (m) {
        test_calls(e, m);
        test_sockets(e, m);
        wisp_module_free(m);
    }
    test_oom();
    char wasm[400];
    snprintf(wasm, sizeof wasm, "%s/all.wasm", tmp);
    size_t len = 0;
    uint8_t *bytes = read_all(wasm, &len);
    if (bytes) {
        test_oom_calls(bytes, len, WASI_RESOLVE_WALK);
        test_oom_calls(bytes, len, WASI_RESOLVE_AUTO);
        free(bytes);
    }

    wisp_engine_free(e);
    rm_tree();
    CHECK_DONE();
}
