/* libFuzzer target "run": loads a module, instantiates it with stub imports and calls every
 * exported function with zero arguments (then reads exported globals, memories and tables).
 *
 * Hangs, without fuel: a module without `loop` runs in-process. Without loops every instruction
 * of a body runs at most once per call, so the only way to run long is a wide call tree;
 * max_call_depth is chosen from the most call instructions in any one body so that a call makes
 * at most ~4,096 calls in all (fuzz_call_depth), and memories are capped at 4 MiB and tables at
 * 64 Ki elements so that no bulk instruction runs long either. A module with loops runs in a
 * forked child stopped by a timer after 200 ms (see run_module_in_child): its crashes are still
 * caught, but libFuzzer does not see the coverage of its execution.
 *
 * Allocation: loading is capped hard at 64 x the input + 1 MiB (plus the validator's operand
 * stack: fuzz_stack_allowance; see fuzz_load.c); instantiation and calls may allocate what the
 * module declares (tables, the value stack), so past the load they get a soft cap of 64 MiB: an
 * allocation past it fails and must be reported as a clean error. One input in eight also fails
 * one allocation of the instantiation, to walk the out-of-memory paths of the runtime, and one
 * in eight first offers a mismatched import, which must be refused cleanly. Everything must be
 * given back at the end. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz_common.h"

#define RUN_MAX_MEMORY (4u << 20)
#define RUN_MAX_TABLE 65536u
#define RUN_SOFT_CAP ((size_t)64 << 20)
#define RUN_MAX_EXPORT_CALLS 64u

/* Stub for every imported function: results stay zero (the runtime pre-fills them). */
static struct wisp_result stub(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                               struct wisp_value *results) {
    (void)env;
    (void)caller;
    (void)args;
    (void)results;
    return wisp_ok();
}

static struct wisp_value zero_of(uint8_t type) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = type;
    return v;
}

/* Makes an extern matching import i; false if the store refuses (too big: fine, no run). */
static bool make_import(struct wisp_store *s, const struct wisp_import_desc *d, struct wisp_extern *out) {
    out->kind = d->type.kind;
    switch (d->type.kind) {
    case WISP_EXTERN_FUNC:
        out->of.func = wisp_func_new(s, &d->type.of.func, stub, NULL, NULL);
        return out->of.func != NULL;
    case WISP_EXTERN_TABLE:
        out->of.table = wisp_table_new(s, &d->type.of.table, zero_of(d->type.of.table.elem_type));
        return out->of.table != NULL;
    case WISP_EXTERN_MEMORY:
        out->of.memory = wisp_memory_new(s, &d->type.of.memory);
        return out->of.memory != NULL;
    case WISP_EXTERN_GLOBAL:
        out->of.global = wisp_global_new(s, &d->type.of.global, zero_of(d->type.of.global.type));
        return out->of.global != NULL;
    }
    fuzz_fail("import of unknown kind %d", (int)d->type.kind);
}

static void check_call_result(const struct wisp_result *r, const char *what) {
    switch (r->kind) {
    case WISP_OK: return;
    case WISP_TRAP:
        if (r->trap == WISP_TRAP_NONE || r->trap >= WISP_TRAP_COUNT_) fuzz_fail("%s: trap code %d", what, (int)r->trap);
        if (r->message && strchr(r->message, '\n')) fuzz_fail("%s: trap message of more than one line", what);
        return;
    case WISP_ERROR:
        /* Only running out of (capped) memory is a reason for a call to fail outright. */
        if (r->error != WISP_ERR_OUT_OF_MEMORY && r->error != WISP_ERR_LIMIT)
            fuzz_fail("%s: error %d: %s", what, (int)r->error, r->message ? r->message : "");
        return;
    default: fuzz_fail("%s: result kind %d", what, (int)r->kind);
    }
}

/* What happened to one input (printed when WISP_FUZZ_VERBOSE is set). */
struct run_stats {
    unsigned calls, traps;
};

