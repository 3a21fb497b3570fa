/* fuzz_run: runs a module made by binaryen's `wasm-opt -ttf` in wisp and prints what it does, in
 * the format of fuzz_run.mjs (the same under V8), for tests/fuzz/diff.sh to compare: each export
 * called in order with zero arguments (after the hang-limit initializer, if any), the values its
 * fuzzing-support imports log, its results, and "trap" for any trap. NaNs print as "nan" (their
 * bits are not specified), other floats as their bits. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wisp.h"

static void print_value(const char *what, const struct wisp_value *v) {
    switch (v->type) {
    case WISP_I32: printf("%s i32 %" PRId32 "\n", what, v->of.i32); break;
    case WISP_I64: printf("%s i64 %" PRId64 "\n", what, v->of.i64); break;
    case WISP_F32:
        if ((v->of.f32_bits & 0x7fffffffu) > 0x7f800000u) printf("%s f32 nan\n", what);
        else printf("%s f32 0x%08" PRIx32 "\n", what, v->of.f32_bits);
        break;
    case WISP_F64:
        if ((v->of.f64_bits & UINT64_C(0x7fffffffffffffff)) > UINT64_C(0x7ff0000000000000)) printf("%s f64 nan\n", what);
        else printf("%s f64 0x%016" PRIx64 "\n", what, v->of.f64_bits);
        break;
    default: printf("%s ref %s\n", what, v->of.funcref ? "nonnull" : "null"); break;
    }
}

static struct wisp_result host_log(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                   struct wisp_value *results) {
    (void)env, (void)caller, (void)results;
    print_value("log", &args[0]);
    return wisp_ok();
}

/* Any other import: does nothing and returns zeros. */
static struct wisp_result host_nop(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                   struct wisp_value *results) {
    (void)caller, (void)args;
    const struct wisp_functype *t = env;
    for (uint32_t i = 0; i < t->result_count; i++) {
        memset(&results[i], 0, sizeof results[i]);
        results[i].type = t->results[i];
    }
    return wisp_ok();
}

static void zero_values(struct wisp_value *v, const uint8_t *types, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        memset(&v[i], 0, sizeof v[i]);
        v[i].type = types[i];
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: fuzz_run MODULE.wasm\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 2;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc((size_t)n);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) return 2;
    fclose(f);

    struct wisp_engine *e = wisp_engine_new(NULL);
    struct wisp_module *m = NULL;
    struct wisp_result r = wisp_module_new(e, buf, (size_t)n, &m);
    if (r.kind != WISP_OK) {
        printf("compile error\n");
        return 0;
    }
    struct wisp_store *s = wisp_store_new(e);
    size_t ni = wisp_module_import_count(m);
    struct wisp_extern *imps = calloc(ni + 1, sizeof *imps);
    for (size_t i = 0; i < ni; i++) {
        struct wisp_import_desc d;
        wisp_module_import(m, i, &d);
        if (d.type.kind != WISP_EXTERN_FUNC) {
            printf("unsupported import %s.%s\n", d.module, d.name);
            return 1;
        }
        bool log = strncmp(d.name, "log-", 4) == 0 && d.type.of.func.param_count == 1;
        struct wisp_functype *ft = malloc(sizeof *ft); /* host_nop's env; the arrays are the module's */
        *ft = d.type.of.func;
        imps[i].kind = WISP_EXTERN_FUNC;
        imps[i].of.func = wisp_func_new(s, ft, log ? host_log : host_nop, ft, free);
    }
    struct wisp_instance *inst = NULL;
    r = wisp_instance_new(s, m, imps, ni, &inst);
    if (r.kind != WISP_OK) {
        printf("instantiate: %s\n", r.kind == WISP_TRAP ? "trap" : "error");
        return 0;
    }
    struct wisp_extern hang;
    bool have_hang = wisp_instance_export(inst, "hangLimitInitializer", &hang) && hang.kind == WISP_EXTERN_FUNC;
    size_t ne = wisp_instance_export_count(inst);
    for (size_t i = 0; i < ne; i++) {
        const char *name;
        struct wisp_extern x;
        if (!wisp_instance_export_at(inst, i, &name, &x) || x.kind != WISP_EXTERN_FUNC) continue;
        if (strcmp(name, "hangLimitInitializer") == 0) continue;
        if (have_hang) {
            struct wisp_result hr = wisp_func_call(s, hang.of.func, NULL, 0, NULL, 0);
            wisp_result_free(&hr);
        }
        const struct wisp_functype *t = wisp_func_type(x.of.func);
        struct wisp_value args[64], res[64];
        if (t->param_count > 64 || t->result_count > 64) continue;
        zero_values(args, t->params, t->param_count);
        printf("call %s\n", name);
        fflush(stdout);
        r = wisp_func_call(s, x.of.func, args, t->param_count, res, t->result_count);
        if (r.kind == WISP_TRAP && r.trap != WISP_TRAP_CALL_STACK_EXHAUSTED && r.frame_count)
            printf("trap func %u @0x%llx\n", (unsigned)r.frames[0].func_index, (unsigned long long)r.frames[0].offset);
        else if (r.kind == WISP_TRAP) printf("trap\n");
        else if (r.kind != WISP_OK) printf("error\n");
        else
            for (uint32_t k = 0; k < t->result_count; k++) print_value("result", &res[k]);
        wisp_result_free(&r);
    }
    wisp_store_free(s);
    wisp_module_free(m);
    wisp_engine_free(e);
    free(imps);
    free(buf);
    return 0;
}
