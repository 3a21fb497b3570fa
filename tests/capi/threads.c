/* capi_threads: the upstream "threads" example's behaviour. A module compiled once is shared
 * (wasm_module_share) and obtained in a store of its own by each of several threads, which
 * instantiate it with their own imports and run it repeatedly, concurrently; each thread's host
 * function sees that thread's id every time. */
#include <pthread.h>

#include "capi_test.h"

enum { N_THREADS = 8, N_REPS = 5 };

struct thread_arg {
    wasm_engine_t *engine;
    wasm_shared_module_t *shared;
    int32_t id;
    int calls;
    int wrong;
    bool ok;
};

static wasm_trap_t *hello_callback(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    struct thread_arg *t = env;
    (void)results;
    if (args->size != 1 || args->data[0].kind != WASM_I32 || args->data[0].of.i32 != t->id) t->wrong++;
    t->calls++;
    return NULL;
}

static void *run(void *p) {
    struct thread_arg *t = p;
    wasm_store_t *store = wasm_store_new(t->engine);
    wasm_module_t *module = store ? wasm_module_obtain(store, t->shared) : NULL;
    if (!module) return NULL;
    bool ok = true;
    for (int rep = 0; rep < N_REPS && ok; rep++) {
        wasm_functype_t *ft = wasm_functype_new_1_0(wasm_valtype_new_i32());
        wasm_func_t *func = wasm_func_new_with_env(store, ft, hello_callback, t, NULL);
        wasm_functype_delete(ft);
        wasm_val_t v = WASM_I32_VAL(t->id);
        wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
        wasm_global_t *global = wasm_global_new(store, gt, &v);
        wasm_globaltype_delete(gt);
        wasm_extern_t *externs[] = {wasm_func_as_extern(func), wasm_global_as_extern(global)};
        wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
        wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
        wasm_func_delete(func);
        wasm_global_delete(global);
        if (!instance) {
            ok = false;
            break;
        }
        wasm_extern_vec_t exports;
        wasm_instance_exports(instance, &exports);
        wasm_instance_delete(instance);
        const wasm_func_t *run_func = exports.size == 1 ? wasm_extern_as_func(exports.data[0]) : NULL;
        wasm_val_vec_t none = WASM_EMPTY_VEC, none2 = WASM_EMPTY_VEC;
        for (int call = 0; call < 3 && run_func; call++) {
            wasm_trap_t *trap = wasm_func_call(run_func, &none, &none2);
            if (trap) {
                wasm_trap_delete(trap);
                ok = false;
            }
        }
        if (!run_func) ok = false;
        wasm_extern_vec_delete(&exports);
    }
    wasm_module_delete(module);
    wasm_store_delete(store);
    t->ok = ok;
    return NULL;
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();

    /* Compile in a store that is gone before the threads start: the shared module outlives it. */
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "threads");
    wasm_shared_module_t *shared = wasm_module_share(module);
    CHECK(shared != NULL);
    wasm_module_delete(module);
    wasm_store_delete(store);

    static struct thread_arg args[N_THREADS];
    pthread_t threads[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        args[i] = (struct thread_arg){engine, shared, 100 + i, 0, 0, false};
        CHECK(pthread_create(&threads[i], NULL, run, &args[i]) == 0);
    }
    for (int i = 0; i < N_THREADS; i++) CHECK(pthread_join(threads[i], NULL) == 0);
    for (int i = 0; i < N_THREADS; i++) {
        if (!args[i].ok) fprintf(stderr, "thread %d failed\n", i);
        CHECK(args[i].ok);
        CHECK(args[i].calls == N_REPS * 3);
        CHECK(args[i].wrong == 0);
    }

    /* The shared module can still be obtained here, after the threads are done. */
    store = wasm_store_new(engine);
    module = wasm_module_obtain(store, shared);
    CHECK(module != NULL);
    wasm_importtype_vec_t im;
    wasm_module_imports(module, &im);
    CHECK(im.size == 2);
    wasm_importtype_vec_delete(&im);
    wasm_module_delete(module);
    wasm_store_delete(store);

    wasm_shared_module_delete(shared);
    wasm_engine_delete(engine);
    printf("capi_threads: ok\n");
    return 0;
}
