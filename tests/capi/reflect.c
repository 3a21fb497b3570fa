/* capi_reflect: the upstream "reflect" example's behaviour. The import and export types of a
 * module (names, kinds, function signatures, global content and mutability, table element and
 * limits, memory limits) are read back as written in the text, the types of an instance's
 * exported objects agree with them, and types survive copying. */
#include <string.h>

#include "capi_test.h"

static bool name_is(const wasm_name_t *n, const char *s) {
    return n->size == strlen(s) && (n->size == 0 || memcmp(n->data, s, n->size) == 0);
}

static void check_valtypes(const wasm_valtype_vec_t *v, size_t n, const wasm_valkind_t *kinds) {
    CHECK(v->size == n);
    for (size_t i = 0; i < n; i++) CHECK(wasm_valtype_kind(v->data[i]) == kinds[i]);
}

static void check_func(const wasm_externtype_t *et, size_t np, const wasm_valkind_t *p, size_t nr,
                       const wasm_valkind_t *r) {
    CHECK(wasm_externtype_kind(et) == WASM_EXTERN_FUNC);
    const wasm_functype_t *ft = wasm_externtype_as_functype_const(et);
    CHECK(ft != NULL);
    CHECK(wasm_externtype_as_globaltype_const(et) == NULL);
    check_valtypes(wasm_functype_params(ft), np, p);
    check_valtypes(wasm_functype_results(ft), nr, r);
}

static void check_global(const wasm_externtype_t *et, wasm_valkind_t k, wasm_mutability_t m) {
    CHECK(wasm_externtype_kind(et) == WASM_EXTERN_GLOBAL);
    const wasm_globaltype_t *gt = wasm_externtype_as_globaltype_const(et);
    CHECK(gt != NULL);
    CHECK(wasm_valtype_kind(wasm_globaltype_content(gt)) == k);
    CHECK(wasm_globaltype_mutability(gt) == m);
}

static void check_table(const wasm_externtype_t *et, wasm_valkind_t k, uint32_t min, uint32_t max) {
    CHECK(wasm_externtype_kind(et) == WASM_EXTERN_TABLE);
    const wasm_tabletype_t *tt = wasm_externtype_as_tabletype_const(et);
    CHECK(tt != NULL);
    CHECK(wasm_valtype_kind(wasm_tabletype_element(tt)) == k);
    CHECK(wasm_tabletype_limits(tt)->min == min);
    CHECK(wasm_tabletype_limits(tt)->max == max);
}

static void check_memory(const wasm_externtype_t *et, uint32_t min, uint32_t max) {
    CHECK(wasm_externtype_kind(et) == WASM_EXTERN_MEMORY);
    const wasm_memorytype_t *mt = wasm_externtype_as_memorytype_const(et);
    CHECK(mt != NULL);
    CHECK(wasm_memorytype_limits(mt)->min == min);
    CHECK(wasm_memorytype_limits(mt)->max == max);
}

static wasm_trap_t *never_called(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)args;
    (void)results;
    CHECK(!"the imported function is never called");
    return NULL;
}

static const wasm_valkind_t k_i64[] = {WASM_I64}, k_f32_f64[] = {WASM_F32, WASM_F64},
                            k_i32_f64_f32[] = {WASM_I32, WASM_F64, WASM_F32}, k_i32[] = {WASM_I32};

