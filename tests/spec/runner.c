/* spec_runner: runs the WebAssembly spec tests, as converted by wabt's `wast2json`, against wisp
 * through a public API only: the native one (include/wisp.h, the default) or, with --api=capi, the
 * standard C API (include/wasm.h); engine.h is the adapter interface between the two. Each .json
 * file runs in a child process, so a crash or a hang in one file is reported as that file's failure
 * and the run goes on (--no-fork for gdb).
 *
 *   spec_runner [--api=wisp|capi|capi-serialize] [--skip PREFIX=REASON]... [--max-details N]
 *               [--timeout SECS] [--no-fork] FILE.json...
 *
 * Commands the selected API cannot express (v128 values through wasm.h) are counted as skipped.
 * Prints one PASS/FAIL/SKIP line per file, the details of each failure, and finally exactly
 * "N passed, M failed, K skipped". Exits 1 if anything failed, 2 on a usage error. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine.h"

struct counts {
    uint64_t passed;
    uint64_t failed;
    uint64_t skipped_text;  /* text-format assert_malformed */
    uint64_t skipped_files; /* commands of files skipped by --skip */
    uint64_t skipped_api;   /* commands the API cannot express (spec_api.unsupported) */
};

/* A "--skip PREFIX=REASON" option. The options point into argv: the parent allocates nothing
 * before forking, so a child has nothing of the parent's to free (valgrind --show-leak-kinds=all). */
struct skip_rule {
    const char *prefix;
    size_t prefix_len;
    const char *reason;
};

struct options {
    const struct spec_api *api;
    char **argv;
    int nopts; /* argv[1 .. nopts-1] are the options */
    uint64_t max_details; /* UINT64_MAX: all */
    unsigned timeout;     /* seconds per file, 0: none */
    bool fork;
};

struct named_inst {
    char *name;
    struct spec_instance *inst; /* NULL if that module failed to load */
};

/* The state of one .json file's run. */
struct file_run {
    const struct options *opt;
    char *dir; /* directory of the .json, where its .wasm files are */
    const struct spec_api *api;
    struct spec_session *s;
    struct named_inst *named;
    size_t nnamed, capnamed;
    struct spec_instance *current;
    struct counts c;
    uint64_t details_shown;
    struct spec_buf details; /* failure lines (also sent to the parent when forked) */
    int pipe_fd;             /* to the parent, or -1 */
    uint32_t line;
    const char *cmd;
};

/* ---- child -> parent progress records --------------------------------------------------- */

/* A record is a tag byte, a 4-byte length and the payload. 'P' (progress before each command)
 * and 'E' (end) carry struct progress; 'D' carries one failure line. */
struct progress {
    struct counts c;
    uint32_t line;
    char cmd[32];
};

static bool write_all(int fd, const void *p, size_t n) {
    const char *s = p;
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        s += w;
        n -= (size_t)w;
    }
    return true;
}

