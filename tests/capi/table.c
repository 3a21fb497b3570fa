/* capi_table: the upstream "table" example's behaviour. An exported funcref table is read and
 * written from the host (wasm and host functions, null), call_indirect sees every change, bad
 * indices fail or trap, the host grows it (wasm_table_grow, with and without an initial value)
 * up to its maximum, and a host-made table with min = max cannot grow. */
#include "capi_test.h"

static wasm_trap_t *neg_callback(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    CHECK(args->size == 1 && results->size == 1 && args->data[0].kind == WASM_I32);
    results->data[0].kind = WASM_I32;
    results->data[0].of.i32 = -args->data[0].of.i32;
    return NULL;
}

/* Is the table slot null (expected == NULL) or the same function as expected? */
static void check_slot(const wasm_table_t *table, uint32_t i, const wasm_func_t *expected) {
    wasm_ref_t *ref = wasm_table_get(table, i);
    if (!expected) {
        CHECK(ref == NULL);
        return;
    }
    CHECK(ref != NULL);
    const wasm_func_t *f = wasm_ref_as_func_const(ref);
    CHECK(f != NULL);
    CHECK(wasm_func_same(f, expected));
    CHECK(wasm_ref_same(ref, wasm_func_as_ref_const(expected)));
    wasm_ref_delete(ref);
}

static int32_t call_indirect(const wasm_func_t *ci, int32_t arg, int32_t index) {
    int32_t a[2] = {arg, index};
    return capi_call_i32(ci, 2, a);
}

static void check_indirect_trap(const wasm_func_t *ci, int32_t arg, int32_t index, const char *why) {
    int32_t a[2] = {arg, index}, r;
    wasm_trap_t *trap = capi_try_i32(ci, 2, a, &r);
    CHECK(trap != NULL);
    CHECK(capi_trap_says(trap, why, true));
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "table");
    wasm_instance_t *instance = wasm_instance_new(store, module, &(wasm_extern_vec_t)WASM_EMPTY_VEC, NULL);
    CHECK(instance != NULL);

    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    wasm_table_t *table = wasm_extern_as_table(capi_export(module, &exports, "table"));
    CHECK(table != NULL);
    wasm_func_t *ci = capi_export_func(module, &exports, "call_indirect");
    wasm_func_t *f = capi_export_func(module, &exports, "f");
    wasm_func_t *g = capi_export_func(module, &exports, "g");
    wasm_module_delete(module);
    wasm_instance_delete(instance);

    wasm_functype_t *neg_type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
    wasm_func_t *h = wasm_func_new(store, neg_type, neg_callback);
    CHECK(h != NULL);
    wasm_functype_delete(neg_type);

    /* As instantiated. */
    wasm_tabletype_t *tt = wasm_table_type(table);
    CHECK(wasm_valtype_kind(wasm_tabletype_element(tt)) == WASM_FUNCREF);
    CHECK(wasm_tabletype_limits(tt)->min == 2 && wasm_tabletype_limits(tt)->max == 10);
    wasm_tabletype_delete(tt);
    CHECK(wasm_table_size(table) == 2);
    check_slot(table, 0, NULL);
    check_slot(table, 1, f);
    CHECK(wasm_table_get(table, 2) == NULL); /* out of range: null, no crash */
    check_indirect_trap(ci, 7, 0, "uninitialized element");
    CHECK(call_indirect(ci, 7, 1) == 7);
    check_indirect_trap(ci, 0, 2, "undefined element");

    /* Host writes: wasm function, null, out of range. */
    CHECK(wasm_table_set(table, 0, wasm_func_as_ref(g)));
    CHECK(wasm_table_set(table, 1, NULL));
    CHECK(!wasm_table_set(table, 2, wasm_func_as_ref(f)));
    check_slot(table, 0, g);
    check_slot(table, 1, NULL);
    CHECK(call_indirect(ci, 7, 0) == 666);
    check_indirect_trap(ci, 7, 1, "uninitialized element");
    check_indirect_trap(ci, 0, 2, "undefined element");

    /* Host growth, then a host function in the table. */
    CHECK(wasm_table_grow(table, 3, NULL));
    CHECK(wasm_table_size(table) == 5);
    check_slot(table, 4, NULL);
    CHECK(wasm_table_set(table, 2, wasm_func_as_ref(f)));
    CHECK(wasm_table_set(table, 3, wasm_func_as_ref(h)));
    CHECK(!wasm_table_set(table, 5, NULL));
    check_slot(table, 2, f);
    check_slot(table, 3, h);
    CHECK(call_indirect(ci, 5, 2) == 5);
    CHECK(call_indirect(ci, 6, 3) == -6);
    check_indirect_trap(ci, 0, 4, "uninitialized element");
    check_indirect_trap(ci, 0, 5, "undefined element");

    /* Growth with an initial value fills the new slots with it. */
    CHECK(wasm_table_grow(table, 2, wasm_func_as_ref(h)));
    CHECK(wasm_table_size(table) == 7);
    check_slot(table, 5, h);
    check_slot(table, 6, h);
    CHECK(call_indirect(ci, 9, 6) == -9);

    /* The maximum is 10. */
    CHECK(!wasm_table_grow(table, 5, NULL));
    CHECK(wasm_table_size(table) == 7);
    CHECK(!wasm_table_grow(table, UINT32_MAX, NULL));
    CHECK(wasm_table_grow(table, 3, NULL));
    CHECK(wasm_table_size(table) == 10);
    CHECK(wasm_table_grow(table, 0, NULL));
    CHECK(!wasm_table_grow(table, 1, NULL));

    /* A host-made table of exactly 5 elements, initialised with a function. */
    wasm_limits_t limits = {5, 5};
    wasm_tabletype_t *type = wasm_tabletype_new(wasm_valtype_new_funcref(), &limits);
    wasm_table_t *table2 = wasm_table_new(store, type, wasm_func_as_ref(f));
    CHECK(table2 != NULL);
    wasm_tabletype_delete(type);
    CHECK(wasm_table_size(table2) == 5);
    check_slot(table2, 0, f);
    check_slot(table2, 4, f);
    CHECK(!wasm_table_grow(table2, 1, NULL));
    CHECK(wasm_table_grow(table2, 0, NULL));
    wasm_table_delete(table2);

    wasm_func_delete(h);
    wasm_extern_vec_delete(&exports);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_table: ok\n");
    return 0;
}
