/* capi_global: the upstream "global" example's behaviour. Host-made globals are imported, the
 * module exports its own; both are read and written from the host (wasm_global_get/set) and from
 * wasm (exported getters and setters), and every write is seen on the other side. */
#include <string.h>

#include "capi_test.h"

static wasm_global_t *make_global(wasm_store_t *store, wasm_valkind_t kind, wasm_mutability_t mut, wasm_val_t v) {
    wasm_globaltype_t *type = wasm_globaltype_new(wasm_valtype_new(kind), mut);
    CHECK(type != NULL);
    wasm_global_t *g = wasm_global_new(store, type, &v);
    CHECK(g != NULL);
    wasm_globaltype_delete(type);
    return g;
}

static void check_type(const wasm_global_t *g, wasm_valkind_t kind, wasm_mutability_t mut) {
    wasm_globaltype_t *t = wasm_global_type(g);
    CHECK(t != NULL);
    CHECK(wasm_valtype_kind(wasm_globaltype_content(t)) == kind);
    CHECK(wasm_globaltype_mutability(t) == mut);
    wasm_globaltype_delete(t);
}

static float get_f32(const wasm_global_t *g) {
    wasm_val_t v;
    wasm_global_get(g, &v);
    CHECK(v.kind == WASM_F32);
    return v.of.f32;
}

static int64_t get_i64(const wasm_global_t *g) {
    wasm_val_t v;
    wasm_global_get(g, &v);
    CHECK(v.kind == WASM_I64);
    return v.of.i64;
}

static wasm_val_t call_getter(const wasm_func_t *f) {
    wasm_val_t r[1] = {WASM_INIT_VAL};
    wasm_val_vec_t args = WASM_EMPTY_VEC, results = WASM_ARRAY_VEC(r);
    CHECK(wasm_func_call(f, &args, &results) == NULL);
    return r[0];
}

static float call_f32(const wasm_func_t *f) {
    wasm_val_t v = call_getter(f);
    CHECK(v.kind == WASM_F32);
    return v.of.f32;
}

static int64_t call_i64(const wasm_func_t *f) {
    wasm_val_t v = call_getter(f);
    CHECK(v.kind == WASM_I64);
    return v.of.i64;
}

static void call_setter(const wasm_func_t *f, wasm_val_t v) {
    wasm_val_t a[1] = {v};
    wasm_val_vec_t args = WASM_ARRAY_VEC(a), results = WASM_EMPTY_VEC;
    CHECK(wasm_func_call(f, &args, &results) == NULL);
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "global");

    wasm_global_t *const_f32_import = make_global(store, WASM_F32, WASM_CONST, (wasm_val_t)WASM_F32_VAL(1));
    wasm_global_t *const_i64_import = make_global(store, WASM_I64, WASM_CONST, (wasm_val_t)WASM_I64_VAL(2));
    wasm_global_t *var_f32_import = make_global(store, WASM_F32, WASM_VAR, (wasm_val_t)WASM_F32_VAL(3));
    wasm_global_t *var_i64_import = make_global(store, WASM_I64, WASM_VAR, (wasm_val_t)WASM_I64_VAL(4));

    wasm_extern_t *externs[] = {
        wasm_global_as_extern(const_f32_import), wasm_global_as_extern(const_i64_import),
        wasm_global_as_extern(var_f32_import), wasm_global_as_extern(var_i64_import)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance != NULL);

    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