static bool read_all(int fd, void *p, size_t n) {
    char *s = p;
    while (n) {
        ssize_t r = read(fd, s, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        s += r;
        n -= (size_t)r;
    }
    return true;
}

static void send_record(struct file_run *fr, char tag, const void *payload, uint32_t len) {
    if (fr->pipe_fd < 0) return;
    char hdr[5];
    hdr[0] = tag;
    memcpy(hdr + 1, &len, 4);
    if (!write_all(fr->pipe_fd, hdr, 5) || !write_all(fr->pipe_fd, payload, len)) {
        close(fr->pipe_fd);
        fr->pipe_fd = -1;
    }
}

static void send_progress(struct file_run *fr, char tag) {
    struct progress p;
    memset(&p, 0, sizeof p);
    p.c = fr->c;
    p.line = fr->line;
    if (fr->cmd) snprintf(p.cmd, sizeof p.cmd, "%s", fr->cmd);
    send_record(fr, tag, &p, (uint32_t)sizeof p);
}

/* ---- reporting -------------------------------------------------------------------------- */

static void put_name(struct spec_buf *b, const char *s, size_t len) {
    spec_buf_append(b, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') spec_buf_printf(b, "\\%c", ch);
        else if (ch >= 0x20 && ch < 0x7f) spec_buf_append(b, (const char *)&ch, 1);
        else spec_buf_printf(b, "\\%02x", ch);
    }
    spec_buf_append(b, "\"", 1);
}

static void put_result(struct spec_buf *b, const struct spec_outcome *r) {
    static const char *const errs[] = {"none",  "malformed",     "invalid",  "unlinkable",
                                       "limit", "out of memory", "argument", "not found"};
    const char *msg = r->message ? r->message : "(no message)";
    switch (r->kind) {
    case WISP_OK: spec_buf_printf(b, "success"); break;
    case WISP_TRAP: spec_buf_printf(b, "trap \"%s\" (%s)", msg, wisp_trap_name(r->trap)); break;
    case WISP_EXIT: spec_buf_printf(b, "exit %" PRId32, r->exit_code); break;
    case WISP_ERROR:
        spec_buf_printf(b, "error %s \"%s\"",
                        (unsigned)r->error < sizeof errs / sizeof errs[0] ? errs[r->error] : "?", msg);
        if (r->offset != UINT64_MAX) spec_buf_printf(b, " at offset 0x%" PRIx64, r->offset);
        if (r->func_index != UINT32_MAX) spec_buf_printf(b, " in func %" PRIu32, r->func_index);
        break;
    default: spec_buf_printf(b, "result kind %d", (int)r->kind); break;
    }
}

static void pass(struct file_run *fr) { fr->c.passed++; }

/* Records a failure of the current command with a formatted explanation. */
static void fail(struct file_run *fr, const char *fmt, ...) SPEC_PRINTF(2, 3);
static void fail(struct file_run *fr, const char *fmt, ...) {
    fr->c.failed++;
    if (fr->details_shown >= fr->opt->max_details) return;
    fr->details_shown++;
    struct spec_buf line = {0};
    spec_buf_printf(&line, "  line %" PRIu32 ": %s: ", fr->line, fr->cmd ? fr->cmd : "?");
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n > 0) {
        char *tmp = spec_xmalloc((size_t)n + 1);
        vsnprintf(tmp, (size_t)n + 1, fmt, ap);
        spec_buf_append(&line, tmp, (size_t)n);
        free(tmp);
    }
    va_end(ap);
    spec_buf_append(&line, "\n", 1);
    spec_buf_append(&fr->details, line.p, line.len);
    send_record(fr, 'D', line.p, (uint32_t)line.len);
    spec_buf_free(&line);
}

/* ---- loading ---------------------------------------------------------------------------- */

/* Reads a whole file; NULL (with errno) on failure. */
static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 65536;
            buf = spec_xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    *len = n;
    return buf;
}

static char *path_join(const char *dir, const char *name) {
    struct spec_buf b = {0};
    spec_buf_printf(&b, "%s/%s", dir, name);
    return b.p;
}

/* Replaces each "\u0000" escape inside JSON strings with the byte SPEC_NUL_MARK (see spec.h). */
static void mark_nul_escapes(char *s, size_t *len) {
    size_t r = 0, w = 0, n = *len;
    bool in_str = false;
    while (r < n) {
        char ch = s[r];
        if (in_str && ch == '\\' && r + 1 < n) {
            if (r + 5 < n && memcmp(s + r + 1, "u0000", 5) == 0) {
                s[w++] = (char)SPEC_NUL_MARK;
                r += 6;
            } else {
                s[w++] = s[r++];
                s[w++] = s[r++];
            }
            continue;
        }
        if (ch == '"') in_str = !in_str;
        s[w++] = s[r++];
    }
    s[w] = '\0';
    *len = w;
}

