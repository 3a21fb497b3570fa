/* The `spectest` host module the spec tests import, as the reference interpreter defines it:
 * print functions (which print nothing here), four immutable globals holding 666 / 666.6,
 * a funcref table of 10..20 elements and a memory of 1..2 pages. */
#include <string.h>

#include "spec.h"

static struct wisp_result spectest_print(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                         struct wisp_value *results) {
    (void)env;
    (void)caller;
    (void)args;
    (void)results;
    return wisp_ok();
}

/* Takes the result of a definition; on failure says which name and why. */
static bool defined(struct wisp_result r, const char *name, struct spec_buf *err) {
    bool ok = r.kind == WISP_OK;
    if (!ok) spec_buf_printf(err, "spectest.%s: %s", name, r.message ? r.message : "cannot define");
    wisp_result_free(&r);
    return ok;
}

static bool define_extern(struct wisp_linker *linker, const char *name, struct wisp_extern ext, bool made,
                          struct spec_buf *err) {
    if (!made) {
        spec_buf_printf(err, "spectest.%s: cannot create", name);
        return false;
    }
    return defined(wisp_linker_define(linker, "spectest", name, ext), name, err);
}

static bool define_global(struct wisp_linker *linker, struct wisp_store *store, const char *name,
                          struct wisp_value v, struct spec_buf *err) {
    struct wisp_globaltype gt = {.type = v.type, .mutable_ = false};
    struct wisp_extern ext = {.kind = WISP_EXTERN_GLOBAL, .of.global = wisp_global_new(store, &gt, v)};
    return define_extern(linker, name, ext, ext.of.global != NULL, err);
}

bool spec_define_spectest(struct wisp_linker *linker, struct wisp_store *store, struct spec_buf *err) {
    static const uint8_t p_i32[] = {WISP_I32}, p_i64[] = {WISP_I64}, p_f32[] = {WISP_F32}, p_f64[] = {WISP_F64},
                         p_i32_f32[] = {WISP_I32, WISP_F32}, p_f64_f64[] = {WISP_F64, WISP_F64};
    static const struct {
        const char *name;
        const uint8_t *params;
        uint32_t count;
    } prints[] = {
        {"print", NULL, 0},        {"print_i32", p_i32, 1},         {"print_i64", p_i64, 1},
        {"print_f32", p_f32, 1},   {"print_f64", p_f64, 1},         {"print_i32_f32", p_i32_f32, 2},
        {"print_f64_f64", p_f64_f64, 2},
    };
    for (size_t i = 0; i < sizeof prints / sizeof prints[0]; i++) {
        struct wisp_functype ft = {.param_count = prints[i].count, .result_count = 0, .params = prints[i].params,
                                   .results = NULL};
        if (!defined(wisp_linker_define_func(linker, "spectest", prints[i].name, &ft, spectest_print, NULL, NULL),
                     prints[i].name, err))
            return false;
    }

    float f32 = 666.6f;
    double f64 = 666.6;
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_I32;
    v.of.i32 = 666;
    if (!define_global(linker, store, "global_i32", v, err)) return false;
    memset(&v, 0, sizeof v);
    v.type = WISP_I64;
    v.of.i64 = 666;
    if (!define_global(linker, store, "global_i64", v, err)) return false;
    memset(&v, 0, sizeof v);
    v.type = WISP_F32;
    memcpy(&v.of.f32_bits, &f32, sizeof f32);
    if (!define_global(linker, store, "global_f32", v, err)) return false;
    memset(&v, 0, sizeof v);
    v.type = WISP_F64;
    memcpy(&v.of.f64_bits, &f64, sizeof f64);
    if (!define_global(linker, store, "global_f64", v, err)) return false;

    struct wisp_tabletype tt = {.elem_type = WISP_FUNCREF, .limits = {.min = 10, .max = 20, .has_max = true}};
    memset(&v, 0, sizeof v);
    v.type = WISP_FUNCREF;
    struct wisp_extern ext = {.kind = WISP_EXTERN_TABLE, .of.table = wisp_table_new(store, &tt, v)};
    if (!define_extern(linker, "table", ext, ext.of.table != NULL, err)) return false;

    struct wisp_memtype mt = {.limits = {.min = 1, .max = 2, .has_max = true}};
    ext.kind = WISP_EXTERN_MEMORY;
    ext.of.memory = wisp_memory_new(store, &mt);
    return define_extern(linker, "memory", ext, ext.of.memory != NULL, err);
}