static void call_exports(struct wisp_store *s, struct wisp_instance *inst, struct run_stats *st) {
    size_t n = wisp_instance_export_count(inst);
    unsigned calls = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name;
        struct wisp_extern ext;
        if (!wisp_instance_export_at(inst, i, &name, &ext)) fuzz_fail("export %zu of %zu missing", i, n);
        if (ext.kind == WISP_EXTERN_FUNC) {
            if (calls++ >= RUN_MAX_EXPORT_CALLS) continue;
            const struct wisp_functype *ft = wisp_func_type(ext.of.func);
            struct wisp_value args[1000], results[1000]; /* MOD_MAX_PARAMS / MOD_MAX_RESULTS */
            if (ft->param_count > 1000 || ft->result_count > 1000) fuzz_fail("function type of %u params", ft->param_count);
            for (uint32_t k = 0; k < ft->param_count; k++) args[k] = zero_of(ft->params[k]);
            struct wisp_result r = wisp_func_call(s, ext.of.func, args, ft->param_count, results, ft->result_count);
            check_call_result(&r, "calling an export");
            st->calls++;
            st->traps += r.kind == WISP_TRAP;
            if (r.kind == WISP_OK)
                for (uint32_t k = 0; k < ft->result_count; k++)
                    if (results[k].type != ft->results[k])
                        fuzz_fail("result %u has type 0x%x, the function says 0x%x", k, results[k].type, ft->results[k]);
            wisp_result_free(&r);
        } else if (ext.kind == WISP_EXTERN_GLOBAL) {
            struct wisp_globaltype gt;
            wisp_global_type(ext.of.global, &gt);
            struct wisp_value v = wisp_global_get(ext.of.global);
            if (v.type != gt.type) fuzz_fail("global of type 0x%x reads as 0x%x", gt.type, v.type);
        } else if (ext.kind == WISP_EXTERN_MEMORY) {
            uint64_t bytes = wisp_memory_size(ext.of.memory);
            if (bytes != wisp_memory_pages(ext.of.memory) * 65536u) fuzz_fail("memory size and pages disagree");
            if (bytes > RUN_MAX_MEMORY) fuzz_fail("memory of %llu bytes past the cap", (unsigned long long)bytes);
            uint8_t buf[16];
            struct wisp_result r = wisp_memory_read(ext.of.memory, bytes >= 16 ? bytes - 16 : 0, buf, 16);
            if ((r.kind == WISP_OK) != (bytes >= 16)) fuzz_fail("memory read at the end: wrong bounds check");
            wisp_result_free(&r);
        } else if (ext.kind == WISP_EXTERN_TABLE) {
            uint64_t size = wisp_table_size(ext.of.table);
            for (uint64_t k = 0; k <= size && k < 1024; k++) {
                struct wisp_value v;
                struct wisp_result r = wisp_table_get(ext.of.table, k, &v);
                if ((r.kind == WISP_OK) != (k < size)) fuzz_fail("table get %llu of %llu", (unsigned long long)k,
                                                                 (unsigned long long)size);
                wisp_result_free(&r);
            }
        }
    }
}

/* Instantiates m in a new store (one import in eight first replaced by a mismatched one) and
 * calls its exports. Returns whether an instance was made. */
static bool run_module(struct wisp_engine *e, const struct wisp_module *m, struct fuzz_alloc *fa, uint64_t h,
                       struct run_stats *st) {
    fa->hard = false;
    fa->cap = RUN_SOFT_CAP;
    if ((h & 7) == 0) fa->fail_at = fa->count + 1 + (h >> 3) % 64;
    fa->phase = "instantiating";
    struct wisp_result r;
    struct wisp_store *s = wisp_store_new(e);
    size_t ni = wisp_module_import_count(m);
    struct wisp_extern *imports = calloc(ni ? ni : 1, sizeof *imports);
    bool ok = s && imports;
    for (size_t i = 0; ok && i < ni; i++) {
        struct wisp_import_desc d;
        if (!wisp_module_import(m, i, &d)) fuzz_fail("import %zu not described", i);
        ok = make_import(s, &d, &imports[i]);
    }
    struct wisp_instance *inst = NULL;
    /* One input in eight first tries an import of the wrong kind or type, which must be refused
     * cleanly (WISP_ERR_UNLINKABLE) before the right ones are given. */
    if (ok && ni && (h & 0x70) == 0x10) {
        size_t k = (size_t)(h >> 8) % ni;
        struct wisp_extern saved = imports[k];
        static const uint8_t i64_type[1] = {WISP_I64};
        struct wisp_functype ft = {0, 1, NULL, i64_type};
        struct wisp_globaltype gt = {WISP_I64, (h >> 20) & 1};
        if (saved.kind == WISP_EXTERN_FUNC && (h >> 21) & 1) {
            imports[k].of.func = wisp_func_new(s, &ft, stub, NULL, NULL);
        } else {
            imports[k].kind = WISP_EXTERN_GLOBAL;
            imports[k].of.global = wisp_global_new(s, &gt, zero_of(WISP_I64));
        }
        if (imports[k].of.func) {
            r = wisp_instance_new(s, m, imports, ni, &inst);
            if ((r.kind == WISP_OK) != (inst != NULL)) fuzz_fail("wisp_instance_new: result and instance disagree");
            /* (It may still fit: an i64 global for an i64 global import, say.) */
            if (r.kind == WISP_ERROR && r.error != WISP_ERR_UNLINKABLE && r.error != WISP_ERR_OUT_OF_MEMORY &&
                r.error != WISP_ERR_LIMIT)
                fuzz_fail("a mismatched import gave error %d: %s", (int)r.error, r.message ? r.message : "");
            if (r.kind != WISP_ERROR) check_call_result(&r, "instantiating with a replaced import");
            wisp_result_free(&r);
        }
        imports[k] = saved;
    }
    if (ok && !inst) {
        r = wisp_instance_new(s, m, imports, ni, &inst);
        if ((r.kind == WISP_OK) != (inst != NULL)) fuzz_fail("wisp_instance_new: result and instance disagree");
        if (r.kind == WISP_ERROR && r.error != WISP_ERR_OUT_OF_MEMORY && r.error != WISP_ERR_LIMIT)
            fuzz_fail("instantiating with matching stubs failed: %s", r.message ? r.message : "");
        if (r.kind != WISP_ERROR) check_call_result(&r, "instantiating");
        wisp_result_free(&r);
    }
    fa->phase = "calling exports";
    if (inst) call_exports(s, inst, st);
    fa->phase = "freeing the store";
    wisp_store_free(s);
    free(imports);
    return inst != NULL;
}

