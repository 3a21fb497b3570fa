/* embed.c: embedding micro-benchmarks for wisp, linked against the static library (it reads a
 * few internal structures for statistics, hence -Isrc): decode+validate+compile throughput,
 * internal code size per byte of wasm code, instantiate+call+free of a tiny module, empty
 * host->wasm and wasm->host calls. Prints one JSON object. Times are CPU time of the process
 * (robust on a shared machine; the work is single-threaded), or wall time with --wall.
 *   micro_embed [--wall] TINY.wasm LARGE.wasm */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "interp/interp.h"
#include "runtime/runtime.h"
#include "wisp.h"

static clockid_t clock_id = CLOCK_PROCESS_CPUTIME_ID;

static double now(void) {
    struct timespec ts;
    clock_gettime(clock_id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(n > 0 ? (size_t)n : 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) free(b), b = NULL;
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void die(const char *what, struct wisp_result *r) {
    fprintf(stderr, "micro_embed: %s: %s\n", what, r && r->message ? r->message : "failed");
    exit(1);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of `reps` timings of fn(ctx, iters), divided by iters: seconds per operation. */
#define REPS 7
static double per_op(void (*fn)(void *, long), void *ctx, long iters) {
    double t[REPS];
    fn(ctx, iters / 10 + 1); /* warm-up */
    for (int i = 0; i < REPS; i++) {
        double t0 = now();
        fn(ctx, iters);
        t[i] = (now() - t0) / (double)iters;
    }
    qsort(t, REPS, sizeof t[0], cmp_double);
    return t[REPS / 2];
}

static struct wisp_result host_nop(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                   struct wisp_value *results) {
    (void)env, (void)caller, (void)args, (void)results;
    return wisp_ok();
}

struct ctx {
    struct wisp_engine *engine;
    struct wisp_module *module;
    struct wisp_store *store;
    struct wisp_func *func;
    const uint8_t *bytes;
    size_t len;
    struct wisp_extern import;
};

static void bench_compile(void *p, long iters) {
    struct ctx *c = p;
    for (long i = 0; i < iters; i++) {
        struct wisp_module *m;
        struct wisp_result r = wisp_module_new(c->engine, c->bytes, c->len, &m);
        if (r.kind != WISP_OK) die("compile", &r);
        wisp_module_free(m);
    }
}

/* store + instantiate + call + free, the life of a short-lived plugin call */
static void bench_instantiate(void *p, long iters) {
    struct ctx *c = p;
    for (long i = 0; i < iters; i++) {
        struct wisp_store *s = wisp_store_new(c->engine);
        struct wisp_func *nop = wisp_func_new(s, &(struct wisp_functype){0, 0, NULL, NULL}, host_nop, NULL, NULL);
        struct wisp_extern imp = {.kind = WISP_EXTERN_FUNC, .of.func = nop};
        struct wisp_instance *inst;
        struct wisp_result r = wisp_instance_new(s, c->module, &imp, 1, &inst);
        if (r.kind != WISP_OK) die("instantiate", &r);
        struct wisp_value v;
        r = wisp_instance_call(inst, "answer", NULL, 0, &v, 1);
        if (r.kind != WISP_OK || v.of.i32 != 42) die("call answer", &r);
        wisp_store_free(s);
    }
}

static void bench_call_empty(void *p, long iters) {
    struct ctx *c = p;
    for (long i = 0; i < iters; i++) {
        struct wisp_result r = wisp_func_call(c->store, c->func, NULL, 0, NULL, 0);
        if (r.kind != WISP_OK) die("call nop", &r);
    }
}

static void bench_call_by_name(void *p, long iters) {
    struct ctx *c = p;
    struct wisp_instance *inst = c->func->inst;
    for (long i = 0; i < iters; i++) {
        struct wisp_result r = wisp_instance_call(inst, "nop", NULL, 0, NULL, 0);
        if (r.kind != WISP_OK) die("call nop by name", &r);
    }
}

static void call_loop(struct ctx *c, const char *name, long iters) {
    struct wisp_value arg = {.type = WISP_I32, .of.i32 = (int32_t)iters};
    struct wisp_result r = wisp_instance_call(c->func->inst, name, &arg, 1, NULL, 0);
    if (r.kind != WISP_OK) die(name, &r);
}
static void bench_call_host(void *p, long iters) { call_loop(p, "call_host", iters); }
static void bench_loop_only(void *p, long iters) { call_loop(p, "loop_only", iters); }

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--wall") == 0) clock_id = CLOCK_MONOTONIC, argc--, argv++;
    if (argc < 3) {
        fprintf(stderr, "usage: micro_embed [--wall] TINY.wasm LARGE.wasm\n");
        return 2;
    }
    struct ctx c = {0};
    c.engine = wisp_engine_new(NULL);
    if (!c.engine) die("engine", NULL);

    /* ---- compile throughput and code size on the large module ---- */
    size_t large_len;
    uint8_t *large = read_file(argv[2], &large_len);
    if (!large) die(argv[2], NULL);
    struct wisp_module *lm;
    struct wisp_result r = wisp_module_new(c.engine, large, large_len, &lm);
    if (r.kind != WISP_OK) die("compile large", &r);
    uint64_t body_bytes = 0, code_bytes = 0;
    const struct module *mod = lm->mod;
    for (uint32_t i = 0; i < mod->ncodes; i++) {
        body_bytes += mod->codes[i].body_len;
        if (mod->compiled && mod->compiled[i]) code_bytes += interp_code_size(mod->compiled[i]);
    }
    uint32_t nfuncs = mod->ncodes;
    wisp_module_free(lm);
    c.bytes = large, c.len = large_len;
    double t_compile = per_op(bench_compile, &c, 3);

    /* ---- the tiny module ---- */
    size_t tiny_len;
    uint8_t *tiny = read_file(argv[1], &tiny_len);
    if (!tiny) die(argv[1], NULL);
    r = wisp_module_new(c.engine, tiny, tiny_len, &c.module);
    if (r.kind != WISP_OK) die("compile tiny", &r);
    double t_inst = per_op(bench_instantiate, &c, 20000);

    c.store = wisp_store_new(c.engine);
    struct wisp_func *nop = wisp_func_new(c.store, &(struct wisp_functype){0, 0, NULL, NULL}, host_nop, NULL, NULL);
    struct wisp_extern imp = {.kind = WISP_EXTERN_FUNC, .of.func = nop};
    struct wisp_instance *inst;
    r = wisp_instance_new(c.store, c.module, &imp, 1, &inst);
    if (r.kind != WISP_OK) die("instantiate", &r);
    struct wisp_extern ext;
    if (!wisp_instance_export(inst, "nop", &ext) || ext.kind != WISP_EXTERN_FUNC) die("export nop", NULL);
    c.func = ext.of.func;
    double t_call = per_op(bench_call_empty, &c, 2000000);
    double t_call_name = per_op(bench_call_by_name, &c, 2000000);
    double t_host = per_op(bench_call_host, &c, 5000000);
    double t_loop = per_op(bench_loop_only, &c, 5000000);

    printf("{\"clock\":\"%s\",\"large_module\":\"%s\",\"large_module_bytes\":%zu,\"large_code_bytes\":%llu,\"large_funcs\":%u,"
           "\"compile_s\":%.6f,\"compile_mb_s_code\":%.2f,\"compile_mb_s_module\":%.2f,"
           "\"internal_code_bytes\":%llu,\"internal_code_per_wasm_byte\":%.3f,"
           "\"instantiate_call_free_us\":%.3f,\"host_to_wasm_call_ns\":%.2f,\"host_to_wasm_call_by_name_ns\":%.2f,"
           "\"wasm_to_host_call_ns\":%.2f,\"wasm_loop_iteration_ns\":%.2f,\"wasm_to_host_call_net_ns\":%.2f}\n",
           clock_id == CLOCK_MONOTONIC ? "wall" : "cpu", argv[2], large_len, (unsigned long long)body_bytes, nfuncs, t_compile,
           (double)body_bytes / t_compile / 1e6, (double)large_len / t_compile / 1e6,
           (unsigned long long)code_bytes, body_bytes ? (double)code_bytes / (double)body_bytes : 0.0,
           t_inst * 1e6, t_call * 1e9, t_call_name * 1e9, t_host * 1e9, t_loop * 1e9, (t_host - t_loop) * 1e9);

    wisp_store_free(c.store);
    wisp_module_free(c.module);
    wisp_engine_free(c.engine);
    free(large), free(tiny);
    return 0;
}
