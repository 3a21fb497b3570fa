/* diff_run: runs one module in wisp the way tests/fuzz/diff_run.mjs runs it in V8 (same stub
 * imports, same arguments, same call order) and prints the outcome in the shared canonical format,
 * for diff_fuzz.mjs to compare.
 *
 * usage: diff_run [--rounds N] MODULE.wasm
 *
 * Output, one event a line (diff_run.mjs prints exactly the same for an agreeing engine):
 *   compile ok | compile error
 *   instantiate ok | instantiate trap CAT | instantiate exception | instantiate link-error |
 *   instantiate limit (a memory or table past the engine's limits)
 *   imported memory PAGES HASH      after a failed instantiation, the last imported memory
 *   call NAME ARGS...               a top-level call of a function export (N rounds each)
 *   log VALUE                       the module called a fuzzing-support log-* import
 *   result VALUES... | trap CAT | exception
 *   global NAME VALUE               every exported global after each call
 *   memory NAME PAGES HASH          every exported memory after each call (FNV-1a 64)
 *   table NAME SIZE HASH            every exported table after each call (hash of null/non-null)
 * Values: i32:-5 i64:7 f32:3f800000 f64:... (bit patterns; any NaN prints as f32:nan / f64:nan,
 * since NaN bits may legitimately differ between engines), funcref:null|func, externref:null|ext.
 * Trap categories (CAT): unreachable mem-oob table-oob indirect-call div0 int-overflow conversion
 * stack null-ref host. "exception" is the harness's own thrown error (import "throw", a bad
 * call-export index...), which fuzzing-support's *-catch imports catch and traps do not.
 *
 * The imports are those of binaryen's fuzz_shell.js, "fuzzing-support": log-*, log-branch, throw,
 * table-get, table-set, call-export, call-export-catch, call-ref, call-ref-catch, sleep; anything
 * else is a stub that logs "import NAME" and returns zeros. Imported globals are 0 (externref: one
 * host object), imported memories and tables are fresh ones of the declared type. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wisp.h"

#define MAX_VALUES 1100 /* params or results of one function (the validator allows 1000) */
#define EXCEPTION_MSG "fuzz: exception"

struct ctx {
    struct wisp_store *store;
    struct wisp_instance *inst; /* NULL until instantiation finished */
    const struct wisp_module *module;
    size_t nexports;
    int ext_object; /* the one host object handed out as a non-null externref */
    struct wisp_memory *imported_memory; /* the last imported memory, shown if instantiation fails */
};

struct import_env {
    struct ctx *ctx;
    char name[64];
};

/* ---- deterministic arguments (diff_run.mjs has the same tables) ------------------------------ */

static const int32_t ARG_I32[10] = {0, 1, -1, 0x7fffffff, INT32_MIN, 42, 65535, -65536, 0x10000, 7};
static const int64_t ARG_I64[10] = {0, 1, -1, INT64_MAX, INT64_MIN, 42, 0xffffffffLL, 0x100000000LL,
                                    -4294967296LL, 7};
static const uint32_t ARG_F32[10] = {0x00000000u, 0x80000000u, 0x3f800000u, 0xbfc00000u, 0x7f800000u,
                                     0xff800000u, 0x7f7fffffu, 0x00000001u, 0x4f000000u, 0xcf000000u};
static const uint64_t ARG_F64[10] = {0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
                                     0xbff8000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
                                     0x7fefffffffffffffull, 0x0000000000000001ull, 0x41e0000000000000ull,
                                     0xc1e0000000000000ull};

/* Argument k of a call: `salt` is (export position + 5 * round) at top level, 0 for nested calls. */
static struct wisp_value make_arg(struct ctx *c, uint8_t type, uint32_t k, uint32_t salt) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = type;
    uint32_t i = (k * 3 + salt) % 10;
    switch (type) {
    case WISP_I32: v.of.i32 = ARG_I32[i]; break;
    case WISP_I64: v.of.i64 = ARG_I64[i]; break;
    case WISP_F32: v.of.f32_bits = ARG_F32[i]; break;
    case WISP_F64: v.of.f64_bits = ARG_F64[i]; break;
    case WISP_FUNCREF: v.of.funcref = NULL; break;
    case WISP_EXTERNREF: v.of.externref = (i & 1) ? &c->ext_object : NULL; break;
    default: break;
    }
    return v;
}

