/* capi_callback: the upstream "callback" example's behaviour. "print" (wasm_func_new) sees the
 * argument wasm computed and returns it; "closure" (wasm_func_new_with_env) reads its environment;
 * run(3, 4) = print(3 + 4) + closure() = 7 + 42. The environment's finalizer runs exactly once,
 * by the time the store is deleted. */
#include "capi_test.h"

static int32_t printed[8];
static size_t nprinted;
static int env_finalized;

static wasm_trap_t *print_callback(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    CHECK(args->size == 1 && results->size == 1);
    CHECK(args->data[0].kind == WASM_I32);
    CHECK(nprinted < sizeof printed / sizeof printed[0]);
    printed[nprinted++] = args->data[0].of.i32;
    wasm_val_copy(&results->data[0], &args->data[0]);
    return NULL;
}

struct closure_env {
    int32_t value;
    int calls;
};

static wasm_trap_t *closure_callback(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    struct closure_env *e = env;
    CHECK(args->size == 0 && results->size == 1);
    e->calls++;
    results->data[0].kind = WASM_I32;
    results->data[0].of.i32 = e->value;
    return NULL;
}

static void closure_finalizer(void *env) {
    struct closure_env *e = env;
    CHECK(e->value == 42);
    env_finalized++;
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    CHECK(engine && store);
    wasm_module_t *module = capi_compile(store, "callback");

    wasm_functype_t *print_type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
    wasm_func_t *print_func = wasm_func_new(store, print_type, print_callback);
    wasm_functype_delete(print_type);

    struct closure_env env = {42, 0};
    wasm_functype_t *closure_type = wasm_functype_new_0_1(wasm_valtype_new_i32());
    wasm_func_t *closure_func = wasm_func_new_with_env(store, closure_type, closure_callback, &env, closure_finalizer);
    wasm_functype_delete(closure_type);
    CHECK(print_func && closure_func);

    /* The types were copied: they are still there after the functype objects went away. */
    wasm_functype_t *t = wasm_func_type(closure_func);
    CHECK(wasm_functype_params(t)->size == 0);
    CHECK(wasm_functype_results(t)->size == 1);
    CHECK(wasm_valtype_kind(wasm_functype_results(t)->data[0]) == WASM_I32);
    wasm_functype_delete(t);

    /* Host functions can be called directly too, with and without their environment. */
    int32_t one = 11;
    CHECK(capi_call_i32(print_func, 1, &one) == 11);
    CHECK(capi_call_i32(closure_func, 0, NULL) == 42);
    CHECK(nprinted == 1 && env.calls == 1);
    nprinted = 0;
    env.calls = 0;

    wasm_extern_t *externs[] = {wasm_func_as_extern(print_func), wasm_func_as_extern(closure_func)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance != NULL);
    wasm_func_delete(print_func);
    wasm_func_delete(closure_func);

    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    wasm_func_t *run_func = capi_export_func(module, &exports, "run");
    wasm_module_delete(module);
    wasm_instance_delete(instance);

    wasm_val_t as[2] = {WASM_I32_VAL(3), WASM_I32_VAL(4)};
    wasm_val_t rs[1] = {WASM_INIT_VAL};
    wasm_val_vec_t args = WASM_ARRAY_VEC(as), results = WASM_ARRAY_VEC(rs);
    CHECK(wasm_func_call(run_func, &args, &results) == NULL);
    CHECK(rs[0].kind == WASM_I32);
    CHECK(rs[0].of.i32 == 49);
    CHECK(nprinted == 1 && printed[0] == 7);
    CHECK(env.calls == 1);

    int32_t two[2] = {-5, 1};
    CHECK(capi_call_i32(run_func, 2, two) == -4 + 42);
    CHECK(nprinted == 2 && printed[1] == -4);
    CHECK(env.calls == 2);

    wasm_extern_vec_delete(&exports);
    CHECK(env_finalized <= 1);
    wasm_store_delete(store);
    CHECK(env_finalized == 1);
    wasm_engine_delete(engine);
    printf("capi_callback: ok\n");
    return 0;
}