static void check_exports(const wasm_exporttype_vec_t *ex) {
    CHECK(ex->size == 4);
    CHECK(name_is(wasm_exporttype_name(ex->data[0]), "func"));
    check_func(wasm_exporttype_type(ex->data[0]), 3, k_i32_f64_f32, 1, k_i32);
    CHECK(name_is(wasm_exporttype_name(ex->data[1]), "global"));
    check_global(wasm_exporttype_type(ex->data[1]), WASM_F64, WASM_CONST);
    CHECK(name_is(wasm_exporttype_name(ex->data[2]), "table"));
    check_table(wasm_exporttype_type(ex->data[2]), WASM_FUNCREF, 0, 50);
    CHECK(name_is(wasm_exporttype_name(ex->data[3]), "memory"));
    check_memory(wasm_exporttype_type(ex->data[3]), 1, wasm_limits_max_default);
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "reflect");

    /* Imports. */
    wasm_importtype_vec_t im;
    wasm_module_imports(module, &im);
    CHECK(im.size == 3);
    CHECK(name_is(wasm_importtype_module(im.data[0]), "env") && name_is(wasm_importtype_name(im.data[0]), "fn"));
    check_func(wasm_importtype_type(im.data[0]), 1, k_i64, 2, k_f32_f64);
    CHECK(name_is(wasm_importtype_name(im.data[1]), "glob"));
    check_global(wasm_importtype_type(im.data[1]), WASM_I32, WASM_VAR);
    CHECK(name_is(wasm_importtype_name(im.data[2]), "tab"));
    check_table(wasm_importtype_type(im.data[2]), WASM_ANYREF, 1, wasm_limits_max_default);

    /* A copied vector is deep: it outlives the original. */
    wasm_importtype_vec_t im2;
    wasm_importtype_vec_copy(&im2, &im);
    wasm_importtype_vec_delete(&im);
    CHECK(im2.size == 3);
    check_table(wasm_importtype_type(im2.data[2]), WASM_ANYREF, 1, wasm_limits_max_default);
    wasm_importtype_t *one = wasm_importtype_copy(im2.data[0]);
    wasm_importtype_vec_delete(&im2);
    CHECK(name_is(wasm_importtype_name(one), "fn"));
    check_func(wasm_importtype_type(one), 1, k_i64, 2, k_f32_f64);
    wasm_importtype_delete(one);

    /* Exports. */
    wasm_exporttype_vec_t ex;
    wasm_module_exports(module, &ex);
    check_exports(&ex);
    wasm_exporttype_vec_delete(&ex);

    /* Building types by hand gives the same answers. */
    wasm_name_t n1, n2;
    wasm_name_new_from_string(&n1, "m");
    wasm_name_new_from_string(&n2, "x");
    wasm_limits_t lim = {3, 4};
    wasm_importtype_t *it = wasm_importtype_new(&n1, &n2, wasm_memorytype_as_externtype(wasm_memorytype_new(&lim)));
    CHECK(name_is(wasm_importtype_module(it), "m") && name_is(wasm_importtype_name(it), "x"));
    check_memory(wasm_importtype_type(it), 3, 4);
    wasm_importtype_delete(it);

    /* Instantiate with host objects of the imported types, then reflect on the live exports. */
    wasm_functype_t *fn_type = wasm_functype_new_1_2(wasm_valtype_new_i64(), wasm_valtype_new_f32(),
                                                     wasm_valtype_new_f64());
    wasm_func_t *fn = wasm_func_new(store, fn_type, never_called);
    CHECK(fn != NULL);
    wasm_functype_delete(fn_type);
    wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_VAR);
    wasm_val_t zero = WASM_I32_VAL(0);
    wasm_global_t *glob = wasm_global_new(store, gt, &zero);
    wasm_globaltype_delete(gt);
    wasm_limits_t tl = {1, wasm_limits_max_default};
    wasm_tabletype_t *tt = wasm_tabletype_new(wasm_valtype_new_anyref(), &tl);
    wasm_table_t *tab = wasm_table_new(store, tt, NULL);
    wasm_tabletype_delete(tt);
    CHECK(glob && tab);

    wasm_extern_t *externs[] = {wasm_func_as_extern(fn), wasm_global_as_extern(glob), wasm_table_as_extern(tab)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance != NULL);
    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    CHECK(exports.size == 4);
    static const wasm_externkind_t kinds[] = {WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_TABLE,
                                              WASM_EXTERN_MEMORY};
    for (size_t i = 0; i < exports.size; i++) {
        CHECK(wasm_extern_kind(exports.data[i]) == kinds[i]);
        wasm_externtype_t *et = wasm_extern_type(exports.data[i]);
        CHECK(et != NULL && wasm_externtype_kind(et) == kinds[i]);
        wasm_externtype_t *copy = wasm_externtype_copy(et);
        wasm_externtype_delete(et);
        if (i == 0) check_func(copy, 3, k_i32_f64_f32, 1, k_i32);
        if (i == 1) check_global(copy, WASM_F64, WASM_CONST);
        if (i == 2) check_table(copy, WASM_FUNCREF, 0, 50);
        if (i == 3) check_memory(copy, 1, wasm_limits_max_default);
        wasm_externtype_delete(copy);
    }
    const wasm_func_t *func = wasm_extern_as_func_const(exports.data[0]);
    CHECK(func != NULL);
    CHECK(wasm_func_param_arity(func) == 3 && wasm_func_result_arity(func) == 1);
    CHECK(wasm_extern_as_memory(exports.data[0]) == NULL);
    CHECK(wasm_extern_as_func(exports.data[3]) == NULL);

    wasm_extern_vec_delete(&exports);
    wasm_instance_delete(instance);
    wasm_func_delete(fn);
    wasm_global_delete(glob);
    wasm_table_delete(tab);
    wasm_module_delete(module);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_reflect: ok\n");
    return 0;
}