/* A module with loops may run forever: it runs in a child process that a timer stops after
 * RUN_CHILD_MS. The child's coverage is lost to libFuzzer, but a crash in it (a signal other
 * than the timer's, or a failed check: a nonzero exit) is reported here as this input's. With
 * WISP_FUZZ_NOFORK set, such a module runs in-process (to debug a crash; it may hang). */
#define RUN_CHILD_MS 200

static void run_module_in_child(struct wisp_engine *e, const struct wisp_module *m, struct fuzz_alloc *fa,
                                uint64_t h, struct run_stats *st) {
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return; /* no process to spare: skip the run */
    if (pid == 0) {
        struct itimerval t = {{0, 0}, {0, RUN_CHILD_MS * 1000}};
        signal(SIGALRM, SIG_DFL);
        setitimer(ITIMER_REAL, &t, NULL);
        run_module(e, m, fa, h, st);
        _exit(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) fuzz_fail("waitpid: %s", strerror(errno));
    if (WIFSIGNALED(status) && WTERMSIG(status) != SIGALRM)
        fuzz_fail("running the module (in a child: rerun with WISP_FUZZ_NOFORK=1) died of signal %d",
                  WTERMSIG(status));
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        fuzz_fail("running the module (in a child: rerun with WISP_FUZZ_NOFORK=1) failed, exit %d",
                  WEXITSTATUS(status));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct fuzz_code_info info = fuzz_scan_code(data, size);
    struct fuzz_alloc fa;
    fuzz_alloc_init(&fa, size);
    fa.cap += fuzz_stack_allowance(&info);
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.alloc = fuzz_alloc_fn;
    cfg.alloc_ud = &fa;
    cfg.max_call_depth = fuzz_call_depth(info.max_calls);
    cfg.value_stack_bytes = 1u << 20;
    cfg.max_memory_bytes = RUN_MAX_MEMORY;
    cfg.max_table_elems = RUN_MAX_TABLE;
    struct wisp_engine *e = wisp_engine_new(&cfg);
    if (!e) fuzz_fail("wisp_engine_new failed");

    struct wisp_module *m = NULL;
    struct wisp_result r = wisp_module_new(e, data, size, &m);
    wisp_result_free(&r);
    struct run_stats st = {0, 0};
    bool loaded = m != NULL, instantiated = false, forked = false;
    uint64_t h = fuzz_hash(data, size);
    if (m && info.ok && !info.has_loop) {
        instantiated = run_module(e, m, &fa, h, &st);
    } else if (m && info.ok) {
        forked = !getenv("WISP_FUZZ_NOFORK");
        if (forked) run_module_in_child(e, m, &fa, h, &st);
        else instantiated = run_module(e, m, &fa, h, &st);
    }
    fa.phase = "freeing";
    wisp_module_free(m);
    wisp_engine_free(e);
    fuzz_alloc_check_empty(&fa);
    if (getenv("WISP_FUZZ_VERBOSE"))
        fprintf(stderr, "run: %s, %s, %u calls, %u traps, call depth %u, peak %zu bytes\n",
                loaded ? "loaded" : "not loaded",
                forked ? "has loops: run in a child" : instantiated ? "instantiated" : "not run", st.calls, st.traps,
                cfg.max_call_depth, fa.peak);
    return 0;
}