#define GLOBAL(name) wasm_extern_as_global(capi_export(module, &exports, name))
#define FUNC(name) capi_export_func(module, &exports, name)
    wasm_global_t *const_f32_export = GLOBAL("const f32");
    wasm_global_t *const_i64_export = GLOBAL("const i64");
    wasm_global_t *var_f32_export = GLOBAL("var f32");
    wasm_global_t *var_i64_export = GLOBAL("var i64");
    CHECK(const_f32_export && const_i64_export && var_f32_export && var_i64_export);
    wasm_func_t *get_const_f32_import = FUNC("get const f32 import");
    wasm_func_t *get_const_i64_import = FUNC("get const i64 import");
    wasm_func_t *get_var_f32_import = FUNC("get var f32 import");
    wasm_func_t *get_var_i64_import = FUNC("get var i64 import");
    wasm_func_t *get_const_f32_export = FUNC("get const f32 export");
    wasm_func_t *get_const_i64_export = FUNC("get const i64 export");
    wasm_func_t *get_var_f32_export = FUNC("get var f32 export");
    wasm_func_t *get_var_i64_export = FUNC("get var i64 export");
    wasm_func_t *set_var_f32_import = FUNC("set var f32 import");
    wasm_func_t *set_var_i64_import = FUNC("set var i64 import");
    wasm_func_t *set_var_f32_export = FUNC("set var f32 export");
    wasm_func_t *set_var_i64_export = FUNC("set var i64 export");
    wasm_module_delete(module);
    wasm_instance_delete(instance);

    /* Types. */
    check_type(const_f32_import, WASM_F32, WASM_CONST);
    check_type(var_i64_import, WASM_I64, WASM_VAR);
    check_type(const_f32_export, WASM_F32, WASM_CONST);
    check_type(const_i64_export, WASM_I64, WASM_CONST);
    check_type(var_f32_export, WASM_F32, WASM_VAR);
    check_type(var_i64_export, WASM_I64, WASM_VAR);

    /* Initial values, from the host and from wasm. */
    CHECK(get_f32(const_f32_import) == 1);
    CHECK(get_i64(const_i64_import) == 2);
    CHECK(get_f32(var_f32_import) == 3);
    CHECK(get_i64(var_i64_import) == 4);
    CHECK(get_f32(const_f32_export) == 5);
    CHECK(get_i64(const_i64_export) == 6);
    CHECK(get_f32(var_f32_export) == 7);
    CHECK(get_i64(var_i64_export) == 8);
    CHECK(call_f32(get_const_f32_import) == 1);
    CHECK(call_i64(get_const_i64_import) == 2);
    CHECK(call_f32(get_var_f32_import) == 3);
    CHECK(call_i64(get_var_i64_import) == 4);
    CHECK(call_f32(get_const_f32_export) == 5);
    CHECK(call_i64(get_const_i64_export) == 6);
    CHECK(call_f32(get_var_f32_export) == 7);
    CHECK(call_i64(get_var_i64_export) == 8);

    /* Writes from the host are seen by wasm. */
    wasm_val_t v = WASM_F32_VAL(33);
    wasm_global_set(var_f32_import, &v);
    v = (wasm_val_t)WASM_I64_VAL(34);
    wasm_global_set(var_i64_import, &v);
    v = (wasm_val_t)WASM_F32_VAL(37);
    wasm_global_set(var_f32_export, &v);
    v = (wasm_val_t)WASM_I64_VAL(38);
    wasm_global_set(var_i64_export, &v);
    CHECK(get_f32(var_f32_import) == 33);
    CHECK(get_i64(var_i64_import) == 34);
    CHECK(get_f32(var_f32_export) == 37);
    CHECK(get_i64(var_i64_export) == 38);
    CHECK(call_f32(get_var_f32_import) == 33);
    CHECK(call_i64(get_var_i64_import) == 34);
    CHECK(call_f32(get_var_f32_export) == 37);
    CHECK(call_i64(get_var_i64_export) == 38);

    /* Writes from wasm are seen by the host, through the imported objects too. */
    call_setter(set_var_f32_import, (wasm_val_t)WASM_F32_VAL(73));
    call_setter(set_var_i64_import, (wasm_val_t)WASM_I64_VAL(74));
    call_setter(set_var_f32_export, (wasm_val_t)WASM_F32_VAL(77));
    call_setter(set_var_i64_export, (wasm_val_t)WASM_I64_VAL(INT64_MIN));
    CHECK(get_f32(var_f32_import) == 73);
    CHECK(get_i64(var_i64_import) == 74);
    CHECK(get_f32(var_f32_export) == 77);
    CHECK(get_i64(var_i64_export) == INT64_MIN);
    CHECK(call_f32(get_var_f32_import) == 73);
    CHECK(call_i64(get_var_i64_import) == 74);
    CHECK(call_f32(get_var_f32_export) == 77);
    CHECK(call_i64(get_var_i64_export) == INT64_MIN);

    /* A NaN keeps its payload on the way through. */
    uint32_t nan_bits = 0x7fa12345u, got_bits;
    float nan;
    memcpy(&nan, &nan_bits, sizeof nan);
    v.kind = WASM_F32;
    v.of.f32 = nan;
    wasm_global_set(var_f32_export, &v);
    float back = call_f32(get_var_f32_export);
    memcpy(&got_bits, &back, sizeof got_bits);
    CHECK(got_bits == nan_bits);

    /* The constants did not change. */
    CHECK(call_f32(get_const_f32_import) == 1);
    CHECK(call_i64(get_const_i64_export) == 6);

    wasm_global_delete(const_f32_import);
    wasm_global_delete(const_i64_import);
    wasm_global_delete(var_f32_import);
    wasm_global_delete(var_i64_import);
    wasm_extern_vec_delete(&exports);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_global: ok\n");
    return 0;
}
