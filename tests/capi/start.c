/* capi_start: the upstream "start" example's behaviour. Instantiating a module whose start
 * function traps returns NULL and hands back the trap, with its message, its origin frame (the
 * start function, at the unreachable instruction) and its trace. A start function that succeeds
 * runs exactly once per instantiation, before wasm_instance_new returns. */
#include "capi_test.h"

static int started_calls;
static int32_t started_arg;

static wasm_trap_t *started_callback(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    CHECK(args->size == 1 && results->size == 0);
    started_calls++;
    started_arg = args->data[0].of.i32;
    return NULL;
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);

    wasm_byte_vec_t binary;
    capi_read_wasm("start", &binary);
    wasm_module_t *module = wasm_module_new(store, &binary);
    CHECK(module != NULL);

    wasm_extern_vec_t imports = WASM_EMPTY_VEC;
    wasm_trap_t *trap = NULL;
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, &trap);
    CHECK(instance == NULL);
    CHECK(trap != NULL);
    CHECK(capi_trap_says(trap, "unreachable", false));

    wasm_frame_t *origin = wasm_trap_origin(trap);
    CHECK(origin != NULL);
    CHECK(wasm_frame_func_index(origin) == 0);
    size_t at = wasm_frame_module_offset(origin);
    CHECK(at < binary.size);
    CHECK(binary.data[at] == 0x00); /* the unreachable opcode */
    CHECK(wasm_frame_func_offset(origin) <= at);
    wasm_frame_t *copy = wasm_frame_copy(origin);
    CHECK(wasm_frame_func_index(copy) == 0 && wasm_frame_module_offset(copy) == at);
    wasm_frame_delete(copy);
    wasm_frame_delete(origin);

    wasm_frame_vec_t trace;
    wasm_trap_trace(trap, &trace);
    CHECK(trace.size == 1);
    CHECK(wasm_frame_func_index(trace.data[0]) == 0);
    CHECK(wasm_frame_module_offset(trace.data[0]) == at);
    wasm_frame_vec_delete(&trace);
    wasm_trap_delete(trap);

    /* NULL for the trap pointer is allowed: the failure is still reported by the NULL instance. */
    CHECK(wasm_instance_new(store, module, &imports, NULL) == NULL);
    wasm_module_delete(module);
    wasm_byte_vec_delete(&binary);

    /* A start function that succeeds. */
    module = capi_compile(store, "start_ok");
    wasm_functype_t *ft = wasm_functype_new_1_0(wasm_valtype_new_i32());
    wasm_func_t *started = wasm_func_new(store, ft, started_callback);
    wasm_functype_delete(ft);
    wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_VAR);
    wasm_val_t v = WASM_I32_VAL(10);
    wasm_global_t *g = wasm_global_new(store, gt, &v);
    wasm_globaltype_delete(gt);
    wasm_extern_t *externs[] = {wasm_func_as_extern(started), wasm_global_as_extern(g)};
    wasm_extern_vec_t imports2 = WASM_ARRAY_VEC(externs);
    for (int i = 1; i <= 3; i++) {
        trap = NULL;
        instance = wasm_instance_new(store, module, &imports2, &trap);
        CHECK(instance != NULL && trap == NULL);
        CHECK(started_calls == i);
        CHECK(started_arg == 10 + i);
        wasm_global_get(g, &v);
        CHECK(v.of.i32 == 10 + i);
        wasm_instance_delete(instance);
    }
    wasm_func_delete(started);
    wasm_global_delete(g);
    wasm_module_delete(module);

    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_start: ok\n");
    return 0;
}