/* ---- printing --------------------------------------------------------------------------------- */

static void print_value(const struct wisp_value *v) {
    switch (v->type) {
    case WISP_I32: printf("i32:%d", (int)v->of.i32); break;
    case WISP_I64: printf("i64:%lld", (long long)v->of.i64); break;
    case WISP_F32:
        if ((v->of.f32_bits & 0x7f800000u) == 0x7f800000u && (v->of.f32_bits & 0x007fffffu))
            printf("f32:nan");
        else
            printf("f32:%08x", (unsigned)v->of.f32_bits);
        break;
    case WISP_F64:
        if ((v->of.f64_bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
            (v->of.f64_bits & 0x000fffffffffffffull))
            printf("f64:nan");
        else
            printf("f64:%016llx", (unsigned long long)v->of.f64_bits);
        break;
    case WISP_FUNCREF: printf("funcref:%s", v->of.funcref ? "func" : "null"); break;
    case WISP_EXTERNREF: printf("externref:%s", v->of.externref ? "ext" : "null"); break;
    default: printf("v128:?"); break;
    }
}

static const char *trap_category(const struct wisp_result *r) {
    switch (r->trap) {
    case WISP_TRAP_UNREACHABLE: return "unreachable";
    case WISP_TRAP_MEMORY_OUT_OF_BOUNDS: return "mem-oob";
    case WISP_TRAP_TABLE_OUT_OF_BOUNDS: /* V8 says "table index is out of bounds" for both */
    case WISP_TRAP_UNDEFINED_ELEMENT: return "table-oob";
    case WISP_TRAP_UNINITIALIZED_ELEMENT: /* V8: "null function or function signature mismatch" */
    case WISP_TRAP_INDIRECT_CALL_MISMATCH: return "indirect-call";
    case WISP_TRAP_INTEGER_DIVIDE_BY_ZERO: return "div0";
    case WISP_TRAP_INTEGER_OVERFLOW: return "int-overflow";
    case WISP_TRAP_INVALID_CONVERSION: return "conversion";
    case WISP_TRAP_CALL_STACK_EXHAUSTED: return "stack";
    case WISP_TRAP_NULL_REFERENCE: return "null-ref";
    default: return "host";
    }
}

static bool is_exception(const struct wisp_result *r) {
    return r->kind == WISP_TRAP && r->trap == WISP_TRAP_HOST && r->message && !strcmp(r->message, EXCEPTION_MSG);
}

/* "trap CAT" or "exception" for a failed call. */
static void print_failure(const struct wisp_result *r) {
    if (is_exception(r))
        printf("exception");
    else if (r->kind == WISP_TRAP)
        printf("trap %s", trap_category(r));
    else if (r->kind == WISP_EXIT)
        printf("exit %d", (int)r->exit_code);
    else
        printf("error %s", r->message ? r->message : "?");
}

static uint64_t fnv1a(uint64_t h, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

#define FNV_BASIS 0xcbf29ce484222325ull

static void dump_state(struct ctx *c) {
    size_t n = wisp_instance_export_count(c->inst);
    for (size_t i = 0; i < n; i++) {
        const char *name;
        struct wisp_extern e;
        if (!wisp_instance_export_at(c->inst, i, &name, &e)) continue;
        if (e.kind == WISP_EXTERN_GLOBAL) {
            struct wisp_value v = wisp_global_get(e.of.global);
            printf("global %s ", name);
            print_value(&v);
            printf("\n");
        } else if (e.kind == WISP_EXTERN_MEMORY) {
            uint64_t h = fnv1a(FNV_BASIS, wisp_memory_data(e.of.memory), (size_t)wisp_memory_size(e.of.memory));
            printf("memory %s %llu %016llx\n", name, (unsigned long long)wisp_memory_pages(e.of.memory),
                   (unsigned long long)h);
            if (getenv("DIFF_RUN_MEMDUMP")) { /* debugging: the non-zero 16-byte rows */
                const uint8_t *m = wisp_memory_data(e.of.memory);
                for (uint64_t o = 0; o < wisp_memory_size(e.of.memory); o += 16) {
                    int any = 0;
                    for (int k = 0; k < 16; k++) any |= m[o + k];
                    if (!any) continue;
                    printf("  %08llx", (unsigned long long)o);
                    for (int k = 0; k < 16; k++) printf(" %02x", m[o + k]);
                    printf("\n");
                }
            }
        } else if (e.kind == WISP_EXTERN_TABLE) {
            uint64_t size = wisp_table_size(e.of.table), h = FNV_BASIS;
            for (uint64_t k = 0; k < size; k++) {
                struct wisp_value v;
                struct wisp_result r = wisp_table_get(e.of.table, k, &v);
                uint8_t b = r.kind == WISP_OK && (v.type == WISP_FUNCREF ? v.of.funcref != NULL : v.of.externref != NULL);
                wisp_result_free(&r);
                b = b ? 'x' : 'n';
                h = fnv1a(h, &b, 1);
            }
            printf("table %s %llu %016llx\n", name, (unsigned long long)size, (unsigned long long)h);
        }
    }
}

/* ---- calls -------------------------------------------------------------------------------------- */

/* Calls func with nested-call arguments; the results are dropped. */
static struct wisp_result call_nested(struct ctx *c, struct wisp_store *store, struct wisp_func *func) {
    const struct wisp_functype *t = wisp_func_type(func);
    struct wisp_value *args = calloc(t->param_count + 1, sizeof *args);
    struct wisp_value *res = calloc(t->result_count + 1, sizeof *res);
    if (!args || !res) {
        free(args);
        free(res);
        return wisp_trap_new(store, "out of memory");
    }
    for (uint32_t k = 0; k < t->param_count; k++) args[k] = make_arg(c, t->params[k], k, 0);
    struct wisp_result r = wisp_func_call(store, func, args, t->param_count, res, t->result_count);
    free(args);
    free(res);
    return r;
}

/* The export at position idx (all kinds count, as in fuzz_shell's exportList), if a function. */
static struct wisp_func *export_func(struct ctx *c, int64_t idx) {
    if (!c->inst || idx < 0 || (uint64_t)idx >= c->nexports) return NULL;
    const char *name;
    struct wisp_extern e;
    if (!wisp_instance_export_at(c->inst, (size_t)idx, &name, &e) || e.kind != WISP_EXTERN_FUNC) return NULL;
    return e.of.func;
}

static struct wisp_table *export_table(struct ctx *c) {
    struct wisp_extern e;
    if (!c->inst || !wisp_instance_export(c->inst, "table", &e) || e.kind != WISP_EXTERN_TABLE) return NULL;
    return e.of.table;
}

static struct wisp_result exception(struct wisp_store *s) { return wisp_trap_new(s, EXCEPTION_MSG); }

/* A call that the *-catch imports guard: harness exceptions give 1, traps go on unwinding. */
static struct wisp_result catching(struct wisp_result r, struct wisp_value *out) {
    out->type = WISP_I32;
    out->of.i32 = 0;
    if (is_exception(&r)) {
        wisp_result_free(&r);
        out->of.i32 = 1;
        return wisp_ok();
    }
    return r;
}

static bool is_null_ref(const struct wisp_value *v) {
    return v->type == WISP_FUNCREF ? !v->of.funcref : !v->of.externref;
}

/* Every import of module "fuzzing-support" (and the stubs for anything else). */
static struct wisp_result host_import(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                      struct wisp_value *results) {
    struct import_env *ie = env;
    struct ctx *c = ie->ctx;
    struct wisp_store *s = wisp_caller_store(caller);
    const char *n = ie->name;

    if (!strncmp(n, "log-", 4) && strcmp(n, "log-branch")) {
        printf("log ");
        print_value(&args[0]);
        printf("\n");
        return wisp_ok();
    }
    if (!strcmp(n, "log-branch")) {
        printf("log-branch %d %d %d\n", (int)args[0].of.i32, (int)args[1].of.i32, (int)args[2].of.i32);
        return wisp_ok();
    }
    if (!strcmp(n, "throw")) return exception(s);
    if (!strcmp(n, "sleep")) {
        results[0] = args[1];
        return wisp_ok();
    }
    if (!strcmp(n, "table-get") || !strcmp(n, "table-set")) {
        struct wisp_table *t = export_table(c);
        uint64_t idx = (uint32_t)args[0].of.i32;
        if (!t || idx >= wisp_table_size(t)) return exception(s); /* JS: RangeError */
        struct wisp_tabletype tt;
        wisp_table_type(t, &tt);
        if (n[6] == 'g') {
            struct wisp_value v;
            struct wisp_result r = wisp_table_get(t, idx, &v);
            wisp_result_free(&r);
            /* V8 converts the element to the import's result type: an externref that is not a
             * function fails the conversion (null converts to any reference type). */
            if (v.type != results[0].type) {
                if (!is_null_ref(&v)) return exception(s);
                memset(&v, 0, sizeof v);
                v.type = results[0].type;
            }
            results[0] = v;
        } else {
            struct wisp_value v = args[1];
            if (v.type != tt.elem_type) {
                bool null = is_null_ref(&v);
                if (!null && tt.elem_type == WISP_FUNCREF) return exception(s); /* not a wasm function */
                memset(&v, 0, sizeof v);
                v.type = tt.elem_type;
                if (!null) v.of.externref = &c->ext_object; /* any JS value is an externref */
            }
            struct wisp_result r = wisp_table_set(t, idx, v);
            wisp_result_free(&r);
        }
        return wisp_ok();
    }
    if (!strcmp(n, "call-export") || !strcmp(n, "call-export-catch")) {
        struct wisp_func *f = export_func(c, args[0].of.i32);
        struct wisp_result r = f ? call_nested(c, s, f) : exception(s);
        return n[11] ? catching(r, &results[0]) : r;
    }
    if (!strcmp(n, "call-ref") || !strcmp(n, "call-ref-catch")) {
        struct wisp_func *f = args[0].of.funcref;
        struct wisp_result r = f ? call_nested(c, s, f) : exception(s);
        return n[8] ? catching(r, &results[0]) : r;
    }
    /* Unknown import: log the call, return zeros (the results arrive zeroed and typed). */
    printf("import %s\n", n);
    return wisp_ok();
}

/* ---- instantiation ------------------------------------------------------------------------------ */

static int define_imports(struct ctx *c, struct wisp_linker *linker, struct import_env **envs_out) {
    size_t n = wisp_module_import_count(c->module);
    struct import_env *envs = calloc(n + 1, sizeof *envs);
    *envs_out = envs;
    if (!envs) return -1;
    for (size_t i = 0; i < n; i++) {
        struct wisp_import_desc d;
        if (!wisp_module_import(c->module, i, &d)) return -1;
        struct wisp_extern e;
        memset(&e, 0, sizeof e);
        e.kind = d.type.kind;
        if (d.type.kind == WISP_EXTERN_FUNC) {
            envs[i].ctx = c;
            if (!strcmp(d.module, "fuzzing-support"))
                snprintf(envs[i].name, sizeof envs[i].name, "%s", d.name);
            else
                snprintf(envs[i].name, sizeof envs[i].name, "%s.%s", d.module, d.name);
            e.of.func = wisp_func_new(c->store, &d.type.of.func, host_import, &envs[i], NULL);
            if (!e.of.func) return -1;
        } else if (d.type.kind == WISP_EXTERN_GLOBAL) {
            struct wisp_value v;
            memset(&v, 0, sizeof v);
            v.type = d.type.of.global.type;
            if (v.type == WISP_EXTERNREF) v.of.externref = &c->ext_object;
            e.of.global = wisp_global_new(c->store, &d.type.of.global, v);
            if (!e.of.global) return -1;
        } else if (d.type.kind == WISP_EXTERN_MEMORY) {
            e.of.memory = wisp_memory_new(c->store, &d.type.of.memory);
            if (!e.of.memory) return -1;
            c->imported_memory = e.of.memory;
        } else {
            struct wisp_value v;
            memset(&v, 0, sizeof v);
            v.type = d.type.of.table.elem_type;
            e.of.table = wisp_table_new(c->store, &d.type.of.table, v);
            if (!e.of.table) return -1;
        }
        struct wisp_result r = wisp_linker_define(linker, d.module, d.name, e);
        bool ok = r.kind == WISP_OK;
        wisp_result_free(&r);
        if (!ok) return -1;
    }
    return 0;
}

static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        uint8_t *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

struct job {
    const char *path;
    int rounds;
    int status;
};

static void run(struct job *job) {
    size_t len;
    uint8_t *bytes = read_file(job->path, &len);
    if (!bytes) {
        fprintf(stderr, "diff_run: cannot read %s\n", job->path);
        job->status = 2;
        return;
    }
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    /* Nested host->wasm calls (call-export) get about as much room as V8 gives them; the thread
     * running this has a 64 MiB stack (main). */
    cfg.native_stack_bytes = 48u << 20;
    struct wisp_engine *engine = wisp_engine_new(&cfg);
    struct wisp_module *module = NULL;
    struct wisp_result r = wisp_module_new(engine, bytes, len, &module);
    free(bytes);
    if (r.kind != WISP_OK) {
        printf("compile error\n");
        fprintf(stderr, "diff_run: %s\n", r.message ? r.message : "?");
        wisp_result_free(&r);
        wisp_engine_free(engine);
        return;
    }
    printf("compile ok\n");

    struct ctx c;
    memset(&c, 0, sizeof c);
    c.module = module;
    c.store = wisp_store_new(engine);
    struct wisp_linker *linker = c.store ? wisp_linker_new(c.store) : NULL;
    struct import_env *envs = NULL;
    if (!linker || define_imports(&c, linker, &envs) != 0) {
        fprintf(stderr, "diff_run: cannot define imports\n");
        job->status = 2;
        goto out;
    }
    struct wisp_instance *inst = NULL;
    r = wisp_linker_instantiate(linker, module, &inst);
    if (r.kind != WISP_OK) {
        if (r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE)
            printf("instantiate link-error\n");
        else if (r.kind == WISP_ERROR && (r.error == WISP_ERR_LIMIT || r.error == WISP_ERR_OUT_OF_MEMORY))
            printf("instantiate limit\n"); /* V8: RangeError (a table or memory too large) */
        else {
            printf("instantiate ");
            print_failure(&r);
            printf("\n");
        }
        fprintf(stderr, "diff_run: %s\n", r.message ? r.message : "?");
        wisp_result_free(&r);
        if (c.imported_memory) /* what the segments before the failing one wrote stays */
            printf("imported memory %llu %016llx\n", (unsigned long long)wisp_memory_pages(c.imported_memory),
                   (unsigned long long)fnv1a(FNV_BASIS, wisp_memory_data(c.imported_memory),
                                             (size_t)wisp_memory_size(c.imported_memory)));
        goto out;
    }
    printf("instantiate ok\n");
    c.inst = inst;
    c.nexports = wisp_instance_export_count(inst);

    for (size_t i = 0; i < c.nexports; i++) {
        const char *name;
        struct wisp_extern e;
        if (!wisp_instance_export_at(inst, i, &name, &e) || e.kind != WISP_EXTERN_FUNC) continue;
        const struct wisp_functype *t = wisp_func_type(e.of.func);
        if (t->param_count > MAX_VALUES || t->result_count > MAX_VALUES) continue;
        for (int round = 0; round < job->rounds; round++) {
            static struct wisp_value args[MAX_VALUES], res[MAX_VALUES]; /* one thread only */
            printf("call %s", name);
            for (uint32_t k = 0; k < t->param_count; k++) {
                args[k] = make_arg(&c, t->params[k], k, (uint32_t)i + 5u * (uint32_t)round);
                printf(" ");
                print_value(&args[k]);
            }
            printf("\n");
            fflush(stdout);
            r = wisp_func_call(c.store, e.of.func, args, t->param_count, res, t->result_count);
            if (r.kind == WISP_OK) {
                printf("result");
                for (uint32_t k = 0; k < t->result_count; k++) {
                    printf(" ");
                    print_value(&res[k]);
                }
            } else {
                print_failure(&r);
            }
            printf("\n");
            wisp_result_free(&r);
            dump_state(&c);
            fflush(stdout);
        }
    }
out:
    if (linker) wisp_linker_free(linker);
    if (c.store) wisp_store_free(c.store);
    free(envs);
    wisp_module_free(module);
    wisp_engine_free(engine);
}

static void *run_thread(void *arg) {
    run(arg);
    return NULL;
}

int main(int argc, char **argv) {
    struct job job = {NULL, 2, 0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
            job.rounds = atoi(argv[++i]);
        else if (!job.path)
            job.path = argv[i];
        else
            job.path = NULL, i = argc;
    }
    if (!job.path) {
        fprintf(stderr, "usage: diff_run [--rounds N] MODULE.wasm\n");
        return 2;
    }
    /* Run on a thread with a big stack so that deep host->wasm->host nesting is bounded by the
     * engine's native_stack_bytes (and reported as a trap), never by a crash. */
    pthread_attr_t attr;
    pthread_t th;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64u << 20);
    if (pthread_create(&th, &attr, run_thread, &job) != 0)
        run(&job);
    else
        pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
    return job.status;
}
