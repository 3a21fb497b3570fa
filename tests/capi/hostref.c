/* capi_hostref: the upstream "hostref" example's behaviour. Foreign objects made by the host
 * (wasm_foreign_new), tagged with host info, travel into wasm and back as externref values: through
 * a mutable global, a table and a host function; they come back as the same reference (identity
 * and host info), null stays null, and copies are independent owners. */
#include "capi_test.h"

static int callback_calls;

static wasm_trap_t *identity_callback(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    CHECK(args->size == 1 && results->size == 1);
    CHECK(args->data[0].kind == WASM_ANYREF);
    callback_calls++;
    wasm_val_copy(&results->data[0], &args->data[0]);
    return NULL;
}

static wasm_val_t ref_val(wasm_ref_t *r) {
    wasm_val_t v = WASM_REF_VAL(r);
    v.kind = WASM_ANYREF;
    return v;
}

/* Calls func with the given arguments and at most one externref result (returned, owned). */
static wasm_ref_t *call(const wasm_func_t *func, size_t nargs, wasm_val_t *args, bool has_result) {
    wasm_val_t out[1] = {WASM_INIT_VAL};
    wasm_val_vec_t av = {nargs, args}, rv = {has_result ? 1 : 0, out};
    wasm_trap_t *trap = wasm_func_call(func, &av, &rv);
    CHECK(trap == NULL);
    if (!has_result) return NULL;
    CHECK(out[0].kind == WASM_ANYREF);
    return out[0].of.ref;
}

/* actual (owned, deleted here) is null when expected is, or the same reference with its host info. */
static void check(wasm_ref_t *actual, const wasm_ref_t *expected) {
    if (!expected) {
        CHECK(actual == NULL);
        return;
    }
    CHECK(actual != NULL);
    CHECK(wasm_ref_same(actual, expected));
    CHECK(wasm_ref_get_host_info(actual) == wasm_ref_get_host_info(expected));
    wasm_ref_delete(actual);
}

static wasm_ref_t *global_get(const wasm_func_t *f) { return call(f, 0, NULL, true); }

static void global_set(const wasm_func_t *f, wasm_ref_t *r) {
    wasm_val_t a[1] = {ref_val(r)};
    call(f, 1, a, false);
}

static wasm_ref_t *table_get(const wasm_func_t *f, int32_t i) {
    wasm_val_t a[1] = {WASM_I32_VAL(i)};
    return call(f, 1, a, true);
}

static void table_set(const wasm_func_t *f, int32_t i, wasm_ref_t *r) {
    wasm_val_t a[2] = {WASM_I32_VAL(i), ref_val(r)};
    call(f, 2, a, false);
}

static wasm_ref_t *func_call(const wasm_func_t *f, wasm_ref_t *r) {
    wasm_val_t a[1] = {ref_val(r)};
    return call(f, 1, a, true);
}

