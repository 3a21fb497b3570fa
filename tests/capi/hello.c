/* capi_hello: the upstream "hello" example's behaviour. A host function without parameters is
 * imported, the module's "run" export calls it, and the call reaches the host exactly once. */
#include "capi_test.h"

static int hello_calls;

static wasm_trap_t *hello_callback(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    CHECK(args->size == 0);
    CHECK(results->size == 0);
    hello_calls++;
    return NULL;
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    CHECK(engine != NULL);
    wasm_store_t *store = wasm_store_new(engine);
    CHECK(store != NULL);
    wasm_module_t *module = capi_compile(store, "hello");

    wasm_functype_t *hello_type = wasm_functype_new_0_0();
    wasm_func_t *hello_func = wasm_func_new(store, hello_type, hello_callback);
    CHECK(hello_func != NULL);
    wasm_functype_delete(hello_type);

    wasm_extern_t *externs[] = {wasm_func_as_extern(hello_func)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_trap_t *trap = NULL;
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, &trap);
    CHECK(instance != NULL);
    CHECK(trap == NULL);
    wasm_func_delete(hello_func); /* the instance keeps what it imported alive */

    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    CHECK(exports.size == 1);
    CHECK(wasm_extern_kind(exports.data[0]) == WASM_EXTERN_FUNC);
    const wasm_func_t *run_func = wasm_extern_as_func(exports.data[0]);
    CHECK(run_func != NULL);
    CHECK(wasm_func_param_arity(run_func) == 0);
    CHECK(wasm_func_result_arity(run_func) == 0);

    /* Like the upstream example: the module and instance may go before their exports are used. */
    wasm_module_delete(module);
    wasm_instance_delete(instance);

    wasm_val_vec_t args = WASM_EMPTY_VEC, results = WASM_EMPTY_VEC;
    CHECK(hello_calls == 0);
    CHECK(wasm_func_call(run_func, &args, &results) == NULL);
    CHECK(hello_calls == 1);
    CHECK(wasm_func_call(run_func, &args, &results) == NULL);
    CHECK(hello_calls == 2);

    wasm_extern_vec_delete(&exports);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_hello: ok\n");
    return 0;
}