static cJSON *load_json(const char *path, struct spec_buf *err) {
    size_t len = 0;
    uint8_t *text = read_file(path, &len);
    if (!text) {
        spec_buf_printf(err, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    text = spec_xrealloc(text, len + 1);
    mark_nul_escapes((char *)text, &len);
    cJSON *root = cJSON_ParseWithLength((const char *)text, len);
    free(text);
    if (!root) spec_buf_printf(err, "cannot parse %s as JSON", path);
    return root;
}

static const char *jstr(const cJSON *obj, const char *key) {
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

/* Reads the .wasm named by the command's "filename"; NULL (with a failure recorded) if it cannot. */
static uint8_t *read_module_file(struct file_run *fr, const cJSON *cmd, size_t *len) {
    const char *fn = jstr(cmd, "filename");
    if (!fn) {
        fail(fr, "no filename");
        return NULL;
    }
    char *path = path_join(fr->dir, fn);
    uint8_t *bytes = read_file(path, len);
    if (!bytes) fail(fr, "cannot read %s: %s", path, strerror(errno));
    free(path);
    return bytes;
}

/* Loads the .wasm named by the command's "filename" and compiles it; *r is the outcome (a runner
 * problem is reported as a failure and returns false). The module belongs to the session. */
static bool load_module(struct file_run *fr, const cJSON *cmd, struct spec_outcome *r, struct spec_module **mod) {
    size_t len = 0;
    uint8_t *bytes = read_module_file(fr, cmd, &len);
    *mod = NULL;
    if (!bytes) return false;
    *mod = fr->api->compile(fr->s, bytes, len, r);
    free(bytes);
    if (r->kind == WISP_OK && !*mod) {
        fail(fr, "compiling returned success without a module");
        spec_outcome_free(r);
        return false;
    }
    return true;
}

static void bind_name(struct file_run *fr, const char *name, struct spec_instance *inst) {
    for (size_t i = 0; i < fr->nnamed; i++) {
        if (strcmp(fr->named[i].name, name) == 0) {
            fr->named[i].inst = inst;
            return;
        }
    }
    if (fr->nnamed == fr->capnamed) {
        fr->capnamed = fr->capnamed ? fr->capnamed * 2 : 8;
        fr->named = spec_xrealloc(fr->named, fr->capnamed * sizeof *fr->named);
    }
    fr->named[fr->nnamed].name = spec_xstrdup(name);
    fr->named[fr->nnamed].inst = inst;
    fr->nnamed++;
}

/* The instance a command refers to: by name, or the most recent module. */
static struct spec_instance *find_instance(struct file_run *fr, const char *name, struct spec_buf *err) {
    if (!name) {
        if (!fr->current) spec_buf_printf(err, "no current module instance");
        return fr->current;
    }
    for (size_t i = 0; i < fr->nnamed; i++) {
        if (strcmp(fr->named[i].name, name) == 0) {
            if (!fr->named[i].inst) spec_buf_printf(err, "module %s failed to instantiate", name);
            return fr->named[i].inst;
        }
    }
    spec_buf_printf(err, "unknown module %s", name);
    return NULL;
}

/* ---- actions ---------------------------------------------------------------------------- */

struct action_out {
    struct spec_outcome r;
    struct wisp_value *vals; /* results, malloc'd */
    size_t nvals;
    struct spec_buf desc; /* e.g. invoke "f"(i32:1 (0x1)) */
};

static void action_out_free(struct action_out *a) {
    spec_outcome_free(&a->r);
    free(a->vals);
    spec_buf_free(&a->desc);
}

/* Counts the current command as one the API cannot express. */
static void skip_unsupported(struct file_run *fr) { fr->c.skipped_api++; }

/* Records why an action could not be performed (or counts it as skipped); false. */
static bool action_refused(struct file_run *fr, struct action_out *out, enum spec_action_status st, bool is_get) {
    switch (st) {
    case SPEC_ACTION_NO_EXPORT: fail(fr, "%s: no such export", out->desc.p); break;
    case SPEC_ACTION_WRONG_KIND:
        fail(fr, "%s: export is not a %s", out->desc.p, is_get ? "global" : "function");
        break;
    case SPEC_ACTION_UNSUPPORTED: skip_unsupported(fr); break;
    default: break;
    }
    return false;
}

/* Performs an invoke or get. Returns false (with a failure recorded) if the action could not
 * even be attempted: unknown module or export, wrong kind, unparsable arguments; or (counted as
 * skipped) if the API cannot express it. */
static bool do_action(struct file_run *fr, const cJSON *cmd, struct action_out *out) {
    memset(out, 0, sizeof *out);
    const cJSON *act = cJSON_GetObjectItemCaseSensitive(cmd, "action");
    const char *type = jstr(act, "type");
    const char *modname = jstr(act, "module");
    struct spec_name field;
    if (!type || !spec_name_get(act, "field", &field)) {
        fail(fr, "malformed action");
        return false;
    }
    bool is_get = strcmp(type, "get") == 0;
    spec_buf_printf(&out->desc, "%s ", type);
    if (modname) spec_buf_printf(&out->desc, "%s.", modname);
    put_name(&out->desc, field.s, field.len);

    struct spec_buf err = {0};
    bool ok = false;
    struct wisp_value *args = NULL;
    struct spec_instance *inst = find_instance(fr, modname, &err);
    enum spec_action_status st;
    if (!inst) {
        fail(fr, "%s: %s", out->desc.p, err.p);
        goto done;
    }
    if (is_get) {
        out->vals = spec_xmalloc(sizeof *out->vals);
        memset(out->vals, 0, sizeof *out->vals);
        st = fr->api->get(fr->s, inst, &field, &out->vals[0]);
        if (st != SPEC_ACTION_DONE) {
            action_refused(fr, out, st, true);
            goto done;
        }
        out->nvals = 1;
        out->r = spec_outcome_ok();
        ok = true;
        goto done;
    }
    if (strcmp(type, "invoke") != 0) {
        fail(fr, "%s: unknown action type", out->desc.p);
        goto done;
    }
    const cJSON *jargs = cJSON_GetObjectItemCaseSensitive(act, "args");
    size_t nargs = (size_t)cJSON_GetArraySize(jargs);
    args = spec_xmalloc((nargs ? nargs : 1) * sizeof *args);
    spec_buf_append(&out->desc, "(", 1);
    for (size_t i = 0; i < nargs; i++) {
        if (!spec_value_parse(cJSON_GetArrayItem(jargs, (int)i), &args[i], &err)) {
            fail(fr, "%s: argument %zu: %s", out->desc.p, i, err.p);
            goto done;
        }
        if (i) spec_buf_append(&out->desc, ", ", 2);
        spec_value_format(&out->desc, &args[i]);
    }
    spec_buf_append(&out->desc, ")", 1);
    for (size_t i = 0; i < nargs; i++) {
        if (args[i].type == WISP_V128 && !fr->api->has_v128) {
            skip_unsupported(fr);
            goto done;
        }
    }
    st = fr->api->invoke(fr->s, inst, &field, args, nargs, &out->vals, &out->nvals, &out->r);
    if (st != SPEC_ACTION_DONE) {
        action_refused(fr, out, st, false);
        goto done;
    }
    ok = true;
done:
    free(args);
    spec_buf_free(&err);
    spec_name_free(&field);
    return ok;
}

/* Does a trap's message (and the name of its code) say what the test expects? Engines may add
 * detail after the spec wording, and a few tests append detail to theirs ("uninitialized element 2"),
 * so either may be a prefix of the other; the expected text may also occur inside ours. */
static bool text_matches(const char *got, const char *want) {
    if (!got || !*got) return false;
    return strstr(got, want) != NULL || strncmp(want, got, strlen(got)) == 0;
}

static bool trap_matches(const struct spec_outcome *r, const char *want) {
    if (r->kind != WISP_TRAP) return false;
    if (!text_matches(wisp_trap_name(r->trap), want)) return false;
    return !r->message || text_matches(r->message, want);
}

/* Does the command expect a value the API cannot carry? (Counted as skipped, then.) */
static bool expects_unsupported(const struct file_run *fr, const cJSON *cmd) {
    if (fr->api->has_v128) return false;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(cmd, "expected")) {
        const char *t = jstr(e, "type");
        if (t && strcmp(t, "v128") == 0) return true;
    }
    return false;
}

static void cmd_assert_return(struct file_run *fr, const cJSON *cmd) {
    struct action_out a;
    if (expects_unsupported(fr, cmd)) {
        skip_unsupported(fr);
        return;
    }
    if (!do_action(fr, cmd, &a)) {
        action_out_free(&a);
        return;
    }
    const cJSON *jexp = cJSON_GetObjectItemCaseSensitive(cmd, "expected");
    size_t nexp = (size_t)cJSON_GetArraySize(jexp);
    struct spec_buf want = {0}, got = {0}, err = {0};
    bool ok = a.r.kind == WISP_OK && nexp == a.nvals;
    for (size_t i = 0; i < nexp; i++) {
        struct spec_expect e;
        if (!spec_expect_parse(cJSON_GetArrayItem(jexp, (int)i), &e, &err)) {
            fail(fr, "%s: expected value %zu: %s", a.desc.p, i, err.p);
            goto done;
        }
        if (i) spec_buf_append(&want, ", ", 2);
        spec_expect_format(&want, &e);
        if (ok && !spec_expect_match(&e, &a.vals[i])) ok = false;
    }
    if (ok) {
        pass(fr);
        goto done;
    }
    if (a.r.kind == WISP_OK) {
        for (size_t i = 0; i < a.nvals; i++) {
            if (i) spec_buf_append(&got, ", ", 2);
            spec_value_format(&got, &a.vals[i]);
        }
    } else {
        put_result(&got, &a.r);
    }
    fail(fr, "%s: expected (%s), got (%s)", a.desc.p, want.p ? want.p : "", got.p ? got.p : "");
done:
    spec_buf_free(&want);
    spec_buf_free(&got);
    spec_buf_free(&err);
    action_out_free(&a);
}

static void cmd_action(struct file_run *fr, const cJSON *cmd) {
    struct action_out a;
    if (do_action(fr, cmd, &a)) {
        if (a.r.kind == WISP_OK) {
            pass(fr);
        } else {
            struct spec_buf got = {0};
            put_result(&got, &a.r);
            fail(fr, "%s: expected success, got %s", a.desc.p, got.p);
            spec_buf_free(&got);
        }
    }
    action_out_free(&a);
}

static void cmd_assert_trap(struct file_run *fr, const cJSON *cmd, bool exhaustion) {
    const char *text = jstr(cmd, "text");
    struct action_out a;
    if (!text) text = "";
    if (do_action(fr, cmd, &a)) {
        bool ok = exhaustion ? a.r.kind == WISP_TRAP && a.r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED
                             : trap_matches(&a.r, text);
        if (ok) {
            pass(fr);
        } else {
            struct spec_buf got = {0};
            if (a.r.kind == WISP_OK) {
                spec_buf_printf(&got, "success (");
                for (size_t i = 0; i < a.nvals; i++) {
                    if (i) spec_buf_append(&got, ", ", 2);
                    spec_value_format(&got, &a.vals[i]);
                }
                spec_buf_printf(&got, ")");
            } else {
                put_result(&got, &a.r);
            }
            fail(fr, "%s: expected trap \"%s\", got %s", a.desc.p, text, got.p);
            spec_buf_free(&got);
        }
    }
    action_out_free(&a);
}

/* ---- module commands -------------------------------------------------------------------- */

static void cmd_module(struct file_run *fr, const cJSON *cmd) {
    const char *name = jstr(cmd, "name");
    const char *fn = jstr(cmd, "filename");
    struct spec_outcome r = spec_outcome_ok();
    struct spec_module *mod;
    struct spec_instance *inst = NULL;
    fr->current = NULL;
    if (name) bind_name(fr, name, NULL);
    if (!load_module(fr, cmd, &r, &mod)) return;
    struct spec_buf got = {0};
    if (r.kind != WISP_OK) {
        put_result(&got, &r);
        fail(fr, "%s: expected to load, got %s", fn, got.p);
    } else {
        spec_outcome_free(&r);
        inst = fr->api->instantiate(fr->s, mod, &r);
        if (r.kind != WISP_OK || !inst) {
            put_result(&got, &r);
            fail(fr, "%s: expected to instantiate, got %s", fn, got.p);
            inst = NULL;
        } else {
            pass(fr);
        }
    }
    fr->current = inst;
    if (name) bind_name(fr, name, inst);
    spec_buf_free(&got);
    spec_outcome_free(&r);
}

static void cmd_register(struct file_run *fr, const cJSON *cmd) {
    struct spec_name as = {NULL, 0};
    struct spec_buf err = {0};
    struct spec_instance *inst = find_instance(fr, jstr(cmd, "name"), &err);
    if (!spec_name_get(cmd, "as", &as)) {
        fail(fr, "register without \"as\"");
    } else if (!inst) {
        fail(fr, "register \"%s\": %s", as.s, err.p);
    } else {
        struct spec_outcome r = spec_outcome_ok();
        fr->api->register_instance(fr->s, &as, inst, &r);
        if (r.kind == WISP_OK) {
            pass(fr);
        } else {
            struct spec_buf got = {0};
            put_result(&got, &r);
            fail(fr, "register \"%s\": %s", as.s, got.p);
            spec_buf_free(&got);
        }
        spec_outcome_free(&r);
    }
    spec_name_free(&as);
    spec_buf_free(&err);
}

/* assert_invalid / assert_malformed (binary): compiling must fail with `code`, and validation
 * alone must agree. */
static void cmd_assert_bad_module(struct file_run *fr, const cJSON *cmd, enum wisp_error_code code) {
    const char *fn = jstr(cmd, "filename");
    const char *text = jstr(cmd, "text");
    const char *what = code == WISP_ERR_INVALID ? "invalid" : "malformed";
    struct spec_outcome r = spec_outcome_ok();
    struct spec_module *mod;
    if (!load_module(fr, cmd, &r, &mod)) return;
    struct spec_buf got = {0};
    if (r.kind != WISP_ERROR || r.error != code) {
        put_result(&got, &r);
        fail(fr, "%s: expected %s (\"%s\"), got %s", fn, what, text ? text : "", got.p);
    } else {
        /* The bytes are read again: the check must not depend on what compiling kept. */
        size_t len = 0;
        uint8_t *bytes = read_module_file(fr, cmd, &len);
        if (bytes) {
            struct spec_outcome v = spec_outcome_ok();
            fr->api->validate(fr->s, bytes, len, &v);
            if (v.kind != WISP_ERROR || v.error != code) {
                put_result(&got, &v);
                fail(fr, "%s: compiling says %s but validating says %s", fn, what, got.p);
            } else {
                pass(fr);
            }
            spec_outcome_free(&v);
            free(bytes);
        }
    }
    spec_buf_free(&got);
    spec_outcome_free(&r);
}

/* assert_unlinkable / assert_uninstantiable: the module compiles, instantiation fails. */
static void cmd_assert_instantiate_fails(struct file_run *fr, const cJSON *cmd, bool unlinkable) {
    const char *fn = jstr(cmd, "filename");
    const char *text = jstr(cmd, "text");
    struct spec_outcome r = spec_outcome_ok();
    struct spec_module *mod;
    if (!text) text = "";
    if (!load_module(fr, cmd, &r, &mod)) return;
    struct spec_buf got = {0};
    if (r.kind != WISP_OK) {
        put_result(&got, &r);
        fail(fr, "%s: expected to load, got %s", fn, got.p);
    } else {
        spec_outcome_free(&r);
        struct spec_instance *inst = fr->api->instantiate(fr->s, mod, &r);
        bool ok = !inst &&
                  (unlinkable ? r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE : trap_matches(&r, text));
        if (ok) {
            pass(fr);
        } else {
            put_result(&got, &r);
            fail(fr, "%s: expected %s \"%s\", got %s", fn, unlinkable ? "unlinkable" : "trap", text, got.p);
        }
    }
    spec_buf_free(&got);
    spec_outcome_free(&r);
}

static void run_command(struct file_run *fr, const cJSON *cmd) {
    const char *type = jstr(cmd, "type");
    const char *mt = jstr(cmd, "module_type");
    if (!type) {
        fail(fr, "command without a type");
    } else if (strcmp(type, "module") == 0) {
        cmd_module(fr, cmd);
    } else if (strcmp(type, "register") == 0) {
        cmd_register(fr, cmd);
    } else if (strcmp(type, "assert_return") == 0) {
        cmd_assert_return(fr, cmd);
    } else if (strcmp(type, "action") == 0) {
        cmd_action(fr, cmd);
    } else if (strcmp(type, "assert_trap") == 0) {
        cmd_assert_trap(fr, cmd, false);
    } else if (strcmp(type, "assert_exhaustion") == 0) {
        cmd_assert_trap(fr, cmd, true);
    } else if (strcmp(type, "assert_malformed") == 0 && mt && strcmp(mt, "text") == 0) {
        fr->c.skipped_text++;
    } else if (strcmp(type, "assert_malformed") == 0) {
        cmd_assert_bad_module(fr, cmd, WISP_ERR_MALFORMED);
    } else if (strcmp(type, "assert_invalid") == 0) {
        cmd_assert_bad_module(fr, cmd, WISP_ERR_INVALID);
    } else if (strcmp(type, "assert_unlinkable") == 0) {
        cmd_assert_instantiate_fails(fr, cmd, true);
    } else if (strcmp(type, "assert_uninstantiable") == 0) {
        cmd_assert_instantiate_fails(fr, cmd, false);
    } else {
        fail(fr, "unknown command type");
    }
}

/* ---- files -------------------------------------------------------------------------------- */

/* Runs every command of one .json file; fills fr->c and fr->details. */
static void run_file(struct file_run *fr, const char *path) {
    struct spec_buf err = {0};
    fr->cmd = "load";
    cJSON *root = load_json(path, &err);
    if (!root) {
        fail(fr, "%s", err.p);
        spec_buf_free(&err);
        return;
    }
    const cJSON *cmds = cJSON_GetObjectItemCaseSensitive(root, "commands");
    fr->api = fr->opt->api;
    fr->cmd = "spectest";
    fr->s = fr->api->open(&err);
    if (!fr->s) {
        fail(fr, "cannot start the %s engine: %s", fr->api->name, err.p ? err.p : "?");
    } else {
        const cJSON *cmd;
        cJSON_ArrayForEach(cmd, cmds) {
            fr->line = (uint32_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(cmd, "line"));
            fr->cmd = jstr(cmd, "type");
            send_progress(fr, 'P');
            run_command(fr, cmd);
        }
    }
    fr->api->close(fr->s); /* frees every module and instance too */
    fr->s = NULL;
    for (size_t i = 0; i < fr->nnamed; i++) free(fr->named[i].name);
    free(fr->named);
    fr->named = NULL;
    fr->cmd = NULL;
    cJSON_Delete(root);
    spec_buf_free(&err);
}

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* The .wast name for a .json path (foo/bar.json -> bar.wast) is "%.*s.wast" of these. */
static int wast_stem(const char *json_path, const char **stem) {
    const char *b = base_name(json_path);
    size_t n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".json") == 0) n -= 5;
    *stem = b;
    return n > INT32_MAX ? INT32_MAX : (int)n;
}