static int32_t is_null(const wasm_func_t *f, wasm_ref_t *r) {
    wasm_val_t a[1] = {ref_val(r)}, out[1] = {WASM_INIT_VAL};
    wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(out);
    CHECK(wasm_func_call(f, &av, &rv) == NULL);
    return out[0].of.i32;
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "hostref");

    wasm_functype_t *ft = wasm_functype_new_1_1(wasm_valtype_new_anyref(), wasm_valtype_new_anyref());
    wasm_func_t *f = wasm_func_new(store, ft, identity_callback);
    wasm_functype_delete(ft);
    wasm_extern_t *externs[] = {wasm_func_as_extern(f)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance != NULL);
    wasm_func_delete(f);

    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    wasm_global_t *global = wasm_extern_as_global(capi_export(module, &exports, "global"));
    wasm_table_t *table = wasm_extern_as_table(capi_export(module, &exports, "table"));
    CHECK(global && table);
    wasm_func_t *g_set = capi_export_func(module, &exports, "global.set");
    wasm_func_t *g_get = capi_export_func(module, &exports, "global.get");
    wasm_func_t *t_set = capi_export_func(module, &exports, "table.set");
    wasm_func_t *t_get = capi_export_func(module, &exports, "table.get");
    wasm_func_t *f_call = capi_export_func(module, &exports, "func.call");
    wasm_func_t *f_is_null = capi_export_func(module, &exports, "is_null");
    wasm_module_delete(module);
    wasm_instance_delete(instance);

    /* Two host references, told apart by their host info. */
    wasm_foreign_t *foreign1 = wasm_foreign_new(store);
    wasm_foreign_t *foreign2 = wasm_foreign_new(store);
    CHECK(foreign1 && foreign2);
    wasm_ref_t *host1 = wasm_foreign_as_ref(foreign1);
    wasm_ref_t *host2 = wasm_foreign_as_ref(foreign2);
    wasm_ref_set_host_info(host1, (void *)1);
    wasm_ref_set_host_info(host2, (void *)2);
    CHECK(wasm_foreign_get_host_info(foreign1) == (void *)1);
    CHECK(wasm_ref_as_foreign(host2) == foreign2);
    CHECK(!wasm_ref_same(host1, host2));
    CHECK(wasm_ref_as_func(host1) == NULL);

    /* Copies are the same reference and are owned separately. */
    check(NULL, NULL);
    check(wasm_ref_copy(host1), host1);
    check(wasm_ref_copy(host2), host2);
    wasm_val_t val = ref_val(wasm_ref_copy(host1));
    wasm_val_t val2;
    wasm_val_copy(&val2, &val);
    check(wasm_ref_copy(val.of.ref), host1);
    wasm_val_delete(&val);
    check(wasm_ref_copy(val2.of.ref), host1);
    wasm_val_delete(&val2);

    /* Through the global, from wasm and from the host. */
    check(global_get(g_get), NULL);
    global_set(g_set, host1);
    check(global_get(g_get), host1);
    global_set(g_set, host2);
    check(global_get(g_get), host2);
    global_set(g_set, NULL);
    check(global_get(g_get), NULL);
    wasm_global_get(global, &val);
    CHECK(val.kind == WASM_ANYREF && val.of.ref == NULL);
    val = ref_val(host2);
    wasm_global_set(global, &val);
    check(global_get(g_get), host2);
    wasm_global_get(global, &val);
    CHECK(val.kind == WASM_ANYREF);
    check(val.of.ref, host2);

    /* Through the table. */
    check(table_get(t_get, 0), NULL);
    check(table_get(t_get, 1), NULL);
    table_set(t_set, 0, host1);
    table_set(t_set, 1, host2);
    check(table_get(t_get, 0), host1);
    check(table_get(t_get, 1), host2);
    table_set(t_set, 0, NULL);
    check(table_get(t_get, 0), NULL);
    check(wasm_table_get(table, 2), NULL);
    CHECK(wasm_table_set(table, 2, host1));
    check(table_get(t_get, 2), host1);
    check(wasm_table_get(table, 2), host1);
    check(wasm_table_get(table, 1), host2);
    CHECK(wasm_table_grow(table, 2, host2));
    CHECK(wasm_table_size(table) == 12);
    check(table_get(t_get, 11), host2);

    /* Through a host function. */
    check(func_call(f_call, NULL), NULL);
    check(func_call(f_call, host1), host1);
    check(func_call(f_call, host2), host2);
    CHECK(callback_calls == 3);
    CHECK(is_null(f_is_null, NULL) == 1);
    CHECK(is_null(f_is_null, host1) == 0);

    /* The references stay valid while wasm holds them, after the host dropped its own. */
    wasm_ref_delete(host1);
    wasm_ref_t *kept = wasm_table_get(table, 2);
    CHECK(kept != NULL && wasm_ref_get_host_info(kept) == (void *)1);
    check(table_get(t_get, 2), kept);
    check(func_call(f_call, kept), kept);
    wasm_ref_delete(kept);

    wasm_ref_delete(host2);
    wasm_extern_vec_delete(&exports);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_hostref: ok\n");
    return 0;
}
