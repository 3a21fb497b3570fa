/* capi_finalize: the upstream "finalize" example's behaviour. Host info with a finalizer is set on
 * many instances (and on modules, functions, globals and foreign objects) in two stores; every
 * finalizer runs exactly once with its own data, those of a store's objects by the time the store
 * is deleted, and none is left when everything is gone. */
#include "capi_test.h"

enum { ITERATIONS = 2000 };

static int live_count;
static int finalized[4 * ITERATIONS + 64];

static void finalize(void *data) {
    intptr_t i = (intptr_t)data;
    CHECK(i >= 0 && (size_t)i < sizeof finalized / sizeof finalized[0]);
    CHECK(finalized[i] == 0); /* exactly once */
    finalized[i]++;
    live_count--;
}

/* Instantiates the module ITERATIONS times in the store, tagging each instance with data from `base`. */
static void run_in_store(wasm_store_t *store, intptr_t base) {
    wasm_module_t *module = capi_compile(store, "finalize");
    wasm_module_set_host_info_with_finalizer(module, (void *)(base + ITERATIONS), finalize);
    live_count++;
    CHECK(wasm_module_get_host_info(module) == (void *)(base + ITERATIONS));
    wasm_extern_vec_t imports = WASM_EMPTY_VEC;
    for (intptr_t i = 0; i < ITERATIONS; i++) {
        wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
        CHECK(instance != NULL);
        wasm_instance_set_host_info_with_finalizer(instance, (void *)(base + i), finalize);
        CHECK(wasm_instance_get_host_info(instance) == (void *)(base + i));
        live_count++;
        if (i % 500 == 0) { /* now and then use the exports as well */
            wasm_extern_vec_t exports;
            wasm_instance_exports(instance, &exports);
            CHECK(exports.size == 3);
            CHECK(capi_call_i32(wasm_extern_as_func(exports.data[2]), 0, NULL) == 1);
            wasm_extern_vec_delete(&exports);
        }
        wasm_instance_delete(instance);
    }
    wasm_module_delete(module);
}

static wasm_trap_t *nop_callback(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)env;
    (void)args;
    (void)results;
    return NULL;
}

/* A function with an environment and host info (two finalizers), a global, foreign objects. */
static void other_objects(wasm_store_t *store, intptr_t base) {
    wasm_functype_t *ft = wasm_functype_new_0_0();
    wasm_func_t *func = wasm_func_new_with_env(store, ft, nop_callback, (void *)(base + 0), finalize);
    live_count++;
    wasm_functype_delete(ft);
    wasm_func_set_host_info_with_finalizer(func, (void *)(base + 1), finalize);
    live_count++;
    CHECK(wasm_func_get_host_info(func) == (void *)(base + 1));

    wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
    wasm_val_t v = WASM_I32_VAL(1);
    wasm_global_t *global = wasm_global_new(store, gt, &v);
    wasm_globaltype_delete(gt);
    wasm_global_set_host_info_with_finalizer(global, (void *)(base + 2), finalize);
    live_count++;

    wasm_foreign_t *foreign = wasm_foreign_new(store);
    wasm_foreign_set_host_info_with_finalizer(foreign, (void *)(base + 3), finalize);
    live_count++;
    wasm_foreign_t *foreign2 = wasm_foreign_copy(foreign); /* a second owner of the same object */
    CHECK(wasm_foreign_same(foreign, foreign2));
    CHECK(wasm_foreign_get_host_info(foreign2) == (void *)(base + 3));

    wasm_foreign_t *plain = wasm_foreign_new(store);
    wasm_foreign_set_host_info(plain, (void *)(base + 4)); /* no finalizer */
    CHECK(wasm_foreign_get_host_info(plain) == (void *)(base + 4));

    wasm_func_delete(func);
    wasm_global_delete(global);
    wasm_foreign_delete(foreign);
    wasm_foreign_delete(foreign2);
    wasm_foreign_delete(plain);
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();

    wasm_store_t *store1 = wasm_store_new(engine);
    run_in_store(store1, 0);
    CHECK(live_count >= 0 && live_count <= ITERATIONS + 1);

    wasm_store_t *store2 = wasm_store_new(engine);
    run_in_store(store2, ITERATIONS + 1);
    other_objects(store2, 4 * ITERATIONS);
    CHECK(live_count >= 0);
    wasm_store_delete(store2);
    /* Whatever store 1 still holds, store 2's are all gone. */
    for (int i = ITERATIONS + 1; i < 2 * ITERATIONS + 2; i++) CHECK(finalized[i] == 1);
    for (int i = 4 * ITERATIONS; i < 4 * ITERATIONS + 4; i++) CHECK(finalized[i] == 1);
    CHECK(live_count <= ITERATIONS + 1);

    run_in_store(store1, 2 * ITERATIONS + 2);
    wasm_store_delete(store1);
    CHECK(live_count == 0);
    for (int i = 0; i < 3 * ITERATIONS + 3; i++) CHECK(finalized[i] == 1);
    CHECK(finalized[4 * ITERATIONS + 4] == 0);

    wasm_engine_delete(engine);
    printf("capi_finalize: ok\n");
    return 0;
}