static char *dir_name(const char *p) {
    const char *s = strrchr(p, '/');
    if (!s) return spec_xstrdup(".");
    struct spec_buf b = {0};
    spec_buf_append(&b, p, s == p ? 1 : (size_t)(s - p));
    return b.p;
}

/* The result of a file as the parent sees it. */
struct file_outcome {
    struct counts c;
    struct spec_buf details;
    struct spec_buf abnormal; /* how the child ended if not normally */
};

static void run_in_child(const struct options *opt, const char *path, struct file_outcome *out) {
    int fds[2];
    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) != 0) {
        spec_buf_printf(&out->abnormal, "pipe: %s", strerror(errno));
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        spec_buf_printf(&out->abnormal, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        if (opt->timeout) alarm(opt->timeout);
        struct file_run fr;
        memset(&fr, 0, sizeof fr);
        fr.opt = opt;
        fr.pipe_fd = fds[1];
        fr.dir = dir_name(path);
        run_file(&fr, path);
        send_progress(&fr, 'E');
        free(fr.dir);
        spec_buf_free(&fr.details);
        if (fr.pipe_fd >= 0) close(fr.pipe_fd);
        fflush(stdout);
        exit(0);
    }
    close(fds[1]);
    struct progress last;
    memset(&last, 0, sizeof last);
    bool ended = false;
    for (;;) {
        char hdr[5];
        uint32_t len;
        if (!read_all(fds[0], hdr, 5)) break;
        memcpy(&len, hdr + 1, 4);
        char *payload = spec_xmalloc(len + 1u);
        if (!read_all(fds[0], payload, len)) {
            free(payload);
            break;
        }
        if ((hdr[0] == 'P' || hdr[0] == 'E') && len == sizeof last) {
            memcpy(&last, payload, sizeof last);
            if (hdr[0] == 'E') ended = true;
        } else if (hdr[0] == 'D') {
            spec_buf_append(&out->details, payload, len);
        }
        free(payload);
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    out->c = last.c;
    last.cmd[sizeof last.cmd - 1] = '\0';
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        spec_buf_printf(&out->abnormal, "timed out after %u s", opt->timeout);
    else if (WIFSIGNALED(status))
        spec_buf_printf(&out->abnormal, "crashed with signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (!ended || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        spec_buf_printf(&out->abnormal, "exited abnormally (status %d)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    if (out->abnormal.len)
        spec_buf_printf(&out->abnormal, " at line %" PRIu32 " (%s)", last.line, last.cmd[0] ? last.cmd : "?");
}

static void run_here(const struct options *opt, const char *path, struct file_outcome *out) {
    struct file_run fr;
    memset(&fr, 0, sizeof fr);
    fr.opt = opt;
    fr.pipe_fd = -1;
    fr.dir = dir_name(path);
    run_file(&fr, path);
    free(fr.dir);
    out->c = fr.c;
    out->details = fr.details;
}

/* Counts the commands of a file that is skipped as a whole. */
static uint64_t count_commands(const char *path) {
    struct spec_buf err = {0};
    cJSON *root = load_json(path, &err);
    spec_buf_free(&err);
    uint64_t n = root ? (uint64_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "commands")) : 0;
    cJSON_Delete(root);
    return n;
}

/* The i-th "--skip" option, if argv[i] is one. */
static bool skip_rule_at(const struct options *opt, int i, struct skip_rule *out) {
    if (i + 1 >= opt->nopts || strcmp(opt->argv[i], "--skip") != 0) return false;
    const char *rule = opt->argv[i + 1], *eq = strchr(rule, '=');
    if (!eq) return false;
    *out = (struct skip_rule){rule, (size_t)(eq - rule), eq + 1};
    return true;
}

static bool skip_rule_for(const struct options *opt, const char *path, struct skip_rule *out) {
    const char *b = base_name(path);
    for (int i = 1; i < opt->nopts; i++)
        if (skip_rule_at(opt, i, out) && strncmp(b, out->prefix, out->prefix_len) == 0) return true;
    return false;
}

static void usage(FILE *f) {
    fputs("usage: spec_runner [--api=wisp|capi|capi-serialize] [--skip PREFIX=REASON]... [--max-details N]\n"
          "                   [--timeout SECS] [--no-fork] FILE.json...\n"
          "Runs wast2json output against wisp, through wisp.h (default) or wasm.h (--api=capi; with\n"
          "capi-serialize every module is serialized and deserialized before use).\n"
          "Files whose name starts with PREFIX are skipped for REASON.\n",
          f);
}

int main(int argc, char **argv) {
    struct options opt = {
        .api = &spec_api_wisp, .argv = argv, .nopts = 1, .max_details = UINT64_MAX, .timeout = 600, .fork = true};
    struct counts total = {0};
    uint64_t skipped_file_count = 0;
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *a = argv[first];
        char *end;
        if (strcmp(a, "--") == 0) {
            first++;
            break;
        } else if (strcmp(a, "--api=wisp") == 0) {
            opt.api = &spec_api_wisp;
        } else if (strcmp(a, "--api=capi") == 0 || strcmp(a, "--api=capi-serialize") == 0) {
#ifdef WISP_SPEC_CAPI
            opt.api = strcmp(a, "--api=capi") == 0 ? &spec_api_capi : &spec_api_capi_serialize;
#else
            fputs("spec_runner: built without wasm.h (include/wasm.h or src/capi missing)\n", stderr);
            return 2;
#endif
        } else if (strcmp(a, "--no-fork") == 0) {
            opt.fork = false;
        } else if (strcmp(a, "--skip") == 0 && first + 1 < argc && strchr(argv[first + 1], '=')) {
            first++; /* read by skip_rule_at */
        } else if (strcmp(a, "--max-details") == 0 && first + 1 < argc) {
            opt.max_details = strtoull(argv[++first], &end, 10);
            if (*end) goto bad_usage;
        } else if (strcmp(a, "--timeout") == 0 && first + 1 < argc) {
            unsigned long t = strtoul(argv[++first], &end, 10);
            if (*end || t > 86400) goto bad_usage;
            opt.timeout = (unsigned)t;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            goto bad_usage;
        }
    }
    if (first >= argc) goto bad_usage;
    opt.nopts = first;

    for (int i = first; i < argc; i++) {
        const char *path = argv[i];
        const char *stem;
        int stem_len = wast_stem(path, &stem);
        struct skip_rule skip;
        if (skip_rule_for(&opt, path, &skip)) {
            uint64_t n = count_commands(path);
            printf("SKIP %.*s.wast: %s (%" PRIu64 " commands)\n", stem_len, stem, skip.reason, n);
            total.skipped_files += n;
            skipped_file_count++;
            continue;
        }
        struct file_outcome out;
        memset(&out, 0, sizeof out);
        if (opt.fork) run_in_child(&opt, path, &out);
        else run_here(&opt, path, &out);
        if (out.abnormal.len) out.c.failed++;
        printf("%s %.*s.wast: %" PRIu64 " passed", out.c.failed ? "FAIL" : "PASS", stem_len, stem, out.c.passed);
        if (out.c.failed) printf(", %" PRIu64 " failed", out.c.failed);
        if (out.c.skipped_text) printf(", %" PRIu64 " skipped (text-format assert_malformed)", out.c.skipped_text);
        if (out.c.skipped_api) printf(", %" PRIu64 " skipped (%s)", out.c.skipped_api, opt.api->unsupported);
        if (out.abnormal.len) printf(" -- %s", out.abnormal.p);
        printf("\n");
        if (out.details.len) fputs(out.details.p, stdout);
        if (out.c.failed > opt.max_details)
            printf("  ... (details limited to %" PRIu64 ")\n", opt.max_details);
        fflush(stdout);
        total.passed += out.c.passed;
        total.failed += out.c.failed;
        total.skipped_text += out.c.skipped_text;
        total.skipped_api += out.c.skipped_api;
        spec_buf_free(&out.details);
        spec_buf_free(&out.abnormal);
    }
    if (skipped_file_count) {
        printf("skipped %" PRIu64 " commands in %" PRIu64 " files:", total.skipped_files, skipped_file_count);
        struct skip_rule rule;
        for (int i = 1; i < opt.nopts; i++)
            if (skip_rule_at(&opt, i, &rule)) printf(" %.*s*: %s;", (int)rule.prefix_len, rule.prefix, rule.reason);
        printf("\n");
    }
    if (total.skipped_text) printf("skipped %" PRIu64 " text-format assert_malformed commands\n", total.skipped_text);
    if (total.skipped_api)
        printf("skipped %" PRIu64 " commands through %s: %s\n", total.skipped_api, opt.api->name, opt.api->unsupported);
    if (opt.api != &spec_api_wisp) printf("api: %s\n", opt.api->name);
    printf("%" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", total.passed, total.failed,
           total.skipped_text + total.skipped_files + total.skipped_api);
    return total.failed ? 1 : 0;

bad_usage:
    usage(stderr);
    return 2;
}
